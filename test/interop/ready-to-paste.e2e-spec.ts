import express from 'express';
import session from 'express-session';
import { Passport } from 'passport';
import request from 'supertest';
import { describeEmulator } from '../../src/cli/emulator-banner';
import { KakaoStrategy } from '../../src/passport';
import { KakaoEmulator } from '../../src/testing';
import { parseEmulatorConfig } from '../../src/testing/emulator-config';

/** The env lines of the banner, read as dotenv would. */
function envFromBanner(banner: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const match of banner.matchAll(/^(KAKAO_[A-Z_]+)=(.*)$/gm)) env[match[1]] = match[2];
  return env;
}

describe("the banner's ready-to-paste configuration logs an Express app in", () => {
  let kakao: KakaoEmulator;
  let banner: string;

  beforeAll(async () => {
    const options = parseEmulatorConfig(
      JSON.stringify({
        autoApprove: '4012345678',
        app: {
          restApiKey: 'pasted-rest-api-key',
          clientSecret: 'pasted-client-secret',
          adminKey: 'pasted-admin-key',
          redirectURIs: ['http://127.0.0.1:3000/auth/kakao/callback'],
        },
      }),
    );
    kakao = await KakaoEmulator.start(options);
    banner = describeEmulator(kakao, { options });
  });

  afterAll(async () => {
    await kakao.stop();
  });

  it('prints every variable the quick starts read', () => {
    expect(envFromBanner(banner)).toEqual({
      KAKAO_CLIENT_ID: 'pasted-rest-api-key',
      KAKAO_CLIENT_SECRET: 'pasted-client-secret',
      KAKAO_CALLBACK_URL: 'http://127.0.0.1:3000/auth/kakao/callback',
      KAKAO_AUTH_BASE_URL: kakao.authBaseURL,
      KAKAO_API_BASE_URL: kakao.apiBaseURL,
      KAKAO_ADMIN_KEY: 'pasted-admin-key',
    });
  });

  it('an app configured only from those lines completes a login on the emulator', async () => {
    const env = envFromBanner(banner);
    const passport = new Passport();
    // The banner's Express snippet, reading `env` instead of process.env.
    passport.use(
      new KakaoStrategy(
        {
          clientID: env.KAKAO_CLIENT_ID,
          clientSecret: env.KAKAO_CLIENT_SECRET || undefined,
          callbackURL: env.KAKAO_CALLBACK_URL,
          authBaseURL: env.KAKAO_AUTH_BASE_URL,
          apiBaseURL: env.KAKAO_API_BASE_URL,
        },
        (_accessToken, _refreshToken, profile, done) => done(null, { id: profile.id }),
      ),
    );
    passport.serializeUser((user, done) => done(null, user));
    passport.deserializeUser((user: Express.User, done) => done(null, user));
    const app = express();
    app.use(session({ secret: 'test-only', resave: false, saveUninitialized: false }));
    app.use(passport.initialize());
    app.use(passport.session());
    app.get('/auth/kakao', passport.authenticate('kakao'));
    app.get(
      '/auth/kakao/callback',
      passport.authenticate('kakao', { failureRedirect: '/login' }),
      (_req, res) => res.redirect('/me'),
    );
    app.get('/me', (req, res) => res.json(req.user ?? null));

    const browser = request.agent(app);
    const start = await browser.get('/auth/kakao').expect(302);
    expect(start.headers.location).toMatch(new RegExp(`^${kakao.authBaseURL}/oauth/authorize\\?`));
    const atKakao = await fetch(start.headers.location, { redirect: 'manual' });
    const callback = new URL(atKakao.headers.get('location')!);
    expect(callback.origin + callback.pathname).toBe(env.KAKAO_CALLBACK_URL);
    await browser
      .get(callback.pathname + callback.search)
      .expect(302)
      .expect('location', '/me');
    expect((await browser.get('/me').expect(200)).body).toEqual({ id: '4012345678' });
    const token = kakao.requests.find((entry) => entry.path === '/oauth/token')!;
    expect(token.form?.client_secret).toBe('pasted-client-secret');
  });
});
