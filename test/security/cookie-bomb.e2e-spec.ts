import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import passport, { type AuthenticateOptions } from 'passport';
import { KakaoStrategy } from '../../src/passport';
import { KakaoEmulator } from '../../src/testing';
import { TestBrowser } from '../support/test-browser';
import { failureReason, toCallback } from '../support/login-steps';
import { type NestInstance, startNestInstance } from '../support/nest-instance';

const FAILED = '/login-failed';
const STATE_SECRET = 'cookie-bomb-state-secret-of-32-characters';
/** What nginx accepts for one header line by default: the Cookie header must stay well below. */
const NGINX_HEADER_LINE = 8192;

/** The Cookie header the browser would send to the app, and the state cookies' share of it. */
function cookieHeader(browser: TestBrowser, url: string) {
  const jar = [...browser.cookiesFor(url)];
  const header = jar.map(([k, v]) => `${k}=${v}`).join('; ');
  const state = jar.filter(([k]) => k.startsWith('kakao_login'));
  return {
    header,
    stateBytes: state.reduce((sum, [k, v]) => sum + k.length + 1 + v.length, 0),
    stateCount: state.length,
  };
}

/**
 * Issue #14 item 1, the cookie bomb: login starts with a 2,048-character `returnTo` (which
 * `safeReturnTo` accepts) used to leave five ~3 KB state cookies on `Path=/` for ten minutes;
 * with a 900 B app cookie every request to the site, login included, then got 431 (400 behind
 * nginx). A pending login's cookie is now bounded (app state ≤ 512 B of JSON, refused beyond),
 * and all of a browser's state cookies together stay within 2 KB, the oldest dropped first.
 */
describe('security: cookie bomb through returnTo (session-less mode)', () => {
  let kakao: KakaoEmulator;
  let app: NestInstance;
  let plain: { url: string; server: Server; errors: unknown[] };

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
    app = await startNestInstance(
      kakao,
      ({ kakaoOptions }) => ({
        ...kakaoOptions,
        stateSecret: STATE_SECRET,
        failureRedirect: FAILED,
      }),
      { session: false },
    );
    plain = await startPlainExpress();
  });
  afterAll(async () => {
    await app.close();
    plain.server.closeAllConnections();
    await new Promise((resolve) => plain.server.close(resolve));
    await kakao.stop();
  });

  async function startPlainExpress() {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const errors: unknown[] = [];
    const auth = new passport.Passport();
    auth.use(
      new KakaoStrategy(
        {
          clientID: kakao.clientID,
          callbackURL: `${url}/auth/kakao/callback`,
          authBaseURL: kakao.authBaseURL,
          apiBaseURL: kakao.apiBaseURL,
          stateSecret: STATE_SECRET,
        },
        (_at, _rt, profile, done) => done(null, { id: profile.id }),
      ),
    );
    const web = express();
    web.get('/auth/kakao/login', (req, res, next) => {
      const data = typeof req.query.data === 'string' ? req.query.data : '';
      // KakaoStrategy takes app data as `state` (Passport's types say string).
      const options = { session: false, state: { data } } as unknown as AuthenticateOptions;
      auth.authenticate('kakao', options, (err: unknown) => {
        errors.push(err);
        res.status(500).json({ error: (err as Error).message });
      })(req, res, next);
    });
    server.on('request', web);
    return { url, server, errors };
  }

  it('five login starts with a 2,048-character returnTo are refused and leave no cookie', async () => {
    const victim = new TestBrowser();
    const returnTo = `/${'a'.repeat(2047)}`;
    for (let i = 0; i < 5; i++) {
      const res = await victim.get(`${app.url}/auth/kakao/login?returnTo=${returnTo}`);
      expect(failureReason(res.location, FAILED)).toBe('invalid_request');
    }
    expect(cookieHeader(victim, app.url).stateCount).toBe(0);
  });

  it('many login starts with the longest returnTo that fits keep the state cookies within 2 KB', async () => {
    const victim = new TestBrowser();
    victim.cookiesFor(app.url).set('app_prefs', 'x'.repeat(900));
    const returnTo = `/${'b'.repeat(480)}`;
    let last = '';
    for (let i = 0; i < 12; i++) {
      const res = await victim.get(`${app.url}/auth/kakao/login?returnTo=${returnTo}${i}`);
      expect(res.location?.startsWith(kakao.authBaseURL)).toBe(true);
      last = res.location!;
      const { stateBytes, stateCount, header } = cookieHeader(victim, app.url);
      expect(stateBytes).toBeLessThanOrEqual(2048);
      expect(stateCount).toBeLessThanOrEqual(5);
      expect(header.length).toBeLessThan(NGINX_HEADER_LINE / 2);
    }
    // The newest pending login still completes, to its own returnTo.
    const callback = (await victim.follow(last, (u) => u.startsWith(app.callbackURL))).location!;
    expect((await victim.get(callback)).location).toBe(`${app.url}${returnTo}11`);
    // And the login route stays reachable: a fresh login works.
    expect((await victim.get(await toCallback(victim, app))).location?.startsWith(app.url)).toBe(
      true,
    );
  });

  it('KakaoStrategy refuses app state beyond 512 bytes with an error that says so', async () => {
    const browser = new TestBrowser();
    const res = await browser.get(`${plain.url}/auth/kakao/login?data=${'c'.repeat(600)}`);
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body).error).toMatch(/app state .* 6\d\d bytes .* at most 512/);
    expect(browser.cookiesFor(plain.url).size).toBe(0);
    const ok = await browser.get(`${plain.url}/auth/kakao/login?data=${'c'.repeat(400)}`);
    expect(ok.status).toBe(302);
  });
});
