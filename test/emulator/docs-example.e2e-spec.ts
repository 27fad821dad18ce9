/**
 * The example of docs/emulator.md, run as a test so the docs cannot drift. In an app the imports
 * are 'nestjs-kakao-auth/passport' and 'nestjs-kakao-auth/testing'.
 */
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import request from 'supertest';
import { KakaoStrategy } from '../../src/passport';
import { KakaoEmulator } from '../../src/testing';

describe('Kakao login (e2e, against the KakaoEmulator)', () => {
  let kakao: KakaoEmulator;
  let app: express.Express;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });

    app = express();
    app.use(session({ secret: 'test-only', resave: false, saveUninitialized: false }));
    app.use(passport.initialize());
    app.use(passport.session());
    passport.serializeUser((user, done) => done(null, user));
    passport.deserializeUser((user: Express.User, done) => done(null, user));
    passport.use(
      new KakaoStrategy(
        {
          clientID: kakao.clientID,
          callbackURL: 'http://127.0.0.1/auth/kakao/callback',
          authBaseURL: kakao.authBaseURL,
          apiBaseURL: kakao.apiBaseURL,
        },
        (_accessToken, _refreshToken, profile, done) =>
          done(null, { id: profile.id, nickname: profile.displayName }),
      ),
    );
    app.get('/auth/kakao', passport.authenticate('kakao'));
    app.get(
      '/auth/kakao/callback',
      passport.authenticate('kakao', { failureRedirect: '/login' }),
      (_req, res) => res.redirect('/me'),
    );
    app.get('/me', (req, res) => res.json(req.user ?? null));
  });

  afterAll(async () => {
    await kakao.stop();
  });

  it('logs a Kakao user in', async () => {
    const browser = request.agent(app);
    // 1. The app sends the browser to Kakao (here: the emulator).
    const start = await browser.get('/auth/kakao').expect(302);
    expect(start.headers.location.startsWith(`${kakao.authBaseURL}/oauth/authorize?`)).toBe(true);
    // 2. The emulator approves at once (autoApprove) and redirects back with a code.
    const atKakao = await fetch(start.headers.location, { redirect: 'manual' });
    const callback = new URL(atKakao.headers.get('location')!);
    // 3. The app exchanges the code and loads the profile from the emulator.
    await browser
      .get(callback.pathname + callback.search)
      .expect(302)
      .expect('location', '/me');
    const me = await browser.get('/me').expect(200);
    expect(me.body).toEqual({ id: '4012345678', nickname: '김민준' });
    // The library never put the token in a URL.
    expect(kakao.queryTokenRequests).toBe(0);
  });

  it('reports a user who cancels on the consent page as a failed login', async () => {
    kakao.setAutoApprove(false);
    const browser = request.agent(app);
    const start = await browser.get('/auth/kakao').expect(302);
    const page = await (await fetch(start.headers.location)).text();
    const transactionId = /name="transaction_id" value="([^"]+)"/.exec(page)![1];
    const cancel = await fetch(`${kakao.authBaseURL}/oauth/authorize/decision`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ transaction_id: transactionId, action: 'cancel' }),
    });
    const callback = new URL(cancel.headers.get('location')!);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    await browser
      .get(callback.pathname + callback.search)
      .expect(302)
      .expect('location', '/login');
    kakao.setAutoApprove(true);
  });
});
