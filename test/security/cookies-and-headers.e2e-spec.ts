import { KakaoEmulator } from '../../src/testing';
import { type BrowserResponse, TestBrowser } from '../support/test-browser';
import { failureReason, logIn, toCallback, whoAmI } from '../support/login-steps';
import { type NestInstance, startNestInstance } from '../support/nest-instance';

const FAILED = '/login-failed';
const PUBLIC_HTTPS = 'https://app.example';
const STATE_SECRET = 'cookie-flags-state-secret-of-32-characters';
const BEHIND_TLS_PROXY = { 'x-forwarded-proto': 'https' };

const setCookies = (res: BrowserResponse) =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []);

/**
 * Cookie flags (the module's sealed state cookie, and the session cookie behind a TLS proxy),
 * the headers every callback answer carries, and Kakao's error_description never reaching the
 * browser.
 */
describe('security: cookies and response headers', () => {
  let kakao: KakaoEmulator;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
  });
  afterAll(() => kakao.stop());
  beforeEach(() => {
    kakao.faults.clear();
    kakao.clearRequests();
  });

  /**
   * A login against an instance whose public URL is https (a TLS proxy in front): requests carry
   * X-Forwarded-Proto, and Kakao's redirect to the public callback is delivered to the instance.
   */
  async function loginBehindProxy(app: NestInstance, browser: TestBrowser) {
    const start = await browser.get(`${app.url}/auth/kakao/login`, BEHIND_TLS_PROXY);
    const authorize = await browser.get(start.location!);
    const publicCallback = new URL(authorize.location!);
    expect(publicCallback.origin).toBe(PUBLIC_HTTPS);
    const done = await browser.get(
      `${app.url}${publicCallback.pathname}${publicCallback.search}`,
      BEHIND_TLS_PROXY,
    );
    return { start, done };
  }

  describe('the sealed state cookie (session-less mode)', () => {
    it('is HttpOnly, SameSite=Lax, Path=/, short-lived, and not Secure on an http callbackURL', async () => {
      const app = await startNestInstance(
        kakao,
        ({ kakaoOptions }) => ({ ...kakaoOptions, stateSecret: STATE_SECRET }),
        { session: false },
      );
      try {
        const start = await new TestBrowser().get(`${app.url}/auth/kakao/login`);
        expect(setCookies(start)).toEqual([
          expect.stringMatching(/^kakao_login-bind=[\w-]{22}; Path=\/; HttpOnly; SameSite=Lax$/),
          expect.stringMatching(
            /^kakao_login\.[\w-]{12}=[\w-]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax$/,
          ),
        ]);
      } finally {
        await app.close();
      }
    });

    it('is Secure when the callbackURL is https, set and cleared alike', async () => {
      const app = await startNestInstance(
        kakao,
        ({ kakaoOptions }) => ({ ...kakaoOptions, stateSecret: STATE_SECRET }),
        { session: false, trustProxy: 1, publicURL: PUBLIC_HTTPS },
      );
      try {
        const browser = new TestBrowser();
        const { start, done } = await loginBehindProxy(app, browser);
        // __Host- cookies: Secure, Path=/, no Domain, so a sibling subdomain cannot plant one.
        expect(setCookies(start)).toEqual([
          expect.stringMatching(
            /^__Host-kakao_login-bind=[\w-]{22}; Path=\/; HttpOnly; SameSite=Lax; Secure$/,
          ),
          expect.stringMatching(
            /^__Host-kakao_login\.[\w-]{12}=[\w-]+; Path=\/; .*HttpOnly; SameSite=Lax; Secure$/,
          ),
        ]);
        expect(setCookies(start).join()).not.toMatch(/Domain=/i);
        expect(done.location).toBe(`${app.url}/`);
        const cleared = setCookies(done).filter((c) => c.startsWith('__Host-kakao_login.'));
        expect(cleared).toEqual([
          expect.stringMatching(/=; .*Max-Age=0; HttpOnly; SameSite=Lax; Secure$/),
        ]);
      } finally {
        await app.close();
      }
    });
  });

  describe('the session cookie behind a TLS-terminating proxy', () => {
    it('with trust proxy and cookie.secure: HttpOnly, SameSite=Lax, Secure, and the login works', async () => {
      const app = await startNestInstance(kakao, ({ kakaoOptions }) => kakaoOptions, {
        trustProxy: 1,
        publicURL: PUBLIC_HTTPS,
        session: { cookie: { secure: true } },
      });
      try {
        const browser = new TestBrowser();
        const { start, done } = await loginBehindProxy(app, browser);
        for (const res of [start, done]) {
          expect(setCookies(res).find((c) => c.startsWith('connect.sid='))).toMatch(
            /; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
          );
        }
        expect(done.location).toBe(`${app.url}/`);
        const me = await browser.get(`${app.url}/me`, BEHIND_TLS_PROXY);
        expect(JSON.parse(me.body)).toEqual({ id: kakao.users[0].id });
      } finally {
        await app.close();
      }
    });

    it('without trust proxy, express-session withholds the Secure cookie and the login fails closed (invalid_state)', async () => {
      const app = await startNestInstance(
        kakao,
        ({ kakaoOptions }) => ({ ...kakaoOptions, failureRedirect: FAILED }),
        { publicURL: PUBLIC_HTTPS, session: { cookie: { secure: true } } },
      );
      try {
        const browser = new TestBrowser();
        const { start, done } = await loginBehindProxy(app, browser);
        expect(setCookies(start)).toEqual([]);
        expect(failureReason(done.location, FAILED)).toBe('invalid_state');
        expect(kakao.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(0);
      } finally {
        await app.close();
      }
    });
  });

  describe('callback answers', () => {
    let app: NestInstance;
    beforeAll(async () => {
      app = await startNestInstance(kakao, ({ kakaoOptions }) => ({
        ...kakaoOptions,
        failureRedirect: FAILED,
      }));
    });
    afterAll(() => app.close());

    const outcomes: Array<[string, (browser: TestBrowser) => Promise<BrowserResponse>]> = [
      ['a successful login', (b) => logIn(b, app)],
      [
        'a forged state',
        async (b) => {
          const callback = new URL(await toCallback(b, app));
          callback.searchParams.set('state', 'forged');
          return b.get(callback.href);
        },
      ],
      [
        'Kakao’s ?error=access_denied',
        async (b) => {
          const state = new URL(await toCallback(b, app)).searchParams.get('state');
          return b.get(`${app.callbackURL}?error=access_denied&state=${state}`);
        },
      ],
      [
        'Kakao failing (token endpoint 500)',
        async (b) => {
          const callback = await toCallback(b, app);
          kakao.faults.set('POST /oauth/token', { status: 500, times: 1 });
          return b.get(callback);
        },
      ],
      [
        'a malformed callback (?code=a&code=b)',
        (b) => b.get(`${app.callbackURL}?code=a&code=b&state=y`),
      ],
    ];

    it.each(outcomes)(
      '%s → Cache-Control: no-store and Referrer-Policy: no-referrer',
      async (_label, run) => {
        const res = await run(new TestBrowser());
        expect(res.status).toBe(302);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
      },
    );

    it.each([
      ['access_denied', 'access_denied'],
      ['consent_required', 'consent_required'],
      ['<script>alert(1)</script>', 'kakao_error'],
      ['server_error', 'kakao_error'],
    ])(
      '?error=%s → ?error=%s only: error_description is never echoed, not even in the body',
      async (error, reason) => {
        const description = '<img src=x onerror=alert(document.domain)> DESCRIPTION-MARKER';
        const browser = new TestBrowser();
        const state = new URL(await toCallback(browser, app)).searchParams.get('state');
        const res = await browser.get(
          `${app.callbackURL}?error=${encodeURIComponent(error)}&error_description=${encodeURIComponent(description)}&state=${state}`,
        );
        expect(res.location).toBe(`${app.url}${FAILED}?error=${reason}`);
        for (const text of [res.body, JSON.stringify(res.headers), app.logs.join('\n')]) {
          expect(text).not.toContain('DESCRIPTION-MARKER');
          expect(text).not.toContain('onerror');
          expect(text).not.toContain('<script>');
        }
        expect(await whoAmI(browser, app.url)).toBeUndefined();
      },
    );
  });
});
