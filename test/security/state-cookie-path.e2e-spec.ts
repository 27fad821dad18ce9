import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import passport from 'passport';
import type { KakaoAuthModuleOptions } from '../../src';
import { KakaoConfigError, KakaoStrategy, type KakaoStrategyOptions } from '../../src/passport';
import { KakaoEmulator } from '../../src/testing';
import { bootError } from '../support/boot-error';
import { TestBrowser } from '../support/test-browser';

const STATE_SECRET = 'cookie-path-state-secret-of-32-characters';
const base: KakaoAuthModuleOptions = {
  clientID: 'rest-api-key',
  callbackURL: 'http://127.0.0.1:1/auth/kakao/callback',
  appId: '1000001',
};

/**
 * Issue #14 item 3: a `stateCookiePath` that does not cover both the login and the callback
 * route silently disabled the pending-login cap (the login route never saw the cookies: a browser
 * collected 9 and got 431 on its own callback) and broke the SPA handoff's binding cookie (`POST
 * exchange` always 401). Such a configuration is now refused at startup, naming the routes the
 * path must cover; on https the path must be `/` (the cookies are `__Host-` cookies).
 */
describe('security: stateCookiePath must cover the routes that use the cookies', () => {
  it.each<[string, Partial<KakaoAuthModuleOptions>, RegExp]>([
    [
      'session-less, a path covering the callback only',
      { session: false, onLogin: () => undefined, stateSecret: STATE_SECRET },
      /stateCookiePath "\/auth\/kakao\/callback" does not cover the login route \/auth\/kakao\/login.*login \/auth\/kakao\/login, callback \/auth\/kakao\/callback.*"\/auth\/kakao"/,
    ],
    [
      'SPA handoff, a path covering the callback only',
      { spaHandoff: true },
      /does not cover the login route \/auth\/kakao\/login and the exchange route \/auth\/kakao\/exchange/,
    ],
    [
      'token login, a path covering the callback only',
      { tokenLogin: true },
      /does not cover the nonce route \/auth\/kakao\/nonce and the token route \/auth\/kakao\/token/,
    ],
  ])('%s → refused at startup', async (_label, extra, message) => {
    const err = await bootError({ ...base, stateCookiePath: '/auth/kakao/callback', ...extra });
    expect(err).toBeInstanceOf(KakaoConfigError);
    expect((err as Error).message).toMatch(message);
  });

  it('a path that is a string prefix but not a parent (/auth/kak) does not cover /auth/kakao/…', async () => {
    const err = await bootError({ ...base, stateCookiePath: '/auth/kak', spaHandoff: true });
    expect((err as Error).message).toMatch(/does not cover the login route/);
  });

  it('a common parent path boots, with every feature on', async () => {
    for (const stateCookiePath of ['/auth/kakao', '/auth/kakao/', '/auth', '/']) {
      expect(
        await bootError({
          ...base,
          stateCookiePath,
          session: false,
          onLogin: () => undefined,
          stateSecret: STATE_SECRET,
          spaHandoff: true,
          tokenLogin: true,
        }),
      ).toBeUndefined();
    }
  });

  it('on https the path must be "/": the state cookies are __Host- cookies', async () => {
    const err = await bootError({
      ...base,
      callbackURL: 'https://app.example/auth/kakao/callback',
      session: false,
      onLogin: () => undefined,
      stateSecret: STATE_SECRET,
      stateCookiePath: '/auth/kakao',
    });
    expect((err as Error).message).toMatch(/stateCookiePath must be "\/".*__Host-/);
    const handoff = await bootError({
      ...base,
      callbackURL: 'https://app.example/auth/kakao/callback',
      spaHandoff: true,
      stateCookiePath: '/auth/kakao',
    });
    expect((handoff as Error).message).toMatch(/stateCookiePath must be "\/".*__Host-/);
  });

  describe('KakaoStrategy (plain Express)', () => {
    let kakao: KakaoEmulator;
    let server: Server;
    let url: string;

    beforeAll(async () => {
      kakao = await KakaoEmulator.start({ autoApprove: true });
      server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await kakao.stop();
    });

    const options = (stateCookiePath: string): KakaoStrategyOptions => ({
      clientID: kakao.clientID,
      callbackURL: `${url}/auth/kakao/callback`,
      authBaseURL: kakao.authBaseURL,
      apiBaseURL: kakao.apiBaseURL,
      stateSecret: STATE_SECRET,
      stateCookiePath,
    });

    it('refuses at construction a path that does not cover the callback', () => {
      expect(() => new KakaoStrategy(options('/login'), () => undefined)).toThrow(
        /stateCookiePath "\/login" does not cover the callback route \/auth\/kakao\/callback/,
      );
    });

    it('refuses the first login start on a route the path does not cover, before setting any cookie', async () => {
      const auth = new passport.Passport();
      auth.use(
        new KakaoStrategy(options('/auth/kakao/callback'), (_a, _r, p, done) =>
          done(null, { id: p.id }),
        ),
      );
      const app = express();
      app.get('/auth/kakao/login', (req, res, next) =>
        auth.authenticate('kakao', { session: false }, (err: unknown) =>
          res.status(500).json({ error: (err as Error).message }),
        )(req, res, next),
      );
      server.removeAllListeners('request');
      server.on('request', app);
      const browser = new TestBrowser();
      const res = await browser.get(`${url}/auth/kakao/login?x=1`);
      expect(res.status).toBe(500);
      expect(JSON.parse(res.body).error).toMatch(
        /stateCookiePath "\/auth\/kakao\/callback" does not cover the login route \/auth\/kakao\/login/,
      );
      expect(res.headers['set-cookie']).toBeUndefined();
    });
  });
});
