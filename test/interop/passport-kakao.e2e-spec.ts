import express from 'express';
import session from 'express-session';
import { Passport } from 'passport';
import { Strategy as PassportKakaoStrategy } from 'passport-kakao';
import request from 'supertest';
import { KakaoEmulator } from '../../src/testing';

/**
 * passport-kakao (the package most Kakao/Passport apps use) logs in against the emulator, so
 * teams can test an app they have not migrated. passport-kakao hard-codes kauth.kakao.com and
 * kapi.kakao.com with no option to change them; the test re-points its passport-oauth2 client,
 * as bench/apps/variants.ts does, because nothing here may call the real Kakao.
 */
describe('passport-kakao against the KakaoEmulator', () => {
  let kakao: KakaoEmulator;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ clientSecret: 'passport-kakao-secret' });
  });

  afterAll(async () => {
    await kakao.stop();
  });

  function app(clientSecret?: string) {
    const passport = new Passport();
    const strategy = new PassportKakaoStrategy(
      {
        clientID: kakao.clientID,
        ...(clientSecret ? { clientSecret } : {}),
        callbackURL: 'http://127.0.0.1/auth/kakao/callback',
        state: true,
      },
      (_accessToken, _refreshToken, profile, done) =>
        done(null, { id: profile.id, username: profile.username }),
    );
    strategy._oauth2._authorizeUrl = `${kakao.authBaseURL}/oauth/authorize`;
    strategy._oauth2._accessTokenUrl = `${kakao.authBaseURL}/oauth/token`;
    strategy._userProfileURL = `${kakao.apiBaseURL}/v2/user/me`;
    passport.use(strategy);
    passport.serializeUser((user, done) => done(null, user));
    passport.deserializeUser((user: Express.User, done) => done(null, user));
    const server = express();
    server.use(session({ secret: 'test-only', resave: false, saveUninitialized: false }));
    server.use(passport.initialize());
    server.use(passport.session());
    server.get('/auth/kakao', passport.authenticate('kakao'));
    server.get(
      '/auth/kakao/callback',
      passport.authenticate('kakao', { failureRedirect: '/login' }),
      (_req, res) => res.redirect('/me'),
    );
    server.get('/me', (req, res) => res.json(req.user ?? null));
    server.use(
      (
        error: Error & { code?: string },
        _req: express.Request,
        res: express.Response,
        _next: express.NextFunction,
      ) => res.status(500).json({ error: error.name, code: error.code, message: error.message }),
    );
    return server;
  }

  async function login(server: express.Express, userId: string) {
    kakao.setAutoApprove(userId);
    const browser = request.agent(server);
    const start = await browser.get('/auth/kakao').expect(302);
    const location = new URL(start.headers.location);
    expect(location.origin + location.pathname).toBe(`${kakao.authBaseURL}/oauth/authorize`);
    const atKakao = await fetch(location, { redirect: 'manual' });
    const callback = new URL(atKakao.headers.get('location')!);
    return { browser, callback: await browser.get(callback.pathname + callback.search) };
  }

  it('completes a login (state, code exchange with its secret, profile from /v2/user/me)', async () => {
    const server = app('passport-kakao-secret');
    const before = kakao.queryTokenRequests;
    const { browser, callback } = await login(server, '4012345678');
    expect(callback.status).toBe(302);
    expect(callback.headers.location).toBe('/me');
    const me = await browser.get('/me').expect(200);
    expect(me.body).toEqual({ id: 4012345678, username: '김민준' });
    // passport-kakao sends the token as ?access_token= (node-oauth's default for GET).
    expect(kakao.queryTokenRequests).toBe(before + 1);
  });

  it("shows passport-kakao's known pains: the dummy 'kakao' secret gets KOE010, and 19-digit ids are rounded", async () => {
    const noSecret = await login(app(), '4012345678');
    expect(noSecret.callback.status).toBe(500);
    const token = kakao.requests.filter((entry) => entry.path === '/oauth/token').at(-1)!;
    expect(token.form?.client_secret).toBe('kakao');
    // passport-oauth2's TokenError keeps error and description; Kakao's KOE010 is dropped.
    expect(noSecret.callback.body).toEqual({
      error: 'TokenError',
      code: 'invalid_client',
      message: 'Bad client credentials',
    });

    const { browser } = await login(app('passport-kakao-secret'), '1376016924426111111');
    const me = await browser.get('/me').expect(200);
    // The emulator sent the exact id (a bare JSON number); JSON.parse in passport-kakao rounds it.
    expect(me.body.id).not.toBe(1376016924426111111n.toString());
    expect(String(me.body.id)).toBe('1376016924426111200');
  });
});
