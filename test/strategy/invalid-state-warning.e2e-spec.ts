import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import { KakaoStrategy, type KakaoStrategyOptions } from '../../src/passport';
import { KakaoEmulator } from '../../src/testing';
import { TestBrowser } from '../support/test-browser';

/**
 * When a callback finds no pending login, the strategy logs one warning naming the likely cause
 * from what the request shows, at most once a minute per cause.
 */
interface WarnApp {
  url: string;
  port: number;
  callbackURL: string;
  warnings: string[];
  close(): Promise<void>;
}

const SESSION_SECRET = 'warning-tests-session-secret';

async function startWarnApp(
  kakao: KakaoEmulator,
  options: {
    session?: false | session.CookieOptions;
    strategy?: Partial<KakaoStrategyOptions>;
  } = {},
): Promise<WarnApp> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const callbackURL = `${url}/auth/kakao/callback`;
  const warnings: string[] = [];
  const auth = new passport.Passport();
  auth.use(
    new KakaoStrategy(
      {
        clientID: kakao.clientID,
        callbackURL,
        authBaseURL: kakao.authBaseURL,
        apiBaseURL: kakao.apiBaseURL,
        logger: { warn: (line) => warnings.push(line) },
        ...options.strategy,
      },
      (_at, _rt, profile, done) => done(null, { id: profile.id }),
    ),
  );
  const app = express();
  if (options.session !== false)
    app.use(
      session({
        secret: SESSION_SECRET,
        resave: false,
        saveUninitialized: false,
        cookie: options.session,
      }),
    );
  app.get('/auth/kakao', auth.authenticate('kakao', { session: false }));
  // A second login whose per-request callbackURL lies outside /auth/kakao (stateCookiePath tests).
  app.get(
    '/auth/kakao/elsewhere',
    auth.authenticate('kakao', {
      session: false,
      callbackURL: `${url}/cb/kakao`,
    } as passport.AuthenticateOptions),
  );
  app.get(['/auth/kakao/callback', '/cb/kakao'], (req, res, next) =>
    auth.authenticate(
      'kakao',
      { session: false },
      (err: Error | null, user: unknown, info: unknown) => {
        if (err) return res.status(500).json({ error: err.message });
        res.json(user ? { user } : { failed: info });
      },
    )(req, res, next),
  );
  server.on('request', app);
  return {
    url,
    port,
    callbackURL,
    warnings,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('invalid_state explains itself: one warning naming the likely cause', () => {
  let kakao: KakaoEmulator;
  const apps: WarnApp[] = [];

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()));
  });
  afterAll(() => kakao.stop());

  async function start(options?: Parameters<typeof startWarnApp>[1]) {
    const app = await startWarnApp(kakao, options);
    apps.push(app);
    return app;
  }

  /** Starts a login in `browser` (optionally with another Host header); the callback URL Kakao gives back. */
  async function toCallback(app: WarnApp, browser: TestBrowser, host?: string): Promise<string> {
    const start = await browser.get(`${app.url}/auth/kakao`, host ? { host } : undefined);
    const atKakao = await browser.get(start.location!);
    return atKakao.location!;
  }

  async function expectFailure(res: { body: string }) {
    expect(JSON.parse(res.body)).toMatchObject({ failed: { reason: 'invalid_state' } });
  }

  it('the login started on another host than the callback (localhost vs 127.0.0.1)', async () => {
    const app = await start();
    const callback = await toCallback(app, new TestBrowser(), `localhost:${app.port}`);
    // The browser keeps cookies per host: on 127.0.0.1 it has none of localhost's.
    await expectFailure(await new TestBrowser().get(callback));
    expect(app.warnings).toEqual([
      `KakaoStrategy: invalid_state: the login started on localhost:${app.port} but the callback came to 127.0.0.1:${app.port}; cookies are per host, so the browser did not send the login's cookie back. Open the app on the host of callbackURL, or set callbackURL to the host users open (localhost and 127.0.0.1 are different hosts).`,
    ]);
  });

  it('a Secure session cookie on http', async () => {
    const app = await start({ session: { secure: true } });
    const browser = new TestBrowser();
    const callback = await toCallback(app, browser);
    await expectFailure(await browser.get(callback));
    expect(app.warnings).toEqual([
      "KakaoStrategy: invalid_state: the session cookie is Secure but the request came over http, so the browser never kept it. Serve the app over https (behind a TLS proxy: app.set('trust proxy', 1)), or set cookie.secure only in production.",
    ]);
  });

  it('no cookie at all, warned once a minute however often it happens', async () => {
    const app = await start();
    for (let i = 0; i < 3; i++) {
      const callback = await toCallback(app, new TestBrowser());
      await expectFailure(await new TestBrowser().get(callback));
    }
    expect(app.warnings).toEqual([
      'KakaoStrategy: invalid_state: the callback came with no cookie at all, so there is no session to find the login in. Check that the login started in this browser on the same host, that cookies are not blocked, and that the session middleware runs before passport.',
    ]);
  });

  it('the state cookie path does not cover a per-request callback', async () => {
    // A stateCookiePath that misses the configured callback is refused at startup (security
    // suite); a per-request callbackURL elsewhere can still miss it, and then the warning says so.
    const app = await start({
      session: false,
      strategy: { stateSecret: 's'.repeat(32), stateCookiePath: '/auth/kakao' },
    });
    const browser = new TestBrowser();
    const begin = await browser.get(`${app.url}/auth/kakao/elsewhere`);
    const callback = (await browser.get(begin.location!)).location!;
    expect(new URL(callback).pathname).toBe('/cb/kakao');
    // A browser does not send a Path=/auth/kakao cookie to /cb/kakao (TestBrowser ignores cookie
    // paths, so a browser without the cookie plays that part).
    await expectFailure(await new TestBrowser().get(callback));
    expect(app.warnings).toEqual([
      'KakaoStrategy: invalid_state: the state cookie\'s path (/auth/kakao) does not cover the callback path /cb/kakao, so the browser did not send it. Set stateCookiePath to "/" or to a prefix of the callback path.',
    ]);
  });

  it('a state cookie sealed by an instance with another stateSecret', async () => {
    const a = await start({ session: false, strategy: { stateSecret: 'a'.repeat(32) } });
    const b = await start({ session: false, strategy: { stateSecret: 'b'.repeat(32) } });
    const browser = new TestBrowser();
    const callback = new URL(await toCallback(a, browser));
    const cookies = [...browser.cookiesFor(a.url)].map(([k, v]) => `${k}=${v}`).join('; ');
    await expectFailure(
      await new TestBrowser().get(`${b.url}/auth/kakao/callback${callback.search}`, {
        cookie: cookies,
      }),
    );
    expect(b.warnings).toEqual([
      'KakaoStrategy: invalid_state: a state cookie arrived but none opens with this stateSecret: the login was started by an instance with another stateSecret, or before a rotation that dropped the old secret. Give every instance the same stateSecret list; rotate by putting the new secret first and keeping the old one until logins in flight are done.',
    ]);
  });

  it('a login started on another instance whose session store is not shared', async () => {
    const a = await start();
    const b = await start();
    const browser = new TestBrowser();
    const callback = new URL(await toCallback(a, browser));
    const cookies = [...browser.cookiesFor(a.url)].map(([k, v]) => `${k}=${v}`).join('; ');
    expect(cookies).toContain('connect.sid=');
    await expectFailure(
      await new TestBrowser().get(`${b.url}/auth/kakao/callback${callback.search}`, {
        cookie: cookies,
      }),
    );
    expect(b.warnings).toEqual([
      'KakaoStrategy: invalid_state: the session holds no pending Kakao login: the login started on another instance whose session store is not shared (MemoryStore keeps sessions per process), the session expired, or a new session replaced it. Use one shared session store (e.g. Redis) for every instance.',
    ]);
  });

  it('a replayed callback (the state was already used)', async () => {
    const app = await start();
    const browser = new TestBrowser();
    const callback = await toCallback(app, browser);
    expect(JSON.parse((await browser.get(callback)).body).user).toBeDefined();
    await expectFailure(await browser.get(callback));
    expect(app.warnings).toEqual([
      'KakaoStrategy: invalid_state: no pending login matches this state: it was already used (a replayed or double-submitted callback), it expired (stateTtlSeconds), or it was dropped because more than maxPendingLogins logins were started in this browser.',
    ]);
  });

  it('a callback without a state parameter', async () => {
    const app = await start();
    const browser = new TestBrowser();
    const callback = new URL(await toCallback(app, browser));
    callback.searchParams.delete('state');
    await expectFailure(await browser.get(callback.href));
    expect(app.warnings).toEqual([
      "KakaoStrategy: invalid_state: the callback has no state parameter. Start every login at the app's login route (passport.authenticate('kakao')), never with a hand-made Kakao URL.",
    ]);
  });

  it('nothing is logged for a login that works', async () => {
    const app = await start();
    const browser = new TestBrowser();
    expect(JSON.parse((await browser.get(await toCallback(app, browser))).body).user).toBeDefined();
    expect(app.warnings).toEqual([]);
  });
});
