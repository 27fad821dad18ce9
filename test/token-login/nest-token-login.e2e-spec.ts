import type { KakaoAuthModuleOptions } from '../../src';
import { KakaoEmulator } from '../../src/testing';
import { type BrowserResponse, TestBrowser } from '../support/test-browser';
import { type NestKakaoApp, startNestKakaoApp } from '../support/nest-kakao-app';
import { MODULE_SETUPS, testAppModule } from '../nest/support/test-app.module';

const SESSION_COOKIE = 'connect.sid';
const body = (res: BrowserResponse) => JSON.parse(res.body) as Record<string, unknown>;

describe.each(MODULE_SETUPS)('POST token / GET nonce (KakaoAuthModule.%s)', (setup) => {
  let kakao: KakaoEmulator;
  let app: NestKakaoApp;
  const rejected = new Set<string>();
  const mapped: Array<{ id: string; params: Record<string, unknown> }> = [];

  beforeAll(async () => {
    kakao = await KakaoEmulator.start();
    app = await startNestKakaoApp(kakao, ({ kakaoOptions }) =>
      testAppModule(setup, {
        ...kakaoOptions,
        tokenLogin: { audiences: [kakao.nativeAppKey, kakao.javascriptKey] },
        validateUser: ({ profile, tokens, params }) => {
          mapped.push({ id: profile.id, params: { ...params } });
          if (rejected.has(profile.id)) return false;
          return { provider: 'kakao', id: profile.id, nickname: profile.nickname, tokens };
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
    kakao.faults.clear();
    rejected.clear();
    mapped.length = 0;
  });

  const user = () => kakao.users[0];
  const nowSec = () => Math.floor(kakao.now() / 1000);
  const postToken = (
    browser: TestBrowser,
    payload: object | undefined,
    headers: Record<string, string> = { 'content-type': 'application/json' },
    query = '',
  ) =>
    browser.request(`${app.url}/auth/kakao/token${query}`, {
      method: 'POST',
      headers,
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
  async function nonceFor(browser: TestBrowser): Promise<string> {
    const res = await browser.get(`${app.url}/auth/kakao/nonce`);
    expect(res.status).toBe(200);
    return body(res).nonce as string;
  }
  const me = (browser: TestBrowser) => browser.get(`${app.url}/me`);

  it('GET nonce answers a fresh 256-bit nonce, not cacheable, bound by an HttpOnly cookie', async () => {
    const browser = new TestBrowser();
    const res = await browser.get(`${app.url}/auth/kakao/nonce`);
    expect(res.status).toBe(200);
    expect(body(res)).toEqual({
      nonce: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresIn: 300,
    });
    expect(res.headers['cache-control']).toBe('no-store');
    const cookie = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('kakao_bind='));
    expect(cookie).toMatch(/HttpOnly; SameSite=Lax/);
    expect(body(await browser.get(`${app.url}/auth/kakao/nonce`)).nonce).not.toBe(body(res).nonce);
  });

  it('an access token of the configured app logs in through validateUser, with a new session id', async () => {
    const browser = new TestBrowser();
    await nonceFor(browser); // any earlier session cookie must be replaced
    const { access_token } = kakao.issueTokens(user().id);
    const res = await postToken(browser, { access_token });
    expect(res.status).toBe(200);
    expect(body(res)).toEqual({ loggedIn: true });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(browser.cookiesFor(app.url).get(SESSION_COOKIE)).toBeDefined();
    expect(mapped).toEqual([
      {
        id: user().id,
        params: expect.objectContaining({
          token_type: 'bearer',
          access_token,
          expires_in: expect.any(Number),
        }),
      },
    ]);
    expect(body(await me(browser))).toMatchObject({
      id: user().id,
      nickname: user().nickname,
      tokens: { accessToken: access_token },
    });
    expect(kakao.requests.map((r) => r.path)).toEqual([
      '/v1/user/access_token_info',
      '/v2/user/me',
    ]);
  });

  it('takes the access token from Authorization: Bearer', async () => {
    const browser = new TestBrowser();
    const { access_token } = kakao.issueTokens(user().id);
    const res = await postToken(browser, undefined, { authorization: `Bearer ${access_token}` });
    expect(res.status).toBe(200);
    expect((await me(browser)).status).toBe(200);
  });

  it('the Kakao tokens of a token login serve POST logout like a redirect login', async () => {
    const browser = new TestBrowser();
    const { access_token } = kakao.issueTokens(user().id);
    await postToken(browser, { access_token });
    kakao.clearRequests();
    const out = await browser.request(`${app.url}/auth/kakao/logout`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin', accept: 'application/json' },
    });
    expect(out.status).toBe(200);
    const logout = kakao.requests.find((r) => r.path === '/v1/user/logout')!;
    expect(logout.headers.authorization).toBe(`Bearer ${access_token}`);
  });

  it('refuses a form-encoded POST (a cross-site form could send one): 415, nothing sent to Kakao', async () => {
    const { access_token } = kakao.issueTokens(user().id);
    const res = await new TestBrowser().request(`${app.url}/auth/kakao/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ access_token }).toString(),
    });
    expect(res.status).toBe(415);
    expect(body(res).error).toBe('invalid_request');
    expect(kakao.requests).toHaveLength(0);
  });

  it('ignores a token in the query string (401 missing_token)', async () => {
    const { access_token } = kakao.issueTokens(user().id);
    const res = await postToken(new TestBrowser(), {}, undefined, `?access_token=${access_token}`);
    expect(res.status).toBe(401);
    expect(body(res)).toEqual({ error: 'missing_token' });
    expect(kakao.requests).toHaveLength(0);
    expect(kakao.queryTokenRequests).toBe(0);
  });

  it('refuses an unknown access token (401 invalid_token) and logs nobody in', async () => {
    const browser = new TestBrowser();
    const res = await postToken(browser, { access_token: 'made-up-token' });
    expect(res.status).toBe(401);
    expect(body(res)).toEqual({ error: 'invalid_token' });
    expect((await me(browser)).status).toBe(401);
  });

  it('Kakao -1 on token info → 503 with Retry-After; the same token logs in on retry', async () => {
    const { access_token } = kakao.issueTokens(user().id);
    kakao.faults.set('GET /v1/user/access_token_info', { kakaoError: -1, times: 1 });
    const browser = new TestBrowser();
    const res = await postToken(browser, { access_token });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(body(res)).toEqual({ error: 'kakao_unavailable', retryAfter: 5 });
    expect(app.logs.join('\n')).not.toContain(access_token);
    expect((await postToken(browser, { access_token })).status).toBe(200);
  });

  it('validateUser can refuse (401 user_rejected)', async () => {
    rejected.add(user().id);
    const res = await postToken(new TestBrowser(), {
      access_token: kakao.issueTokens(user().id).access_token,
    });
    expect(res.status).toBe(401);
    expect(body(res)).toEqual({ error: 'user_rejected' });
  });

  it('an id_token issued to the allow-listed native app key, with its nonce, is accepted', async () => {
    const browser = new TestBrowser();
    const nonce = await nonceFor(browser);
    const access_token = kakao.issueTokens(user().id).access_token;
    const id_token = kakao.mintIdToken({ aud: kakao.nativeAppKey, nonce, sub: user().id });
    const res = await postToken(browser, { access_token, id_token, nonce });
    expect(res.status).toBe(200);
    expect(mapped[0].params.id_token).toBe(id_token);
    expect(body(await me(browser))).toMatchObject({ id: user().id });
  });

  it('an id_token with a foreign aud → 401 invalid_id_token', async () => {
    const browser = new TestBrowser();
    const nonce = await nonceFor(browser);
    const res = await postToken(browser, {
      access_token: kakao.issueTokens(user().id).access_token,
      id_token: kakao.mintIdToken({ aud: 'someone-elses-native-key', nonce }),
      nonce,
    });
    expect(res.status).toBe(401);
    expect(body(res)).toEqual({ error: 'invalid_id_token' });
    expect((await me(browser)).status).toBe(401);
  });

  it('an expired id_token → 401 invalid_id_token', async () => {
    const browser = new TestBrowser();
    const nonce = await nonceFor(browser);
    const res = await postToken(browser, {
      access_token: kakao.issueTokens(user().id).access_token,
      id_token: kakao.mintIdToken({ nonce, iat: nowSec() - 7200, exp: nowSec() - 3600 }),
    });
    expect(res.status).toBe(401);
    expect(body(res)).toEqual({ error: 'invalid_id_token' });
  });

  it('a replayed nonce, an unknown one and another client’s one → 401 invalid_nonce', async () => {
    const browser = new TestBrowser();
    const nonce = await nonceFor(browser);
    const { access_token, id_token } = kakao.issueTokens(user().id, { openid: true, nonce });
    expect((await postToken(browser, { access_token, id_token, nonce })).status).toBe(200);
    const replay = await postToken(browser, { access_token, id_token, nonce });
    expect(replay.status).toBe(401);
    expect(body(replay)).toEqual({ error: 'invalid_nonce' });

    const unknown = kakao.issueTokens(user().id, { openid: true, nonce: 'B'.repeat(43) });
    const forged = await postToken(browser, { ...pick(unknown) });
    expect(body(forged)).toEqual({ error: 'invalid_nonce' });

    const stolen = await nonceFor(browser);
    const elsewhere = kakao.issueTokens(user().id, { openid: true, nonce: stolen });
    const res = await postToken(new TestBrowser(), pick(elsewhere));
    expect(res.status).toBe(401);
    expect(body(res)).toEqual({ error: 'invalid_nonce' });
  });

  it('an id_token without its access_token → 400 saying to send both', async () => {
    const browser = new TestBrowser();
    const nonce = await nonceFor(browser);
    const res = await postToken(browser, { id_token: kakao.mintIdToken({ nonce }), nonce });
    expect(res.status).toBe(400);
    expect(body(res)).toEqual({ error: 'invalid_request' });
  });

  it('POST exchange answers 404 while spaHandoff is off', async () => {
    const res = await new TestBrowser().request(`${app.url}/auth/kakao/exchange`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"code":"x"}',
    });
    expect(res.status).toBe(404);
  });
});

function pick(tokens: { access_token: string; id_token?: string }): object {
  return { access_token: tokens.access_token, id_token: tokens.id_token };
}

describe('POST token: a token of another Kakao app', () => {
  it('is refused (401 wrong_app) before /v2/user/me is called', async () => {
    const foreign = await KakaoEmulator.start({ appId: '2000002' });
    const app = await startNestKakaoApp(foreign, ({ kakaoOptions }) =>
      testAppModule('forRoot', { ...kakaoOptions, appId: '1000001', tokenLogin: true }),
    );
    try {
      const { access_token } = foreign.issueTokens(foreign.users[0].id);
      const res = await new TestBrowser().request(`${app.url}/auth/kakao/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ access_token }),
      });
      expect(res.status).toBe(401);
      expect(body(res)).toEqual({ error: 'wrong_app' });
      expect(foreign.requests.map((r) => r.path)).toEqual(['/v1/user/access_token_info']);
    } finally {
      await app.close();
      await foreign.stop();
    }
  });
});

describe('POST token in session-less mode', () => {
  it('hands the mapped user to onLogin and answers with its result as JSON', async () => {
    const kakao = await KakaoEmulator.start();
    const seen: Array<{ via?: string; hasRes: boolean }> = [];
    const app = await startNestKakaoApp(
      kakao,
      ({ kakaoOptions }) =>
        testAppModule('forRoot', {
          ...kakaoOptions,
          session: false,
          stateSecret: 's'.repeat(32),
          tokenLogin: true,
          onLogin: (user, context) => {
            seen.push({ via: context.via, hasRes: typeof context.res.json === 'function' });
            return { accessToken: `app-token-for-${(user as { id: string }).id}` };
          },
        } satisfies KakaoAuthModuleOptions),
      { session: false },
    );
    try {
      const { access_token } = kakao.issueTokens(kakao.users[0].id);
      const browser = new TestBrowser();
      const res = await browser.request(`${app.url}/auth/kakao/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ access_token }),
      });
      expect(res.status).toBe(200);
      expect(body(res)).toEqual({ accessToken: `app-token-for-${kakao.users[0].id}` });
      expect(seen).toEqual([{ via: 'token', hasRes: true }]);
      expect(browser.cookiesFor(app.url).has(SESSION_COOKIE)).toBe(false);
    } finally {
      await app.close();
      await kakao.stop();
    }
  });
});
