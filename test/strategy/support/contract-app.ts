import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import passport from 'passport';
import type { KakaoStrategy } from '../../../src/passport';

export interface ContractApp {
  url: string;
  callbackURL: string;
  close(): Promise<void>;
}

export interface ContractAppOptions {
  /** express-session in front of passport (default true). */
  session?: boolean;
  /** Per-request options of the login route (`passport.authenticate('kakao', …)`), given the app URL. */
  login?: (url: string) => Record<string, unknown>;
  /** Per-request options of the callback route, given the app URL. */
  callback?: (url: string) => Record<string, unknown>;
  /** Path of the callback route (default /auth/kakao/callback). */
  callbackPath?: string;
}

/**
 * A bare Express app around a strategy built by `build(callbackURL)`: `GET /auth/kakao` starts,
 * the callback answers JSON — `{ user, info }`, `{ failed: info, status }` or `{ error }` —
 * so each test sees exactly what the strategy did.
 */
export async function startContractApp(
  build: (callbackURL: string, url: string) => KakaoStrategy,
  options: ContractAppOptions = {},
): Promise<ContractApp> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const callbackPath = options.callbackPath ?? '/auth/kakao/callback';
  const callbackURL = `${url}${callbackPath}`;
  const auth = new passport.Passport();
  auth.use('kakao', build(callbackURL, url));
  const app = express();
  if (options.session !== false)
    app.use(session({ secret: 'contract-app', resave: false, saveUninitialized: false }));
  app.get('/auth/kakao', auth.authenticate('kakao', { session: false, ...options.login?.(url) }));
  app.get(callbackPath, (req: Request, res: Response, next: NextFunction) =>
    auth.authenticate(
      'kakao',
      { session: false, ...options.callback?.(url) },
      (err: Error | null, user: unknown, info: unknown, status: unknown) => {
        if (err) return res.status(500).json({ error: err.name, message: err.message });
        if (!user) return res.status(401).json({ failed: info ?? null, status: status ?? null });
        res.json({ user, info: info ?? null });
      },
    )(req, res, next),
  );
  server.on('request', app);
  return {
    url,
    callbackURL,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
