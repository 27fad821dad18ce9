import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import { KakaoStrategy, failureCause } from '../../src/passport';
import { KakaoEmulator } from '../../src/testing';
import { TestBrowser } from '../support/test-browser';
import { toCallback } from '../support/login-steps';
import { type NestInstance, startNestInstance } from '../support/nest-instance';

type Shape = [label: string, describe: (secret: string) => string];

/** How Kakao and proxies in front of it quote a code (issue #14 item 9). */
const CODE_SHAPES: Shape[] = [
  ['code=X (Kakao KOE320)', (x) => `authorization code not found for code=${x}`],
  ['code [X]', (x) => `invalid authorization code [${x}]`],
  ['{"code":"X"}', (x) => `bad request body {"code":"${x}","grant_type":"authorization_code"}`],
  ['invalid code X', (x) => `invalid code ${x}`],
  [
    'a URL with the code in its query',
    (x) =>
      `upstream https://kauth.kakao.com/oauth/token?grant_type=authorization_code&code=${x} failed`,
  ],
  [
    'a relative URL with the code in its query',
    (x) => `GET /auth/kakao/callback?state=abc&code=${x} rejected`,
  ],
];
/** How kapi and proxies quote an access token. */
const TOKEN_SHAPES: Shape[] = [
  ['token X', (x) => `this access token does not exist: ${x}`],
  ['Bearer X', (x) => `Authorization: Bearer ${x} rejected`],
  ['{"access_token":"X"}', (x) => `invalid {"access_token":"${x}"}`],
  [
    'a URL with the token in its query',
    (x) => `see https://kapi.kakao.com/v2/user/me?access_token=${x}`,
  ],
];

/**
 * Kakao's error descriptions (and a proxy's) echo the authorization code or the access token in
 * many shapes. Whatever the shape, neither the Nest module's log nor the typed error that plain
 * Express receives (message, inspect, JSON) may contain it.
 */
describe('security: codes and tokens are redacted from logs in every shape', () => {
  let kakao: KakaoEmulator;
  let nest: NestInstance;
  let plain: { url: string; callbackURL: string; server: Server; errors: unknown[] };

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
    nest = await startNestInstance(kakao, ({ kakaoOptions }) => ({
      ...kakaoOptions,
      failureRedirect: '/login-failed',
    }));
    plain = await startPlainExpress();
  });
  afterAll(async () => {
    await nest.close();
    plain.server.closeAllConnections();
    await new Promise((resolve) => plain.server.close(resolve));
    await kakao.stop();
  });
  afterEach(() => kakao.faults.clear());

  async function startPlainExpress() {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const callbackURL = `${url}/auth/kakao/callback`;
    const errors: unknown[] = [];
    const auth = new passport.Passport();
    auth.use(
      new KakaoStrategy(
        {
          clientID: kakao.clientID,
          clientSecret: kakao.clientSecret,
          callbackURL,
          authBaseURL: kakao.authBaseURL,
          apiBaseURL: kakao.apiBaseURL,
        },
        (_at, _rt, profile, done) => done(null, { id: profile.id }),
      ),
    );
    const app = express();
    app.use(session({ secret: 'redaction-secret', resave: false, saveUninitialized: false }));
    app.get('/auth/kakao/login', auth.authenticate('kakao', { session: false }));
    app.get('/auth/kakao/callback', (req, res, next) =>
      auth.authenticate(
        'kakao',
        { session: false },
        (err: unknown, user: unknown, info: unknown) => {
          // Kakao's refusals are fails now; the typed error behind one is what an app would log.
          const cause = err ?? failureCause(info);
          if (cause) errors.push(cause);
          res.status(cause ? 502 : 200).json({ ok: !cause && !!user });
        },
      )(req, res, next),
    );
    server.on('request', app);
    return { url, callbackURL, server, errors };
  }

  function texts(logsFrom: number, errorsFrom: number): string {
    const errors = plain.errors.slice(errorsFrom);
    expect(errors.length).toBe(1);
    return [
      ...nest.logs.slice(logsFrom),
      ...errors.flatMap((e) => [String(e), inspect(e, { depth: 5 }), JSON.stringify(e)]),
    ].join('\n');
  }

  it.each(CODE_SHAPES)('the code echoed as %s', async (_label, echo) => {
    const [logsFrom, errorsFrom] = [nest.logs.length, plain.errors.length];
    const codes: string[] = [];
    for (const app of [nest, plain]) {
      const browser = new TestBrowser();
      const callback = new URL(await toCallback(browser, app));
      const code = callback.searchParams.get('code')!;
      codes.push(code);
      kakao.faults.set('POST /oauth/token', {
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({
          error: 'invalid_grant',
          error_code: 'KOE320',
          error_description: echo(code),
        }),
        times: 1,
      });
      await browser.get(callback.href);
    }
    const all = texts(logsFrom, errorsFrom);
    expect(all).toContain('KOE320');
    expect(all).toContain('[redacted]');
    for (const code of codes) {
      expect(all).not.toContain(code);
      expect(all).not.toContain(code.slice(0, 12));
    }
  });

  it.each(TOKEN_SHAPES)('the access token echoed by /v2/user/me as %s', async (_label, echo) => {
    const [logsFrom, errorsFrom] = [nest.logs.length, plain.errors.length];
    const tokens: string[] = [];
    for (const app of [nest, plain]) {
      const browser = new TestBrowser();
      const callback = await toCallback(browser, app);
      kakao.onNextTokenResponse((body) => {
        const token = String(body.access_token);
        tokens.push(token);
        kakao.faults.set('GET /v2/user/me', {
          status: 401,
          contentType: 'application/json',
          body: JSON.stringify({ code: -401, msg: echo(token) }),
          times: 1,
        });
        return body;
      });
      await browser.get(callback);
    }
    const all = texts(logsFrom, errorsFrom);
    expect(all).toContain('-401');
    expect(tokens).toHaveLength(2);
    for (const token of tokens) {
      expect(all).not.toContain(token);
      expect(all).not.toContain(token.slice(0, 12));
    }
  });
});
