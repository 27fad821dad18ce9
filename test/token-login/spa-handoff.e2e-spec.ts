import type { KakaoAuthModuleOptions } from '../../src';
import { MemoryOneTimeStore } from '../../src/passport';
import { KakaoEmulator } from '../../src/testing';
import { type BrowserResponse, TestBrowser } from '../support/test-browser';
import { type NestKakaoApp, startNestKakaoApp } from '../support/nest-kakao-app';
import { MODULE_SETUPS, testAppModule } from '../nest/support/test-app.module';

const body = (res: BrowserResponse) => JSON.parse(res.body) as Record<string, unknown>;
const CODE_TTL_SEC = 30;

describe.each(MODULE_SETUPS)('SPA handoff (KakaoAuthModule.%s)', (setup) => {
  let kakao: KakaoEmulator;
  let app: NestKakaoApp;
  let clock = Date.now();
  const spaOrigin = 'http://spa.example.test:5173';

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
    app = await startNestKakaoApp(kakao, ({ kakaoOptions }) =>
      testAppModule(setup, {
        ...kakaoOptions,
        successRedirect: '/spa',
        failureRedirect: '/login-failed',
        allowedRedirectOrigins: [spaOrigin],
        spaHandoff: { codeTtlSec: CODE_TTL_SEC },
        oneTimeStore: new MemoryOneTimeStore({ now: () => clock }),
      }),
    );
  });
  afterAll(async () => {
    await app.close();
    await kakao.stop();
  });

  const isCallback = (url: string) => url.startsWith(app.callbackURL);

  /** GET login → Kakao (auto-approve) → callback; returns the callback's redirect. */
  async function callback(browser: TestBrowser, query = ''): Promise<BrowserResponse> {
    const toKakao = await browser.get(`${app.url}/auth/kakao/login${query}`);
    expect(toKakao.status).toBe(302);
    const atCallback = await browser.follow(toKakao.location!, isCallback);
    expect(isCallback(atCallback.location ?? '')).toBe(true);
    return browser.get(atCallback.location!);
  }
  function codeOf(location: string): string {
    const url = new URL(location);
    expect(url.search).toBe('');
    const match = /^#code=([A-Za-z0-9_-]{43})$/.exec(url.hash);
    expect(match).not.toBeNull();
    return match![1];
  }
  const exchange = (browser: TestBrowser, code: string, type = 'application/json') =>
    browser.request(`${app.url}/auth/kakao/exchange`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: type === 'application/json' ? JSON.stringify({ code }) : `code=${code}`,
    });

  it('binds the browser at login start with an HttpOnly cookie', async () => {
    const res = await new TestBrowser().get(`${app.url}/auth/kakao/login`);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(cookies.find((c) => c.startsWith('kakao_bind='))).toMatch(/HttpOnly; SameSite=Lax/);
  });

  it('the callback puts a one-time code in the URL fragment, never in the query, and logs nobody in yet', async () => {
    const browser = new TestBrowser();
    const done = await callback(browser);
    expect(done.status).toBe(302);
    expect(done.location!.startsWith(`${app.url}/spa#code=`)).toBe(true);
    codeOf(done.location!);
    expect(done.headers['cache-control']).toBe('no-store');
    expect(done.headers['referrer-policy']).toBe('no-referrer');
    expect((await browser.get(`${app.url}/me`)).status).toBe(401);
  });

  it('the code redeems once for the session; a second try is 401', async () => {
    const browser = new TestBrowser();
    const code = codeOf((await callback(browser)).location!);
    const first = await exchange(browser, code);
    expect(first.status).toBe(200);
    expect(body(first)).toEqual({ loggedIn: true });
    expect(first.headers['cache-control']).toBe('no-store');
    expect(body(await browser.get(`${app.url}/me`))).toMatchObject({ id: kakao.users[0].id });
    const second = await exchange(browser, code);
    expect(second.status).toBe(401);
    expect(body(second)).toEqual({ error: 'invalid_code' });
  });

  it('keeps an allow-listed SPA origin as the target of the fragment redirect', async () => {
    const done = await callback(
      new TestBrowser(),
      `?returnTo=${encodeURIComponent(`${spaOrigin}/after`)}`,
    );
    expect(done.location!.startsWith(`${spaOrigin}/after#code=`)).toBe(true);
  });

  it('the code expires after its TTL (clock injected through the store)', async () => {
    const browser = new TestBrowser();
    const code = codeOf((await callback(browser)).location!);
    clock += (CODE_TTL_SEC + 1) * 1000;
    const res = await exchange(browser, code);
    expect(res.status).toBe(401);
    expect(body(res)).toEqual({ error: 'invalid_code' });
  });

  it('the code is bound to the browser that started the login', async () => {
    const browser = new TestBrowser();
    const code = codeOf((await callback(browser)).location!);
    const thief = new TestBrowser();
    await thief.get(`${app.url}/auth/kakao/login`); // has a binding cookie of its own
    const stolen = await exchange(thief, code);
    expect(stolen.status).toBe(401);
    expect(body(stolen)).toEqual({ error: 'invalid_code' });
    expect((await thief.get(`${app.url}/me`)).status).toBe(401);
    // A code tried elsewhere is burnt, so a stolen code is dead whoever tries it first.
    expect((await exchange(browser, code)).status).toBe(401);
  });

  it('refuses a form-encoded exchange (415) and an unknown code (401)', async () => {
    const browser = new TestBrowser();
    const code = codeOf((await callback(browser)).location!);
    expect((await exchange(browser, code, 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await exchange(browser, 'C'.repeat(43))).status).toBe(401);
    expect((await exchange(browser, code)).status).toBe(200);
  });

  it('a callback in a browser without its binding cookie fails with invalid_state', async () => {
    const browser = new TestBrowser();
    const toKakao = await browser.get(`${app.url}/auth/kakao/login`);
    browser.cookiesFor(app.url).delete('kakao_bind');
    const atCallback = await browser.follow(toKakao.location!, isCallback);
    const done = await browser.get(atCallback.location!);
    expect(done.location).toBe(`${app.url}/login-failed?error=invalid_state`);
  });
});

describe('SPA handoff in session-less mode', () => {
  let kakao: KakaoEmulator;
  let app: NestKakaoApp;
  const calls: Array<{ via?: string; redirectTo: string }> = [];

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
    app = await startNestKakaoApp(
      kakao,
      ({ kakaoOptions }) =>
        testAppModule('forRoot', {
          ...kakaoOptions,
          session: false,
          stateSecret: 's'.repeat(32),
          successRedirect: '/spa',
          spaHandoff: true,
          onLogin: (user, { via, redirectTo }) => {
            calls.push({ via, redirectTo });
            return { accessToken: `app-token-for-${(user as { id: string }).id}` };
          },
        } satisfies KakaoAuthModuleOptions),
      { session: false },
    );
  });
  afterAll(async () => {
    await app.close();
    await kakao.stop();
  });

  it('redeems the code for onLogin’s JSON (the app’s own token), never called at the callback', async () => {
    const browser = new TestBrowser();
    const done = await browser.follow(`${app.url}/auth/kakao/login`, (url) =>
      url.startsWith(`${app.url}/spa`),
    );
    const code = /#code=([A-Za-z0-9_-]{43})$/.exec(done.location!)![1];
    expect(calls).toEqual([]);
    const res = await browser.request(`${app.url}/auth/kakao/exchange`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(res.status).toBe(200);
    expect(body(res)).toEqual({ accessToken: `app-token-for-${kakao.users[0].id}` });
    expect(calls).toEqual([{ via: 'exchange', redirectTo: '/spa' }]);
    expect(browser.cookiesFor(app.url).has('connect.sid')).toBe(false);
  });
});
