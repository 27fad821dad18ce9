import type { KakaoUnlinkEvent } from '../../src';
import { KakaoEmulator } from '../../src/testing';
import { TestBrowser } from '../support/test-browser';
import { type NestKakaoApp, startNestKakaoApp } from '../support/nest-kakao-app';
import { logIn as login, toCallback } from '../support/login-steps';
import { MODULE_SETUPS, testAppModule } from './support/test-app.module';

const SECRET = 'emulator-client-secret';
const SESSION_COOKIE = 'connect.sid';

describe.each(MODULE_SETUPS)('KakaoAuthModule.%s against the emulator', (setup) => {
  let kakao: KakaoEmulator;
  let app: NestKakaoApp;
  const unlinked: KakaoUnlinkEvent[] = [];
  let hookMode: 'fast' | 'hang' | 'throw' = 'fast';

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ clientSecret: SECRET, autoApprove: true });
    app = await startNestKakaoApp(kakao, ({ kakaoOptions }) =>
      testAppModule(setup, {
        ...kakaoOptions,
        successRedirect: '/welcome',
        failureRedirect: '/login-failed',
        allowedScopes: ['birthday'],
        onUnlink: async (event) => {
          unlinked.push(event);
          if (hookMode === 'hang')
            await new Promise((resolve) => setTimeout(resolve, 10_000).unref());
          if (hookMode === 'throw') throw new Error(`hook failed with ${kakao.adminKey}`);
        },
      }),
    );
  });
  afterAll(async () => {
    await app.close();
    await kakao.stop();
  });
  beforeEach(() => {
    kakao.clearRequests();
    unlinked.length = 0;
    hookMode = 'fast';
  });

  const kapiCalls = (path: string) => kakao.requests.filter((r) => r.path === path);
  const sameOrigin = { 'sec-fetch-site': 'same-origin', accept: 'application/json' };

  async function logIn(browser: TestBrowser, query = ''): Promise<string> {
    const done = await login(browser, app, query);
    expect(done.status).toBe(302);
    return done.location!;
  }

  it('logs in, redirects to returnTo and regenerates the session id', async () => {
    const browser = new TestBrowser();
    const callback = await toCallback(browser, app, '?returnTo=%2Fdashboard%3Ftab%3D1');
    const before = browser.cookiesFor(app.url).get(SESSION_COOKIE);
    expect(before).toBeDefined();
    const done = await browser.get(callback);
    expect(done.status).toBe(302);
    expect(done.location).toBe(`${app.url}/dashboard?tab=1`);
    expect(done.headers['cache-control']).toBe('no-store');
    const after = browser.cookiesFor(app.url).get(SESSION_COOKIE);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    const me = await browser.get(`${app.url}/me`);
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body)).toMatchObject({
      provider: 'kakao',
      id: kakao.users[0].id,
      nickname: kakao.users[0].nickname,
    });
    const kakaoTokens = JSON.parse((await browser.get(`${app.url}/me/kakao-tokens`)).body);
    expect(kakaoTokens).toMatchObject({
      tokens: { accessToken: expect.any(String), refreshToken: expect.any(String) },
      sameAsAccessor: true,
    });
    // The default user, serialized as an app would return it, carries none of the tokens.
    expect(me.body).not.toContain(kakaoTokens.tokens.accessToken);
    expect(me.body).not.toContain(kakaoTokens.tokens.refreshToken);
    expect(Object.keys(JSON.parse(me.body))).not.toContain('tokens');
    expect(JSON.parse((await browser.get(`${app.url}/me/id`)).body)).toEqual({
      id: kakao.users[0].id,
    });
  });

  it('keeps another tab’s pending login across the session regeneration', async () => {
    const browser = new TestBrowser();
    const tabA = await toCallback(browser, app, '?returnTo=%2Fa');
    const tabB = await toCallback(browser, app, '?returnTo=%2Fb');
    expect((await browser.get(tabA)).location).toBe(`${app.url}/a`);
    expect((await browser.get(tabB)).location).toBe(`${app.url}/b`);
  });

  it('KakaoAuthenticatedGuard answers 401 before login', async () => {
    const res = await new TestBrowser().get(`${app.url}/me`);
    expect(res.status).toBe(401);
  });

  it.each([
    'https://evil.example',
    '//evil.example',
    '/\\evil.example',
    'javascript:alert(1)',
    '/\t/evil.example',
    'https:evil.example',
  ])('returnTo=%s never leaves the site', async (returnTo) => {
    const browser = new TestBrowser();
    const location = await logIn(browser, `?returnTo=${encodeURIComponent(returnTo)}`);
    expect(location).toBe(`${app.url}/welcome`);
  });

  it('an absolute returnTo on the app origin is kept', async () => {
    const location = await logIn(
      new TestBrowser(),
      `?returnTo=${encodeURIComponent(`${app.url}/x`)}`,
    );
    expect(location).toBe(`${app.url}/x`);
  });

  it('POST logout logs the Kakao token out and ends the session', async () => {
    const browser = new TestBrowser();
    await logIn(browser);
    const me = JSON.parse((await browser.get(`${app.url}/me/kakao-tokens`)).body) as {
      tokens: { accessToken: string };
    };
    kakao.clearRequests();
    const res = await browser.request(`${app.url}/auth/kakao/logout`, {
      method: 'POST',
      headers: sameOrigin,
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ loggedOut: true });
    const calls = kapiCalls('/v1/user/logout');
    expect(calls).toHaveLength(1);
    expect(calls[0].headers.authorization).toBe(`Bearer ${me.tokens.accessToken}`);
    expect((await browser.get(`${app.url}/me`)).status).toBe(401);
  });

  it('POST logout with an Origin header (no Fetch Metadata) from the app itself works', async () => {
    const browser = new TestBrowser();
    await logIn(browser);
    const res = await browser.request(`${app.url}/auth/kakao/logout`, {
      method: 'POST',
      headers: { origin: app.url, accept: 'text/html' },
    });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`${app.url}/`);
    expect((await browser.get(`${app.url}/me`)).status).toBe(401);
  });

  it('POST unlink unlinks at Kakao, runs onUnlink and ends the session', async () => {
    const browser = new TestBrowser();
    await logIn(browser);
    kakao.clearRequests();
    const res = await browser.request(`${app.url}/auth/kakao/unlink`, {
      method: 'POST',
      headers: sameOrigin,
    });
    expect(res.status).toBe(200);
    expect(kapiCalls('/v1/user/unlink')).toHaveLength(1);
    expect(unlinked).toEqual([
      { userId: kakao.users[0].id, referrerType: 'UNLINK_FROM_SERVICE', appId: kakao.appId },
    ]);
    expect((await browser.get(`${app.url}/me`)).status).toBe(401);
  });

  it.each([
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['no Origin at all', {}],
    [
      'a forged Host',
      { origin: 'https://evil.example', host: 'evil.example', 'x-forwarded-host': 'evil.example' },
    ],
  ])('POST logout and unlink with %s → 403, nothing done', async (_label, headers) => {
    const browser = new TestBrowser();
    await logIn(browser);
    kakao.clearRequests();
    for (const action of ['logout', 'unlink']) {
      const res = await browser.request(`${app.url}/auth/kakao/${action}`, {
        method: 'POST',
        headers,
      });
      expect(res.status).toBe(403);
    }
    expect(kapiCalls('/v1/user/logout')).toHaveLength(0);
    expect(kapiCalls('/v1/user/unlink')).toHaveLength(0);
    expect(unlinked).toHaveLength(0);
    expect((await browser.get(`${app.url}/me`)).status).toBe(200);
  });

  describe('unlink webhook (sent by the emulator)', () => {
    const webhookURL = () => `${app.url}/auth/kakao/webhooks/unlink`;
    const userId = () => kakao.users[1].id;

    it.each(['POST', 'GET'] as const)(
      '%s with the admin key → 200 and the hook ran',
      async (method) => {
        const result = await kakao.sendUnlinkWebhook({
          userId: userId(),
          url: webhookURL(),
          method,
        });
        expect(result).toMatchObject({ status: 200, ok: true });
        expect(unlinked).toEqual([
          {
            userId: userId(),
            referrerType: 'UNLINK_FROM_APPS',
            appId: kakao.appId,
            idempotencyKey: `unlink:${kakao.appId}:${userId()}:UNLINK_FROM_APPS`,
            receivedAt: expect.any(Number),
          },
        ]);
      },
    );

    it('a wrong key → 401, hook not run', async () => {
      const result = await kakao.sendUnlinkWebhook({
        userId: userId(),
        url: webhookURL(),
        adminKey: 'not-the-admin-key',
      });
      expect(result.status).toBe(401);
      expect(unlinked).toHaveLength(0);
    });

    it.each([
      ['missing', null],
      ['a Bearer token', 'Bearer abc'],
      ['the key without the KakaoAK scheme', 'emulator-admin-key'],
    ])('Authorization %s → 401', async (_label, authorization) => {
      const result = await kakao.sendUnlinkWebhook({
        userId: userId(),
        url: webhookURL(),
        authorization,
      });
      expect(result.status).toBe(401);
      expect(unlinked).toHaveLength(0);
    });

    it('answers 200 within 3 s even when the hook hangs', async () => {
      hookMode = 'hang';
      const result = await kakao.sendUnlinkWebhook({ userId: userId(), url: webhookURL() });
      expect(result).toMatchObject({ status: 200, ok: true });
      expect(result.durationMs).toBeLessThan(3000);
      expect(unlinked).toHaveLength(1);
    });

    it('a throwing hook still gets 200, and the log holds neither the admin key nor tokens', async () => {
      hookMode = 'throw';
      const result = await kakao.sendUnlinkWebhook({ userId: userId(), url: webhookURL() });
      expect(result.status).toBe(200);
      const logged = app.logs.join('\n');
      expect(logged).toContain('onUnlink threw');
      expect(logged).not.toContain(kakao.adminKey);
    });
  });

  it('?error=access_denied → failureRedirect?error=access_denied, never the description', async () => {
    const browser = new TestBrowser();
    const callback = new URL(await toCallback(browser, app));
    const denied = `${app.callbackURL}?error=access_denied&error_description=%3Cscript%3E&state=${callback.searchParams.get('state')}`;
    const res = await browser.get(denied);
    expect(res.status).toBe(302);
    expect(res.location).toBe(`${app.url}/login-failed?error=access_denied`);
    expect((await browser.get(`${app.url}/me`)).status).toBe(401);
  });

  it('prompt=none for a user who never consented → failureRedirect?error=consent_required', async () => {
    const neverLinked = kakao.users.find((u) => !u.linked)!;
    kakao.setAutoApprove(neverLinked.id);
    try {
      const res = await new TestBrowser().follow(`${app.url}/auth/kakao/login?prompt=none`);
      expect(res.url).toBe(`${app.url}/login-failed?error=consent_required`);
      expect(kakao.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(0);
    } finally {
      kakao.setAutoApprove(true);
    }
  });

  it('a forged state → failureRedirect?error=invalid_state and no code exchange', async () => {
    const browser = new TestBrowser();
    const callback = new URL(await toCallback(browser, app));
    callback.searchParams.set('state', 'forged-state-value');
    const res = await browser.get(callback.toString());
    expect(res.location).toBe(`${app.url}/login-failed?error=invalid_state`);
    expect(kakao.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(0);
  });

  it.each([
    ['a code without state', '?code=abc'],
    ['an array code', '?code=a&code=b&state=x'],
    ['an unknown Kakao error', '?error=server_error&error_description=boom'],
  ])('%s → a failure redirect, never a 500', async (_label, query) => {
    const res = await new TestBrowser().get(`${app.callbackURL}${query}`);
    expect(res.status).toBe(302);
    expect(res.location).toMatch(new RegExp(`^${app.url}/login-failed\\?error=[a-z_]+$`));
  });

  it('a scope outside allowedScopes is refused before Kakao is asked', async () => {
    const res = await new TestBrowser().get(`${app.url}/auth/kakao/login?scope=phone_number`);
    expect(res.location).toBe(`${app.url}/login-failed?error=invalid_request`);
  });

  it('a second strategy (passport-local) in the same app keeps working', async () => {
    const browser = new TestBrowser();
    const res = await browser.request(`${app.url}/local/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: 'local-pw' }),
    });
    expect(res.status).toBe(201);
    const me = await browser.get(`${app.url}/local/me`);
    expect(JSON.parse(me.body)).toEqual({ local: true, username: 'alice' });
    const wrong = await new TestBrowser().request(`${app.url}/local/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: 'nope' }),
    });
    expect(wrong.status).toBe(401);
  });
});
