import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import passport from 'passport';
import {
  type KakaoProfile,
  type KakaoTokenLoginParams,
  KakaoTokenStrategy,
  type KakaoTokenStrategyOptions,
  type KakaoVerifyCallback,
} from '../../../src/passport';
import type { KakaoEmulator } from '../../../src/testing';

export interface ExpressTokenApp {
  url: string;
  strategy: KakaoTokenStrategy;
  close(): Promise<void>;
}

/** Ids the verify callback refuses (done(null, false)). */
export const rejectedUsers = new Set<string>();

/**
 * Plain Express + passport + `KakaoTokenStrategy` on 127.0.0.1:0: `GET /auth/kakao/nonce`,
 * `POST /auth/kakao/token` (JSON answers through a custom callback) and
 * `POST /auth/kakao/token-default` (Passport's own failure handling).
 */
export async function startExpressTokenApp(
  kakao: KakaoEmulator,
  overrides: Partial<Omit<KakaoTokenStrategyOptions, 'passReqToCallback'>> = {},
): Promise<ExpressTokenApp> {
  const auth = new passport.Passport();
  const strategy = new KakaoTokenStrategy(
    {
      clientID: kakao.clientID,
      appId: kakao.appId,
      audiences: [kakao.nativeAppKey, kakao.javascriptKey],
      authBaseURL: kakao.authBaseURL,
      apiBaseURL: kakao.apiBaseURL,
      ...overrides,
    },
    // The 5-argument form needs its parameters annotated (as with KakaoStrategy's).
    (
      accessToken: string | undefined,
      _refreshToken: undefined,
      params: KakaoTokenLoginParams,
      profile: KakaoProfile,
      done: KakaoVerifyCallback,
    ) => {
      if (rejectedUsers.has(profile.id)) return done(null, false, { note: 'banned' });
      done(null, {
        id: profile.id,
        nickname: profile.nickname,
        source: profile.source,
        withAccessToken: accessToken !== undefined,
        appId: params.app_id,
      });
    },
  );
  auth.use(strategy);
  const app = express();
  app.get('/auth/kakao/nonce', (req, res, next) => {
    strategy.nonces.issue(req, res).then((nonce) => res.json(nonce), next);
  });
  app.post(
    '/auth/kakao/token',
    express.json(),
    express.urlencoded({ extended: false }),
    (req, res, next) => {
      auth.authenticate(
        'kakao-token',
        { session: false },
        (err: unknown, user: unknown, info: { reason?: string } | undefined, status?: number) => {
          if (err) return next(err);
          if (!user) return res.status(status ?? 401).json({ error: info?.reason, info });
          res.json({ user });
        },
      )(req, res, next);
    },
  );
  app.post(
    '/auth/kakao/token-default',
    express.json(),
    auth.authenticate('kakao-token', { session: false }),
    (req, res) => {
      res.json({ user: req.user });
    },
  );
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    strategy,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
