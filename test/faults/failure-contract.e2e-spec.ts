import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import passport from 'passport';
import { KakaoAuthError, KakaoStrategy, type KakaoStrategyOptions } from '../../src/passport';
import { KakaoEmulator } from '../../src/testing';
import { failureReason, toCallback, whoAmI } from '../support/login-steps';
import { type NestInstance, startNestInstance } from '../support/nest-instance';
import { TestBrowser } from '../support/test-browser';

/**
 * The failure table of the README, row by row, in plain Express (the README's quick start shape:
 * `failureRedirect` + `failureMessage`) and in the Nest module: whatever ends a login because of
 * the user or Kakao is a `fail` with a fixed reason; only the app's misconfiguration is an `error`
 * with the typed error, logged once with its fix.
 */
const TIMEOUT_MS = 400;

interface Row {
  name: string;
  reason: string;
  /** Arms the emulator, or rewrites the callback URL the browser comes back with. */
  arm(kakao: KakaoEmulator, callback: URL): void;
}

const denied =
  (error: string) =>
  (_kakao: KakaoEmulator, callback: URL): void => {
    callback.searchParams.delete('code');
    callback.searchParams.set('error', error);
    callback.searchParams.set('error_description', 'a description that must not be echoed');
  };

const FAIL_ROWS: Row[] = [
  { name: 'the user cancels', reason: 'access_denied', arm: denied('access_denied') },
  { name: 'consent is missing', reason: 'consent_required', arm: denied('consent_required') },
  {
    name: 'a bad, expired or reused code (KOE320)',
    reason: 'kakao_error',
    arm: (kakao) => kakao.faults.set('POST /oauth/token', { kakaoError: 'KOE320', times: 1 }),
  },
  {
    name: 'an invalid state',
    reason: 'invalid_state',
    arm: (_kakao, callback) => callback.searchParams.set('state', 'forged-state'),
  },
  {
    name: 'an invalid id_token',
    reason: 'invalid_id_token',
    arm: (kakao) =>
      kakao.onNextTokenResponse((b) => ({ ...b, id_token: kakao.mintIdToken({ nonce: 'other' }) })),
  },
  {
    name: 'Kakao answers 503',
    reason: 'kakao_unavailable',
    arm: (kakao) => kakao.faults.set('POST /oauth/token', { status: 503, times: 1 }),
  },
  {
    name: 'Kakao does not answer in time',
    reason: 'kakao_unavailable',
    arm: (kakao) => kakao.faults.set('POST /oauth/token', { hang: true, times: 1 }),
  },
  {
    name: 'the connection is reset',
    reason: 'kakao_unavailable',
    arm: (kakao) => kakao.faults.set('POST /oauth/token', { reset: true, times: 1 }),
  },
  {
    name: 'the rate limit (KOE237)',
    reason: 'rate_limited',
    arm: (kakao) => kakao.faults.set('POST /oauth/token', { kakaoError: 'KOE237', times: 1 }),
  },
  {
    name: 'the rate limit on /v2/user/me (-10)',
    reason: 'rate_limited',
    arm: (kakao) => kakao.faults.set('GET /v2/user/me', { kakaoError: -10, times: 1 }),
  },
];

interface MisconfigRow {
  name: string;
  fault: Parameters<KakaoEmulator['faults']['set']>[1];
  code?: string;
  error: string;
}

const ERROR_ROWS: MisconfigRow[] = [
  {
    name: 'KOE101 unknown client id',
    fault: { kakaoError: 'KOE101' },
    code: 'KOE101',
    error: 'invalid_client',
  },
  {
    name: 'KOE006 unregistered redirect URI',
    fault: { kakaoError: 'KOE006' },
    code: 'KOE006',
    error: 'invalid_request',
  },
  {
    name: 'KOE010 bad client secret',
    fault: { kakaoError: 'KOE010' },
    code: 'KOE010',
    error: 'invalid_client',
  },
  {
    name: 'invalid_client without a KOE code',
    fault: { status: 401, body: '{"error":"invalid_client","error_description":"Bad client"}' },
    error: 'invalid_client',
  },
];

interface ExpressApp {
  url: string;
  callbackURL: string;
  warnings: string[];
  errors: Error[];
  close(): Promise<void>;
}

/** The README's plain Express quick start, with the emulator's URLs and a JSON error handler. */
async function startReadmeExpressApp(
  kakao: KakaoEmulator,
  overrides: Partial<KakaoStrategyOptions> = {},
): Promise<ExpressApp> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const callbackURL = `${url}/auth/kakao/callback`;
  const warnings: string[] = [];
  const errors: Error[] = [];
  const auth = new passport.Passport();
  auth.use(
    new KakaoStrategy(
      {
        clientID: kakao.clientID,
        clientSecret: kakao.clientSecret,
        callbackURL,
        authBaseURL: kakao.authBaseURL,
        apiBaseURL: kakao.apiBaseURL,
        openid: true,
        timeoutMs: TIMEOUT_MS,
        logger: { warn: (line) => warnings.push(line) },
        ...overrides,
      },
      (_accessToken, _refreshToken, profile, done) => done(null, { id: profile.id }),
    ),
  );
  auth.serializeUser((user, done) => done(null, user));
  auth.deserializeUser((user: Express.User, done) => done(null, user));
  const app = express();
  app.use(session({ secret: 'failure-contract', resave: false, saveUninitialized: false }));
  app.use(auth.session());
  app.get('/auth/kakao', auth.authenticate('kakao'));
  app.get(
    '/auth/kakao/callback',
    auth.authenticate('kakao', {
      failureRedirect: '/login-failed',
      failureMessage: true,
      keepSessionInfo: true,
    }),
    (_req, res) => res.redirect('/'),
  );
  app.get('/login-failed', (req, res) => {
    const messages = (req.session as { messages?: string[] }).messages ?? [];
    res.json({ reason: messages[messages.length - 1] });
  });
  app.get('/me', (req, res) =>
    req.user ? res.json(req.user) : res.status(401).json({ error: 'not_logged_in' }),
  );
  app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
    errors.push(err);
    const e = err as Partial<KakaoAuthError>;
    res.status(500).json({ error: err.name, code: e.errorCode, hint: e.hint });
  });
  server.on('request', app);
  return {
    url,
    callbackURL,
    warnings,
    errors,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('failure contract: the same table in plain Express and the Nest module', () => {
  let kakao: KakaoEmulator;
  let plain: ExpressApp;
  let nest: NestInstance;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true, clientSecret: 'contract-secret' });
    plain = await startReadmeExpressApp(kakao);
    nest = await startNestInstance(kakao, ({ kakaoOptions }) => ({
      ...kakaoOptions,
      openid: true,
      timeoutMs: TIMEOUT_MS,
      successRedirect: '/welcome',
      failureRedirect: '/login-failed',
    }));
  });
  afterAll(async () => {
    await plain?.close();
    await nest?.close();
    await kakao?.stop();
  });
  afterEach(() => kakao.faults.clear());

  /** Login start → Kakao → the callback URL, for the Express app (its login route is /auth/kakao). */
  async function toExpressCallback(browser: TestBrowser): Promise<URL> {
    const res = await browser.follow(`${plain.url}/auth/kakao`, (u) =>
      u.startsWith(plain.callbackURL),
    );
    return new URL(res.location!);
  }

  describe.each(FAIL_ROWS.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    it(`plain Express: fail(${row.reason}) → failureRedirect, reason in failureMessage, no error`, async () => {
      const browser = new TestBrowser();
      const callback = await toExpressCallback(browser);
      row.arm(kakao, callback);
      const errorsBefore = plain.errors.length;
      const res = await browser.get(callback.href);
      expect(res.status).toBe(302);
      expect(res.location).toBe(`${plain.url}/login-failed`);
      const page = await browser.get(`${plain.url}/login-failed`);
      expect(JSON.parse(page.body)).toEqual({ reason: row.reason });
      expect(page.body).not.toContain('must not be echoed');
      expect(plain.errors.length).toBe(errorsBefore);
      expect((await browser.get(`${plain.url}/me`)).status).toBe(401);
    });

    it(`Nest: failureRedirect?error=${row.reason}`, async () => {
      const browser = new TestBrowser();
      const callback = new URL(await toCallback(browser, nest));
      row.arm(kakao, callback);
      const res = await browser.get(callback.href);
      expect(res.status).toBe(302);
      expect(failureReason(res.location, '/login-failed')).toBe(row.reason);
      expect(await whoAmI(browser, nest.url)).toBeUndefined();
    });
  });

  describe.each(ERROR_ROWS.map((r) => [r.name, r] as const))(
    'misconfiguration: %s',
    (_name, row) => {
      it('plain Express: error(KakaoAuthError with its hint) to the error handler, one log line with the fix', async () => {
        const warningsBefore = plain.warnings.length;
        for (let i = 0; i < 2; i++) {
          const browser = new TestBrowser();
          const callback = await toExpressCallback(browser);
          kakao.faults.set('POST /oauth/token', { ...row.fault, times: 1 });
          const res = await browser.get(callback.href);
          expect(res.status).toBe(500);
          const body = JSON.parse(res.body) as { error: string; code?: string; hint?: string };
          expect(body.error).toBe('KakaoAuthError');
          expect(body.code).toBe(row.code);
          if (row.code) expect(body.hint).toBeTruthy();
        }
        const err = plain.errors[plain.errors.length - 1] as KakaoAuthError;
        expect(err).toBeInstanceOf(KakaoAuthError);
        expect(err.error).toBe(row.error);
        // Two failed logins, one line: what Kakao said and how to fix it.
        const lines = plain.warnings.slice(warningsBefore);
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain(row.code ?? 'invalid_client');
        expect(lines[0]).toMatch(row.code ? /Kakao Login|clientID|REST API key/ : /Check clientID/);
      });

      it('Nest: failureRedirect?error=server_error, one log line with the fix', async () => {
        const before = nest.logs.length;
        for (let i = 0; i < 2; i++) {
          const browser = new TestBrowser();
          const callback = new URL(await toCallback(browser, nest));
          kakao.faults.set('POST /oauth/token', { ...row.fault, times: 1 });
          const res = await browser.get(callback.href);
          expect(failureReason(res.location, '/login-failed')).toBe('server_error');
        }
        const lines = nest.logs
          .slice(before)
          .filter((l) => l.includes(row.code ?? 'invalid_client'));
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain("the login cannot work until the app's configuration is fixed");
      });
    },
  );

  it('no row of the table showed a stack trace or a 500 in Nest', () => {
    expect(nest.logs.join('\n')).not.toMatch(/ExceptionsHandler|Internal server error|\n\s+at /);
  });
});
