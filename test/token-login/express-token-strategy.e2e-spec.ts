import { KakaoEmulator } from '../../src/testing';
import { type BrowserResponse, TestBrowser } from '../support/test-browser';
import {
  type ExpressTokenApp,
  rejectedUsers,
  startExpressTokenApp,
} from './support/express-token-app';

const body = (res: BrowserResponse) => JSON.parse(res.body) as Record<string, unknown>;

describe('kakao-token strategy (Express) against the emulator', () => {
  let kakao: KakaoEmulator;
  let app: ExpressTokenApp;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start();
    app = await startExpressTokenApp(kakao);
  });
  afterAll(async () => {
    await app.close();
    await kakao.stop();
  });
  beforeEach(() => {
    kakao.clearRequests();
    kakao.faults.clear();
    rejectedUsers.clear();
  });

  const user = () => kakao.users[0];
  const nowSec = () => Math.floor(kakao.now() / 1000);
  const postJson = (
    browser: TestBrowser,
    payload: object,
    headers: Record<string, string> = {},
    path = '/auth/kakao/token',
  ) =>
    browser.request(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(payload),
    });
  async function nonceFor(browser: TestBrowser): Promise<string> {
    const res = await browser.get(`${app.url}/auth/kakao/nonce`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBeUndefined();
    return body(res).nonce as string;
  }

  it('logs in with an access token of the configured app (JSON body), checking app_id then /v2/user/me', async () => {
    const { access_token } = kakao.issueTokens(user().id);
    const res = await postJson(new TestBrowser(), { access_token });
    expect(res.status).toBe(200);
    expect(body(res).user).toEqual({
      id: user().id,
      nickname: user().nickname,
      source: 'user_me',
      withAccessToken: true,
      appId: Number(kakao.appId),
    });
    expect(kakao.requests.map((r) => r.path)).toEqual([
      '/v1/user/access_token_info',
      '/v2/user/me',
    ]);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('takes the access token from Authorization: Bearer and from a form body', async () => {
    const { access_token } = kakao.issueTokens(user().id);
    const bearer = await postJson(
      new TestBrowser(),
      {},
      { authorization: `Bearer ${access_token}` },
    );
    expect(bearer.status).toBe(200);
    const form = await new TestBrowser().request(`${app.url}/auth/kakao/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ access_token }).toString(),
    });
    expect(form.status).toBe(200);
  });

  it('ignores a token in the query string (401 missing_token, nothing sent to Kakao)', async () => {
    const { access_token, id_token } = kakao.issueTokens(user().id, { openid: true });
    const res = await new TestBrowser().request(
      `${app.url}/auth/kakao/token?access_token=${access_token}&id_token=${id_token}`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
    );
    expect(res.status).toBe(401);
    expect(body(res).error).toBe('missing_token');
    expect(kakao.requests).toHaveLength(0);
  });

  it('refuses an unknown access token (401 invalid_token)', async () => {
    const res = await postJson(new TestBrowser(), { access_token: 'not-a-kakao-token' });
    expect(res.status).toBe(401);
    expect(body(res).error).toBe('invalid_token');
  });

  it('refuses a body access_token that differs from the Bearer token (400)', async () => {
    const a = kakao.issueTokens(user().id).access_token;
    const res = await postJson(
      new TestBrowser(),
      { access_token: a },
      { authorization: 'Bearer other' },
    );
    expect(res.status).toBe(400);
    expect(body(res).error).toBe('invalid_request');
  });

  it('refuses a token of another Kakao app (401 wrong_app, /v2/user/me never called)', async () => {
    const foreign = await KakaoEmulator.start({ appId: '2000002' });
    const foreignApp = await startExpressTokenApp(foreign, { appId: kakao.appId });
    try {
      const { access_token } = foreign.issueTokens(foreign.users[0].id);
      const res = await new TestBrowser().request(`${foreignApp.url}/auth/kakao/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ access_token }),
      });
      expect(res.status).toBe(401);
      expect(body(res).error).toBe('wrong_app');
      expect(foreign.requests.map((r) => r.path)).toEqual(['/v1/user/access_token_info']);
    } finally {
      await foreignApp.close();
      await foreign.stop();
    }
  });

  it('answers Kakao -1 with 503, Retry-After and kakao_unavailable; the same token works on retry', async () => {
    const { access_token } = kakao.issueTokens(user().id);
    kakao.faults.set('GET /v1/user/access_token_info', { kakaoError: -1, times: 1 });
    const res = await postJson(new TestBrowser(), { access_token });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(body(res)).toMatchObject({ error: 'kakao_unavailable', info: { retryAfterSec: 5 } });
    expect((await postJson(new TestBrowser(), { access_token })).status).toBe(200);
  });

  it('answers -10 (quota) with 503 rate_limited and a longer Retry-After', async () => {
    const { access_token } = kakao.issueTokens(user().id);
    kakao.faults.set('GET /v2/user/me', { kakaoError: -10, times: 1 });
    const res = await postJson(new TestBrowser(), { access_token });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('60');
    expect(body(res).error).toBe('rate_limited');
  });

  it('answers a Kakao timeout-like network failure with 503', async () => {
    const { access_token } = kakao.issueTokens(user().id);
    kakao.faults.set('GET /v1/user/access_token_info', { reset: true, times: 2 });
    const res = await postJson(new TestBrowser(), { access_token });
    expect(res.status).toBe(503);
    expect(body(res).error).toBe('kakao_unavailable');
  });

  it('logs in with an id_token issued to the native app key and a nonce from GET nonce', async () => {
    const browser = new TestBrowser();
    const nonce = await nonceFor(browser);
    const id_token = kakao.mintIdToken({ aud: kakao.nativeAppKey, nonce });
    const res = await postJson(browser, { id_token, nonce });
    expect(res.status).toBe(200);
    expect(body(res).user).toMatchObject({
      id: user().id,
      source: 'id_token',
      withAccessToken: false,
    });
    expect(kakao.requests.some((r) => r.path.startsWith('/v2/user/me'))).toBe(false);
  });

  it('accepts the JavaScript key and the REST API key as aud too', async () => {
    for (const aud of [kakao.javascriptKey, kakao.clientID]) {
      const browser = new TestBrowser();
      const nonce = await nonceFor(browser);
      const res = await postJson(browser, { id_token: kakao.mintIdToken({ aud, nonce }) });
      expect(res.status).toBe(200);
    }
  });

  it('refuses an id_token with a foreign aud (401 invalid_id_token)', async () => {
    const browser = new TestBrowser();
    const nonce = await nonceFor(browser);
    const res = await postJson(browser, {
      id_token: kakao.mintIdToken({ aud: 'another-apps-native-key', nonce }),
      nonce,
    });
    expect(res.status).toBe(401);
    expect(body(res).error).toBe('invalid_id_token');
  });

  it('refuses an expired id_token, one too old, and one with a bad signature', async () => {
    const cases = [
      { claims: { iat: nowSec() - 7200, exp: nowSec() - 3600 } },
      { claims: { iat: nowSec() - 3600 } },
      { claims: {}, options: { signWith: 'foreign-key' as const } },
      { claims: {}, options: { alg: 'none' as const } },
    ];
    for (const { claims, options } of cases) {
      const browser = new TestBrowser();
      const nonce = await nonceFor(browser);
      const res = await postJson(browser, {
        id_token: kakao.mintIdToken({ ...claims, nonce }, options),
      });
      expect(res.status).toBe(401);
      expect(body(res).error).toBe('invalid_id_token');
    }
  });

  it('refuses a replayed nonce, an unknown nonce, a missing nonce and another client’s nonce', async () => {
    const browser = new TestBrowser();
    const nonce = await nonceFor(browser);
    const id_token = kakao.mintIdToken({ nonce });
    expect((await postJson(browser, { id_token, nonce })).status).toBe(200);
    const replay = await postJson(browser, { id_token, nonce });
    expect(replay.status).toBe(401);
    expect(body(replay).error).toBe('invalid_nonce');

    const unknown = 'A'.repeat(43);
    const forged = await postJson(browser, { id_token: kakao.mintIdToken({ nonce: unknown }) });
    expect(body(forged).error).toBe('invalid_nonce');

    const bare = await postJson(browser, { id_token: kakao.mintIdToken({ nonce: undefined }) });
    expect(body(bare).error).toBe('invalid_nonce');

    const other = new TestBrowser();
    const stolen = await nonceFor(browser);
    const elsewhere = await postJson(other, { id_token: kakao.mintIdToken({ nonce: stolen }) });
    expect(elsewhere.status).toBe(401);
    expect(body(elsewhere).error).toBe('invalid_nonce');
  });

  it('refuses a body nonce that is not the id_token’s', async () => {
    const browser = new TestBrowser();
    const nonce = await nonceFor(browser);
    const other = await nonceFor(browser);
    const res = await postJson(browser, { id_token: kakao.mintIdToken({ nonce }), nonce: other });
    expect(body(res).error).toBe('invalid_nonce');
  });

  it('with id_token and access_token, both are checked and must name the same user', async () => {
    const browser = new TestBrowser();
    const nonce = await nonceFor(browser);
    const [a, b] = kakao.users;
    const { access_token, id_token } = kakao.issueTokens(a.id, { openid: true, nonce });
    const ok = await postJson(browser, { access_token, id_token, nonce });
    expect(ok.status).toBe(200);
    expect(body(ok).user).toMatchObject({ id: a.id, source: 'user_me', withAccessToken: true });

    const nonce2 = await nonceFor(browser);
    const other = kakao.issueTokens(b.id).access_token;
    const mixed = await postJson(browser, {
      access_token: other,
      id_token: kakao.mintIdToken({ sub: a.id, nonce: nonce2 }),
    });
    expect(mixed.status).toBe(401);
    expect(body(mixed).error).toBe('user_mismatch');
  });

  it('a 503 from Kakao leaves the nonce unused, so the client can retry', async () => {
    const browser = new TestBrowser();
    const nonce = await nonceFor(browser);
    const { access_token, id_token } = kakao.issueTokens(user().id, { openid: true, nonce });
    kakao.faults.set('GET /v1/user/access_token_info', { kakaoError: -1, times: 1 });
    expect((await postJson(browser, { access_token, id_token })).status).toBe(503);
    expect((await postJson(browser, { access_token, id_token })).status).toBe(200);
  });

  it('a JWKS outage is a 503, not an invalid id_token, and leaves the nonce usable', async () => {
    const fresh = await startExpressTokenApp(kakao);
    try {
      const browser = new TestBrowser();
      const nonce = body(await browser.get(`${fresh.url}/auth/kakao/nonce`)).nonce as string;
      const id_token = kakao.mintIdToken({ nonce });
      const post = () =>
        browser.request(`${fresh.url}/auth/kakao/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id_token }),
        });
      kakao.faults.set('GET /.well-known/jwks.json', { htmlError: true });
      const down = await post();
      expect(down.status).toBe(503);
      expect(body(down).error).toBe('kakao_unavailable');
      kakao.faults.clear();
      await new Promise((resolve) => setTimeout(resolve, 1100)); // JwksCache retries after 1 s
      expect((await post()).status).toBe(200);
    } finally {
      await fresh.close();
    }
  });

  it('the verify callback can refuse (401 user_rejected)', async () => {
    rejectedUsers.add(user().id);
    const res = await postJson(new TestBrowser(), {
      access_token: kakao.issueTokens(user().id).access_token,
    });
    expect(res.status).toBe(401);
    expect(body(res)).toMatchObject({ error: 'user_rejected', info: { note: 'banned' } });
  });

  it('without a custom callback, Passport answers 401 and 503 itself', async () => {
    const refused = await postJson(
      new TestBrowser(),
      { access_token: 'nope' },
      {},
      '/auth/kakao/token-default',
    );
    expect(refused.status).toBe(401);
    kakao.faults.set('GET /v1/user/access_token_info', { kakaoError: -1, times: 1 });
    const access_token = kakao.issueTokens(user().id).access_token;
    const busy = await postJson(
      new TestBrowser(),
      { access_token },
      {},
      '/auth/kakao/token-default',
    );
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('5');
    const ok = await postJson(new TestBrowser(), { access_token }, {}, '/auth/kakao/token-default');
    expect(body(ok).user).toMatchObject({ id: user().id });
  });

  it('needs appId at construction, with a message that says where to find it', async () => {
    const { KakaoTokenStrategy } = await import('../../src/passport');
    expect(
      () =>
        new KakaoTokenStrategy({ clientID: 'x' } as never, (_a, _r, _p, done) => done(null, {})),
    ).toThrow(/appId is required.*\[App\] > \[General\]/);
  });
});
