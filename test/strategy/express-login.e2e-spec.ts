import { KakaoEmulator } from '../../src/testing';
import { startExpressSample, type RunningApp } from '../support/express-kakao-app';
import { TestBrowser } from '../support/test-browser';

const SECRET = 'emulator-client-secret';

describe.each([
  ['HTTP', false],
  ['HTTPS', true],
])('KakaoStrategy + plain Express against the emulator over %s', (_label, https) => {
  let kakao: KakaoEmulator;
  let app: RunningApp;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ https, clientSecret: SECRET, autoApprove: true });
    app = await startExpressSample(kakao);
  });
  afterAll(async () => {
    await app.close();
    await kakao.stop();
  });
  beforeEach(() => kakao.clearRequests());

  const tokenRequests = () =>
    kakao.requests.filter((r) => r.method === 'POST' && r.path === '/oauth/token');
  const isCallback = (url: string) => url.startsWith(app.callbackURL);

  /** Login start → Kakao authorize (auto-approve) → the callback URL, not yet requested. */
  async function startLogin(browser: TestBrowser, path = '/auth/kakao'): Promise<string> {
    const res = await browser.follow(`${app.url}${path}`, isCallback);
    if (!res.location || !isCallback(res.location))
      throw new Error(`no callback redirect: ${res.status}`);
    return res.location;
  }

  it('logs in with state and PKCE sent and checked, and the profile has the nickname', async () => {
    const browser = new TestBrowser(kakao.caPem);
    const callback = await startLogin(browser);
    const authorize = kakao.requests.find((r) => r.path === '/oauth/authorize')!;
    expect(authorize.query.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.query.code_challenge_method).toBe('S256');
    expect(authorize.query.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const done = await browser.get(callback);
    expect(done.status).toBe(302);
    expect(done.location).toBe(`${app.url}/profile`);
    expect(done.headers['cache-control']).toBe('no-store');
    expect(done.headers['referrer-policy']).toBe('no-referrer');
    const token = tokenRequests()[0];
    expect(token.form?.code_verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(token.form?.client_secret).toBe(SECRET);
    expect(token.headers['authorization']).toBeUndefined();
    const me = kakao.requests.find((r) => r.path === '/v2/user/me')!;
    expect(me.headers['authorization']).toMatch(/^Bearer /);
    expect(me.query.secure_resource).toBe('true');
    expect(kakao.queryTokenRequests).toBe(0);
    const profile = JSON.parse((await browser.get(`${app.url}/profile`)).body);
    expect(profile).toMatchObject({ id: kakao.users[0].id, nickname: kakao.users[0].nickname });
  });

  it.each([
    [
      'tampered',
      (u: URL) => u.searchParams.set('state', `${u.searchParams.get('state')!.slice(0, -2)}xx`),
    ],
    ['missing', (u: URL) => u.searchParams.delete('state')],
  ])('a %s state logs nobody in and exchanges no code', async (_label, tamper) => {
    const browser = new TestBrowser(kakao.caPem);
    const callback = new URL(await startLogin(browser));
    tamper(callback);
    const res = await browser.get(callback.toString());
    expect(res.location).toBe(`${app.url}/login-failed?reason=invalid_state`);
    expect(tokenRequests()).toHaveLength(0);
    expect((await browser.get(`${app.url}/profile`)).status).toBe(401);
  });

  it('a replayed callback does not log in again and exchanges the code once', async () => {
    const browser = new TestBrowser(kakao.caPem);
    const callback = await startLogin(browser);
    expect((await browser.get(callback)).location).toBe(`${app.url}/profile`);
    const attacker = new TestBrowser(kakao.caPem);
    const replay = await attacker.get(callback);
    expect(replay.location).toBe(`${app.url}/login-failed?reason=invalid_state`);
    const sameBrowser = await browser.get(callback);
    expect(sameBrowser.location).toBe(`${app.url}/login-failed?reason=invalid_state`);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('two tabs started in one browser both complete', async () => {
    const browser = new TestBrowser(kakao.caPem);
    const tab1 = await startLogin(browser);
    const tab2 = await startLogin(browser);
    expect((await browser.get(tab2)).location).toBe(`${app.url}/profile`);
    expect((await browser.get(tab1)).location).toBe(`${app.url}/profile`);
    expect(tokenRequests()).toHaveLength(2);
  });

  it('gives a per-request returnTo back after login while the URL state stays random', async () => {
    const browser = new TestBrowser(kakao.caPem);
    const callback = await startLogin(browser, '/auth/kakao?returnTo=%2Fafter%3Ftab%3D2');
    const state = new URL(callback).searchParams.get('state')!;
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(callback).not.toContain('after');
    expect((await browser.get(callback)).location).toBe(`${app.url}/after?tab=2`);
  });

  it('a reused code (KOE320) ends on the failure page with kakao_error', async () => {
    const browser = new TestBrowser(kakao.caPem);
    const first = new URL(await startLogin(browser));
    await browser.get(first.toString());
    const second = new URL(await startLogin(browser));
    second.searchParams.set('code', first.searchParams.get('code')!);
    const res = await browser.get(second.toString());
    expect(res.status).toBe(302);
    expect(res.location).toBe(`${app.url}/login-failed?reason=kakao_error`);
    expect(tokenRequests()).toHaveLength(2);
    expect(res.body).not.toContain(first.searchParams.get('code')!);
  });

  it('?error=access_denied ends in the failure redirect, not a 500', async () => {
    const browser = new TestBrowser(kakao.caPem);
    const callback = new URL(await startLogin(browser));
    const denied = `${app.callbackURL}?error=access_denied&error_description=User%20denied%20access&state=${callback.searchParams.get('state')}`;
    const res = await browser.get(denied);
    expect(res.status).toBe(302);
    expect(res.location).toBe(`${app.url}/login-failed?reason=access_denied`);
    expect(tokenRequests()).toHaveLength(0);
    // the pending login was consumed by the error: its state cannot be used afterwards
    expect((await browser.get(callback.toString())).location).toBe(
      `${app.url}/login-failed?reason=invalid_state`,
    );
  });

  it('the consent page Cancel button leads to access_denied', async () => {
    kakao.setAutoApprove(false);
    try {
      const browser = new TestBrowser(kakao.caPem);
      const page = await browser.follow(`${app.url}/auth/kakao`);
      expect(page.status).toBe(200);
      const action = /<form[^>]*action="([^"]+)"/.exec(page.body)?.[1];
      const fields = [
        ...page.body.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g),
      ];
      expect(action).toBeDefined();
      const form = new URLSearchParams(
        fields.map(([, k, v]) => [k, v.replace(/&amp;/g, '&')] as [string, string]),
      );
      form.set('decision', 'cancel');
      const res = await browser.request(
        new URL(action!.replace(/&amp;/g, '&'), page.url).toString(),
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form.toString(),
        },
      );
      expect(res.location).toContain('error=access_denied');
      const done = await browser.get(res.location!);
      expect(done.location).toBe(`${app.url}/login-failed?reason=access_denied`);
    } finally {
      kakao.setAutoApprove(true);
    }
  });
});

describe('KakaoStrategy without a client secret', () => {
  it('sends no client_secret key at all in the token request', async () => {
    const kakao = await KakaoEmulator.start({ autoApprove: true });
    const app = await startExpressSample(kakao, { clientSecret: undefined });
    try {
      const browser = new TestBrowser();
      const res = await browser.follow(`${app.url}/auth/kakao`);
      expect(res.url).toBe(`${app.url}/profile`);
      const token = kakao.requests.find((r) => r.path === '/oauth/token')!;
      expect(token.body).not.toContain('client_secret');
      expect(Object.keys(token.form ?? {})).not.toContain('client_secret');
    } finally {
      await app.close();
      await kakao.stop();
    }
  });
});
