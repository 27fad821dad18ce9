import type { EmulatorFault } from '../../src/testing';
import { KakaoEmulator } from '../../src/testing';
import { failureReason, logIn, whoAmI } from '../support/login-steps';
import { type NestInstance, startNestInstance } from '../support/nest-instance';
import { watchProcessErrors } from '../support/process-watch';
import { type RunningApp, startExpressSample } from '../support/express-kakao-app';
import { TestBrowser } from '../support/test-browser';

/** A small timeout keeps the hang cases short; the bound checked is timeout + 1 s. */
const TIMEOUT_MS = 400;
const TEN_MB = 10 * 1024 * 1024;

type Endpoint = 'POST /oauth/token' | 'GET /v2/user/me';

interface FaultCase {
  name: string;
  fault: EmulatorFault;
  /** The reason of the Nest module's `failureRedirect?error=` and of plain Express's `fail()`. */
  reason: string;
}

/** Every fault, on both endpoints, with the failure reason it must end in. */
const FAULTS: Record<Endpoint, FaultCase[]> = {
  'POST /oauth/token': [
    {
      name: 'HTTP 500',
      fault: { status: 500 },
      reason: 'kakao_unavailable',
    },
    {
      name: 'HTTP 502',
      fault: { status: 502 },
      reason: 'kakao_unavailable',
    },
    {
      name: 'HTTP 503',
      fault: { status: 503 },
      reason: 'kakao_unavailable',
    },
    {
      name: 'a hang beyond the timeout',
      fault: { hang: true },
      reason: 'kakao_unavailable',
    },
    {
      name: 'a connection reset',
      fault: { reset: true },
      reason: 'kakao_unavailable',
    },
    {
      name: 'malformed JSON',
      fault: { malformedJson: true },
      reason: 'kakao_unavailable',
    },
    {
      name: 'an HTML error page',
      fault: { htmlError: true },
      reason: 'kakao_unavailable',
    },
    {
      name: 'a 10 MB body',
      fault: { oversizedBytes: TEN_MB },
      reason: 'kakao_unavailable',
    },
    {
      name: 'a 200 without access_token',
      fault: { status: 200, body: '{"token_type":"bearer"}' },
      reason: 'kakao_unavailable',
    },
    {
      name: 'rate limit KOE237',
      fault: { kakaoError: 'KOE237' },
      reason: 'rate_limited',
    },
    { name: 'HTTP 429', fault: { status: 429 }, reason: 'rate_limited' },
  ],
  'GET /v2/user/me': [
    {
      name: 'HTTP 500',
      fault: { status: 500 },
      reason: 'kakao_unavailable',
    },
    {
      name: 'HTTP 502',
      fault: { status: 502 },
      reason: 'kakao_unavailable',
    },
    {
      name: 'HTTP 503',
      fault: { status: 503 },
      reason: 'kakao_unavailable',
    },
    {
      name: 'a hang beyond the timeout',
      fault: { hang: true },
      reason: 'kakao_unavailable',
    },
    {
      name: 'a connection reset',
      fault: { reset: true },
      reason: 'kakao_unavailable',
    },
    {
      name: 'malformed JSON',
      fault: { malformedJson: true },
      reason: 'kakao_unavailable',
    },
    {
      name: 'an HTML error page',
      fault: { htmlError: true },
      reason: 'kakao_unavailable',
    },
    {
      name: 'a 10 MB body',
      fault: { oversizedBytes: TEN_MB },
      reason: 'kakao_unavailable',
    },
    {
      name: 'a 200 without a user id',
      fault: { status: 200, body: '{"id":null}' },
      reason: 'kakao_unavailable',
    },
    {
      name: 'rate limit -10 (HTTP 429)',
      fault: { kakaoError: -10 },
      reason: 'rate_limited',
    },
    {
      name: 'a bare HTTP 429',
      fault: { status: 429, body: 'Too Many Requests', contentType: 'text/plain' },
      reason: 'rate_limited',
    },
  ],
};

const CASES = Object.entries(FAULTS).flatMap(([endpoint, cases]) =>
  cases.map((c) => ({ ...c, endpoint: endpoint as Endpoint })),
);

describe('Kakao misbehaving: every fault ends in a fixed failure, and the next login works', () => {
  let kakao: KakaoEmulator;
  let nest: NestInstance;
  let plain: RunningApp;
  let processErrors: ReturnType<typeof watchProcessErrors>;

  beforeAll(async () => {
    processErrors = watchProcessErrors();
    kakao = await KakaoEmulator.start({ autoApprove: true, clientSecret: 'client-secret-x' });
    nest = await startNestInstance(kakao, ({ kakaoOptions }) => ({
      ...kakaoOptions,
      timeoutMs: TIMEOUT_MS,
      successRedirect: '/welcome',
      failureRedirect: '/login-failed',
    }));
    plain = await startExpressSample(kakao, { timeoutMs: TIMEOUT_MS });
  });
  afterAll(async () => {
    processErrors.stop();
    expect(processErrors.errors).toEqual([]);
    await nest?.close();
    await plain?.close();
    await kakao?.stop();
  });
  afterEach(async () => {
    kakao.faults.clear();
    kakao.clearRequests();
    // Rejections surface on a later tick: give them one before checking.
    await new Promise((resolve) => setImmediate(resolve));
    expect(processErrors.errors).toEqual([]);
  });

  /** A full login with the fault on; returns the callback's answer and how long it took. */
  async function loginWithFault(
    app: { url: string; callbackURL: string },
    c: FaultCase & { endpoint: Endpoint },
  ) {
    const browser = new TestBrowser();
    const callback = await (async () => {
      const res = await browser.follow(
        `${app.url}${app === plain ? '/auth/kakao' : '/auth/kakao/login'}`,
        (u) => u.startsWith(app.callbackURL),
      );
      return res.location!;
    })();
    kakao.faults.set(c.endpoint, c.fault);
    const started = Date.now();
    const res = await browser.get(callback);
    const elapsed = Date.now() - started;
    kakao.faults.clear();
    return { browser, res, elapsed };
  }

  describe.each(CASES.map((c) => [`${c.endpoint}: ${c.name}`, c] as const))('%s', (_label, c) => {
    it(`Nest: failureRedirect?error=${c.reason} within timeout + 1 s, no session, next login succeeds`, async () => {
      const { browser, res, elapsed } = await loginWithFault(nest, c);
      expect(res.status).toBe(302);
      expect(failureReason(res.location, '/login-failed')).toBe(c.reason);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(elapsed).toBeLessThan(TIMEOUT_MS + 1000);
      expect(await whoAmI(browser, nest.url)).toBeUndefined();

      const again = await logIn(browser, nest);
      expect(again.location).toBe(`${nest.url}/welcome`);
      expect(await whoAmI(browser, nest.url)).toBe(kakao.users[0].id);
    });

    it(`plain Express: fail(${c.reason}), so failureRedirect handles it within timeout + 1 s; next login succeeds`, async () => {
      const { browser, res, elapsed } = await loginWithFault(plain, c);
      expect(res.status).toBe(302);
      expect(res.location).toBe(`${plain.url}/login-failed?reason=${c.reason}`);
      expect(elapsed).toBeLessThan(TIMEOUT_MS + 1000);
      expect((await browser.get(`${plain.url}/profile`)).status).toBe(401);

      const again = await browser.follow(`${plain.url}/auth/kakao`);
      expect(again.url).toBe(`${plain.url}/profile`);
      expect(JSON.parse(again.body)).toMatchObject({ id: kakao.users[0].id });
    });
  });

  it('a slow answer within the timeout still logs in', async () => {
    kakao.faults.set('POST /oauth/token', { latencyMs: TIMEOUT_MS / 2 });
    kakao.faults.set('GET /v2/user/me', { latencyMs: TIMEOUT_MS / 2 });
    const browser = new TestBrowser();
    expect((await logIn(browser, nest)).location).toBe(`${nest.url}/welcome`);
    expect(await whoAmI(browser, nest.url)).toBe(kakao.users[0].id);
  });

  it('a connection reset on /v2/user/me is retried once (GET is idempotent); the token exchange never is', async () => {
    kakao.faults.set('GET /v2/user/me', { reset: true, times: 1 });
    const browser = new TestBrowser();
    expect((await logIn(browser, nest)).location).toBe(`${nest.url}/welcome`);
    // the emulator logs a request before it applies the fault: the reset one, then the retry
    expect(kakao.requests.filter((r) => r.path === '/v2/user/me')).toHaveLength(2);

    kakao.clearRequests();
    kakao.faults.set('POST /oauth/token', { reset: true, times: 1 });
    const other = new TestBrowser();
    expect(failureReason((await logIn(other, nest)).location, '/login-failed')).toBe(
      'kakao_unavailable',
    );
    expect(kakao.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(1);
  });

  describe('OpenID Connect: the JWKS endpoint failing', () => {
    let oidc: NestInstance;
    // A fresh instance per case: its JWKS cache is cold, so the first login fetches the keys.
    beforeEach(async () => {
      oidc = await startNestInstance(kakao, ({ kakaoOptions }) => ({
        ...kakaoOptions,
        openid: true,
        timeoutMs: TIMEOUT_MS,
        failureRedirect: '/login-failed',
      }));
    });
    afterEach(() => oidc.close());

    it.each([
      ['HTTP 503', { status: 503 }],
      ['a hang beyond the timeout', { hang: true }],
    ] as Array<[string, EmulatorFault]>)(
      '%s → kakao_unavailable (not invalid_id_token) until a retry 1 s later succeeds',
      async (_label, fault) => {
        kakao.faults.set('GET /.well-known/jwks.json', { ...fault, times: 1 });
        const browser = new TestBrowser();
        const started = Date.now();
        const first = await logIn(browser, oidc);
        expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1000);
        expect(failureReason(first.location, '/login-failed')).toBe('kakao_unavailable');
        // Within the retry delay the failure is reported again, without asking Kakao.
        const second = await logIn(browser, oidc);
        expect(failureReason(second.location, '/login-failed')).toBe('kakao_unavailable');
        expect(kakao.requests.filter((r) => r.path === '/.well-known/jwks.json')).toHaveLength(1);
        await new Promise((resolve) => setTimeout(resolve, 1100));
        expect((await logIn(browser, oidc)).location).toBe(`${oidc.url}/`);
        expect(await whoAmI(browser, oidc.url)).toBe(kakao.users[0].id);
      },
    );
  });

  it('the Nest app logged each failure without a stack trace or a 500', () => {
    const failures = nest.logs.filter((l) => l.includes('Kakao login failed'));
    expect(failures.length).toBeGreaterThanOrEqual(CASES.length);
    expect(nest.logs.join('\n')).not.toMatch(/ExceptionsHandler|Internal server error|\n\s+at /);
  });
});
