import { KakaoEmulator } from '../../src/testing';
import { startExpressSample, type RunningApp } from '../support/express-kakao-app';
import { TestBrowser } from '../support/test-browser';

const STATE_SECRET = 'a-state-secret-of-at-least-32-characters!';

describe('KakaoStrategy without a session: sealed state cookies', () => {
  let kakao: KakaoEmulator;
  let app: RunningApp;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
    app = await startExpressSample(kakao, { stateSecret: STATE_SECRET }, { session: false });
  });
  afterAll(async () => {
    await app.close();
    await kakao.stop();
  });
  beforeEach(() => kakao.clearRequests());

  const isCallback = (url: string) => url.startsWith(app.callbackURL);
  const tokenRequests = () => kakao.requests.filter((r) => r.path === '/oauth/token');

  async function startLogin(browser: TestBrowser, path = '/auth/kakao'): Promise<string> {
    const res = await browser.follow(`${app.url}${path}`, isCallback);
    return res.location!;
  }

  it('keeps the pending login in an HttpOnly, SameSite=Lax, short-lived cookie and completes the login', async () => {
    const browser = new TestBrowser();
    const start = await browser.get(`${app.url}/auth/kakao?returnTo=/next`);
    const setCookie = ([] as string[]).concat(start.headers['set-cookie'] ?? []);
    expect(setCookie).toHaveLength(2);
    expect(setCookie.shift()).toMatch(
      /^kakao_login-bind=[A-Za-z0-9_-]{22}; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    expect(setCookie[0]).toMatch(
      /^kakao_login\.[A-Za-z0-9_-]{12}=[A-Za-z0-9_-]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax$/,
    );
    expect(Buffer.byteLength(setCookie[0])).toBeLessThan(512);
    const callback = (await browser.follow(start.location!, isCallback)).location!;
    const done = await browser.get(callback);
    expect(done.status).toBe(200);
    expect(JSON.parse(done.body)).toEqual({
      user: { id: kakao.users[0].id, nickname: kakao.users[0].nickname },
      returnTo: '/next',
    });
    expect(([] as string[]).concat(done.headers['set-cookie'] ?? []).join()).toMatch(/Max-Age=0/);
    // Only the browser binding stays (a browser-session cookie, reused by later logins).
    expect([...browser.cookiesFor(app.url).keys()]).toEqual(['kakao_login-bind']);
  });

  it('two pending logins in one browser both complete', async () => {
    const browser = new TestBrowser();
    const tab1 = await startLogin(browser);
    const tab2 = await startLogin(browser);
    expect(browser.cookiesFor(app.url).size).toBe(3);
    expect((await browser.get(tab1)).status).toBe(200);
    expect((await browser.get(tab2)).status).toBe(200);
  });

  it('rejects a callback from another browser (no cookie) and exchanges no code', async () => {
    const victim = new TestBrowser();
    const callback = await startLogin(victim);
    const attacker = new TestBrowser();
    expect((await attacker.get(callback)).location).toBe(
      `${app.url}/login-failed?reason=invalid_state`,
    );
    expect(tokenRequests()).toHaveLength(0);
  });

  it('rejects a tampered cookie and a cookie sealed with another secret', async () => {
    const browser = new TestBrowser();
    const callback = await startLogin(browser);
    const [[name, value]] = [...browser.cookiesFor(app.url)];
    const flipped = value.slice(0, 20) + (value[20] === 'A' ? 'B' : 'A') + value.slice(21);
    browser.cookiesFor(app.url).set(name, flipped);
    expect((await browser.get(callback)).location).toBe(
      `${app.url}/login-failed?reason=invalid_state`,
    );

    const other = await startExpressSample(
      kakao,
      { stateSecret: 'another-secret-of-at-least-32-characters' },
      { session: false },
    );
    try {
      const forger = new TestBrowser();
      const forgedStart = await forger.follow(`${other.url}/auth/kakao`, (u) =>
        u.startsWith(other.callbackURL),
      );
      const forgedCallback = new URL(forgedStart.location!);
      const victim = new TestBrowser();
      for (const [k, v] of forger.cookiesFor(other.url)) victim.cookiesFor(app.url).set(k, v);
      const res = await victim.get(`${app.callbackURL}${forgedCallback.search}`);
      expect(res.location).toBe(`${app.url}/login-failed?reason=invalid_state`);
    } finally {
      await other.close();
    }
    expect(tokenRequests()).toHaveLength(0);
  });

  it('refuses a replay of the callback even with a copy of the cookie', async () => {
    const browser = new TestBrowser();
    const callback = await startLogin(browser);
    const cookies = new Map(browser.cookiesFor(app.url));
    expect((await browser.get(callback)).status).toBe(200);
    const copy = new TestBrowser();
    for (const [k, v] of cookies) copy.cookiesFor(app.url).set(k, v);
    expect((await copy.get(callback)).location).toBe(
      `${app.url}/login-failed?reason=invalid_state`,
    );
    expect(tokenRequests()).toHaveLength(1);
  });

  it('accepts pending logins sealed with an old secret after rotation', async () => {
    const old = await startExpressSample(kakao, { stateSecret: STATE_SECRET }, { session: false });
    const rotated = await startExpressSample(
      kakao,
      {
        stateSecret: ['a-brand-new-secret-of-32-characters-or-more', STATE_SECRET],
        callbackURL: old.callbackURL,
      },
      { session: false },
    );
    try {
      const browser = new TestBrowser();
      const callback = await browser.follow(`${old.url}/auth/kakao`, (u) =>
        u.startsWith(old.callbackURL),
      );
      const query = new URL(callback.location!).search;
      for (const [k, v] of browser.cookiesFor(old.url)) browser.cookiesFor(rotated.url).set(k, v);
      const done = await browser.get(`${rotated.url}/auth/kakao/callback${query}`);
      expect(done.status).toBe(200);
    } finally {
      await old.close();
      await rotated.close();
    }
  });
});
