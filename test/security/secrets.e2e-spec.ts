import { inspect } from 'node:util';
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import {
  type KakaoProfile,
  KakaoStrategy,
  type KakaoStrategyOptions,
  type KakaoTokenResponse,
  type KakaoVerifyCallback,
  reasonForError,
  failureCause,
} from '../../src/passport';
import { KakaoEmulator } from '../../src/testing';
import { TestBrowser } from '../support/test-browser';
import { logIn, SAME_ORIGIN, toCallback } from '../support/login-steps';
import { type NestInstance, startNestInstance } from '../support/nest-instance';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const CLIENT_SECRET = 'CS-client-secret-5d1e0c7a9b';
const ADMIN_KEY = 'AK-admin-key-8f2b6e1d4c';
const STATE_SECRET = 'SS-state-secret-3a9c7e5b1d-of-32-characters';

/**
 * Drives the login paths that fail (Kakao errors, transport faults, forged id_tokens, replayed
 * codes, failing logout/unlink, a hook that throws) in KakaoAuthModule and in plain Express with
 * KakaoStrategy, then checks that no log line, console or stdout/stderr write, response, error
 * message, `String(error)`, `JSON.stringify(error)`, `inspect(error)` or stack holds the client
 * secret, the admin key, the state secret, an access / refresh / id token or an authorization
 * code.
 */
describe('security: secrets never reach logs, answers or errors', () => {
  let kakao: KakaoEmulator;
  let nest: NestInstance;
  let cookieMode: NestInstance;
  let plain: { url: string; callbackURL: string; server: Server };
  const secrets = new Set<string>([CLIENT_SECRET, ADMIN_KEY, STATE_SECRET]);
  const output: string[] = [];
  const errors: unknown[] = [];
  const restore: Array<() => void> = [];

  /** Tokens the app received, caught in validateUser (the only place they are meant to go). */
  const captureTokens = (tokens: {
    accessToken: string;
    refreshToken?: string;
    idToken?: string;
  }) => {
    for (const t of [tokens.accessToken, tokens.refreshToken, tokens.idToken])
      if (t) secrets.add(t);
  };

  beforeAll(async () => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
      const spy = jest
        .spyOn(console, method)
        .mockImplementation((...args: unknown[]) => void output.push(inspect(args)));
      restore.push(() => spy.mockRestore());
    }
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        output.push(String(chunk));
        return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restore.push(() => (stream.write = original));
    }
    kakao = await KakaoEmulator.start({
      autoApprove: true,
      clientSecret: CLIENT_SECRET,
      adminKey: ADMIN_KEY,
    });
    nest = await startNestInstance(kakao, ({ kakaoOptions }) => ({
      ...kakaoOptions,
      openid: true,
      timeoutMs: 300,
      failureRedirect: '/login-failed',
      validateUser: ({ profile, tokens }) => {
        captureTokens(tokens);
        // An app hook that fails while quoting the tokens it was given.
        if (profile.id === kakao.users[2].id)
          throw new Error(`could not store ${tokens.accessToken} / ${tokens.refreshToken}`);
        return { provider: 'kakao', id: profile.id, tokens };
      },
      onUnlink: () => {
        throw new Error(`app hook failed while holding ${ADMIN_KEY}`);
      },
    }));
    cookieMode = await startNestInstance(
      kakao,
      ({ kakaoOptions }) => ({
        ...kakaoOptions,
        stateSecret: STATE_SECRET,
        timeoutMs: 300,
        failureRedirect: '/login-failed',
        validateUser: ({ profile, tokens }) => {
          captureTokens(tokens);
          return { id: profile.id };
        },
      }),
      { session: false },
    );
    plain = await startPlainExpress({
      clientID: kakao.clientID,
      clientSecret: CLIENT_SECRET,
      callbackURL: '',
      authBaseURL: kakao.authBaseURL,
      apiBaseURL: kakao.apiBaseURL,
      openid: true,
      timeoutMs: 300,
    });
  });
  afterAll(async () => {
    for (const undo of restore) undo();
    await nest.close();
    await cookieMode.close();
    plain.server.closeAllConnections();
    await new Promise((resolve) => plain.server.close(resolve));
    await kakao.stop();
  });

  /** Plain Express + KakaoStrategy; errors from the strategy are kept for inspection. */
  async function startPlainExpress(options: KakaoStrategyOptions) {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const callbackURL = `${url}/auth/kakao/callback`;
    const auth = new passport.Passport();
    auth.use(
      new KakaoStrategy(
        { ...options, callbackURL },
        (
          accessToken: string,
          refreshToken: string | undefined,
          params: KakaoTokenResponse,
          profile: KakaoProfile,
          done: KakaoVerifyCallback,
        ) => {
          captureTokens({ accessToken, refreshToken, idToken: params.id_token });
          done(null, { id: profile.id });
        },
      ),
    );
    const app = express();
    app.use(session({ secret: 'plain-session-secret', resave: false, saveUninitialized: false }));
    app.get('/auth/kakao', auth.authenticate('kakao', { session: false }));
    app.get('/auth/kakao/callback', (req, res, next) =>
      auth.authenticate(
        'kakao',
        { session: false },
        (err: unknown, user: unknown, info: unknown) => {
          if (err) {
            errors.push(err);
            return res.status(502).json({ reason: reasonForError(err) });
          }
          // A failed login (Kakao's side) keeps its typed error out of `info`: check it too.
          const cause = failureCause(info);
          if (cause) errors.push(cause);
          res.json({ user, info });
        },
      )(req, res, next),
    );
    server.on('request', app);
    return { url, callbackURL, server };
  }

  /** A login whose callback is sent with `before` applied; the code is remembered as a secret. */
  async function attempt(
    app: { url: string; callbackURL: string },
    before: () => void = () => undefined,
    loginPath = '/auth/kakao/login',
  ): Promise<void> {
    const browser = new TestBrowser();
    const res = await browser.follow(`${app.url}${loginPath}`, (u) =>
      u.startsWith(app.callbackURL),
    );
    const callback = res.location!;
    secrets.add(new URL(callback).searchParams.get('code')!);
    before();
    const done = await browser.get(callback);
    output.push(done.body, String(done.headers.location ?? ''), JSON.stringify(done.headers));
    kakao.faults.clear();
  }

  const faults = () => [
    () => kakao.faults.set('POST /oauth/token', { status: 500 }),
    () => kakao.faults.set('POST /oauth/token', { malformedJson: true }),
    () => kakao.faults.set('POST /oauth/token', { htmlError: true }),
    () => kakao.faults.set('POST /oauth/token', { hang: true }),
    () => kakao.faults.set('POST /oauth/token', { reset: true }),
    () => kakao.faults.set('POST /oauth/token', { kakaoError: 'KOE320' }),
    () => kakao.faults.set('POST /oauth/token', { kakaoError: 'KOE010' }),
    () => kakao.faults.set('GET /v2/user/me', { kakaoError: -401 }),
    () => kakao.faults.set('GET /v2/user/me', { oversizedBytes: 2_000_000 }),
    () =>
      kakao.onNextTokenResponse((b) => ({
        ...b,
        id_token: kakao.mintIdToken({}, { alg: 'none' }),
      })),
    () => kakao.onNextTokenResponse((b) => ({ ...b, id_token: kakao.mintIdToken({ nonce: 'x' }) })),
    () => kakao.onNextTokenResponse((b) => ({ ...b, id_token: `${String(b.id_token)}x` })),
  ];

  it('drives every failing path', async () => {
    for (const app of [nest, cookieMode]) {
      await attempt(app); // a successful login: tokens and code are now known secrets
      for (const fault of faults()) await attempt(app, fault);
    }
    await attempt(plain, undefined, '/auth/kakao');
    for (const fault of faults()) await attempt(plain, fault, '/auth/kakao');

    // A replayed code: Kakao's KOE320 description echoes (a prefix of) the code.
    const browser = new TestBrowser();
    const first = new URL(await toCallback(browser, nest));
    await browser.get(first.href);
    const second = new URL(await toCallback(browser, nest));
    second.searchParams.set('code', first.searchParams.get('code')!);
    secrets.add(first.searchParams.get('code')!);
    await browser.get(second.href);

    // validateUser throws with the tokens in its message.
    kakao.setAutoApprove(kakao.users[2].id);
    try {
      const failing = new TestBrowser();
      await failing.follow(`${nest.url}/auth/kakao/login`);
    } finally {
      kakao.setAutoApprove(true);
    }

    // Logout and unlink with Kakao failing, and an onUnlink hook that throws with the admin key.
    const user = new TestBrowser();
    await logIn(user, nest);
    kakao.faults.set('POST /v1/user/logout', { status: 500, times: 1 });
    await user.request(`${nest.url}/auth/kakao/logout`, { method: 'POST', headers: SAME_ORIGIN });
    await logIn(user, nest);
    kakao.faults.set('POST /v1/user/unlink', { status: 500, times: 1 });
    output.push(
      (
        await user.request(`${nest.url}/auth/kakao/unlink`, {
          method: 'POST',
          headers: SAME_ORIGIN,
        })
      ).body,
    );
    await user.request(`${nest.url}/auth/kakao/unlink`, { method: 'POST', headers: SAME_ORIGIN });
    await kakao.sendUnlinkWebhook({
      userId: kakao.users[1].id,
      url: `${nest.url}/auth/kakao/webhooks/unlink`,
    });

    // Misconfigurations with secrets in reach.
    for (const options of [
      { clientID: '', clientSecret: CLIENT_SECRET, callbackURL: 'https://a.example/cb' },
      {
        clientID: 'k',
        clientSecret: CLIENT_SECRET,
        callbackURL: 'https://a.example/cb',
        stateSecret: 'SS-too-short',
      },
      {
        clientID: 'k',
        callbackURL: 'https://a.example/cb',
        stateSecret: [STATE_SECRET, 'SS-short-second'],
      },
    ]) {
      try {
        new KakaoStrategy(options as KakaoStrategyOptions, () => undefined);
      } catch (err) {
        errors.push(err);
      }
    }
    secrets.add('SS-too-short');
    secrets.add('SS-short-second');

    expect(errors.length).toBeGreaterThanOrEqual(faults().length + 3);
    // Nest's Logger is process-wide: both instances' lines land in one of the two arrays.
    const logged = [...nest.logs, ...cookieMode.logs];
    expect(logged.filter((l) => l.includes('Kakao login failed')).length).toBeGreaterThan(20);
    expect(logged.join('\n')).toContain(
      'onUnlink threw: Error: app hook failed while holding [redacted]',
    );
    expect(logged.join('\n')).toContain('Error: could not store [redacted] / [redacted]');
  });

  it('no secret, token or code appears anywhere', () => {
    const texts = [
      ...output,
      ...nest.logs,
      ...cookieMode.logs,
      ...errors.flatMap((err) => [
        String(err),
        JSON.stringify(err),
        inspect(err, { depth: 6 }),
        (err as Error).message,
        (err as Error).stack ?? '',
      ]),
    ];
    expect(texts.length).toBeGreaterThan(50);
    const all = texts.join('\n');
    const leaked = [...secrets].filter((s) => s.length >= 8 && all.includes(s));
    expect(leaked).toEqual([]);
    // Not even a recognisable piece of a token or code.
    const pieces = [...secrets].filter((s) => s.length >= 40).map((s) => s.slice(0, 12));
    expect(pieces.filter((p) => all.includes(p))).toEqual([]);
    expect(secrets.size).toBeGreaterThan(20);
  });
});
