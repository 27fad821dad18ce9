import { Agent, request } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KakaoLoginNonces, MemoryOneTimeStore } from '../../src/passport';
import { KakaoEmulator } from '../../src/testing';
import { type BrowserResponse, TestBrowser } from '../support/test-browser';
import { whoAmI } from '../support/login-steps';
import { type NestInstance, startNestInstance } from '../support/nest-instance';

const FLOOD = 10_000;
const body = (res: BrowserResponse) => JSON.parse(res.body) as Record<string, unknown>;
const from = (ip: string) => ({ 'x-forwarded-for': ip });

/** `count` anonymous GETs (no cookies) over a few keep-alive sockets; resolves with the statuses. */
async function flood(url: string, count: number, headers: Record<string, string>) {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(url, { agent, headers }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end();
      });
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  agent.destroy();
  return statuses;
}

/**
 * Issue #14 item 6: 10,000 anonymous `GET nonce` evicted a pending nonce and a pending SPA
 * handoff code (one shared 10,000-entry store, oldest out first), and every junk access token
 * sent to `POST token` cost a call to Kakao. Nonces and handoff codes now have separate stores;
 * one client or browser binding can hold only so many (its own oldest go first); a full store
 * refuses new entries instead of evicting live ones; Kakao's refusal of a token is remembered
 * for 10 s.
 */
describe('security: token-login floods', () => {
  let kakao: KakaoEmulator;
  let app: NestInstance;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true, oidc: true });
    app = await startNestInstance(
      kakao,
      ({ kakaoOptions }) => ({
        ...kakaoOptions,
        successRedirect: '/spa',
        tokenLogin: { audiences: [kakao.nativeAppKey] },
        spaHandoff: true,
      }),
      { trustProxy: true },
    );
  });
  afterAll(async () => {
    await app.close();
    await kakao.stop();
  });

  const post = (browser: TestBrowser, path: string, payload: object, ip: string) =>
    browser.request(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...from(ip) },
      body: JSON.stringify(payload),
    });

  it(`${FLOOD.toLocaleString('en')} anonymous GET nonce evict neither a pending nonce nor a pending handoff code`, async () => {
    // Victim A asked for a nonce and is logging in with the Kakao SDK.
    const a = new TestBrowser();
    const nonceRes = await a.get(`${app.url}/auth/kakao/nonce`, from('198.51.100.1'));
    const { nonce } = body(nonceRes) as { nonce: string };
    // Victim B finished the redirect login; the SPA has yet to redeem its code.
    const b = new TestBrowser();
    const toKakao = await b.get(`${app.url}/auth/kakao/login`, from('198.51.100.2'));
    const atCallback = await b.follow(toKakao.location!, (u) => u.startsWith(app.callbackURL));
    const handedOff = await b.get(atCallback.location!, from('198.51.100.2'));
    const code = /#code=([\w-]{43})$/.exec(handedOff.location ?? '')?.[1];
    expect(code).toBeDefined();

    const statuses = await flood(`${app.url}/auth/kakao/nonce`, FLOOD, from('203.0.113.9'));
    expect(statuses.get(200)).toBe(FLOOD);

    const tokens = kakao.issueTokens(kakao.users[0].id, { openid: true, nonce });
    const login = await post(
      a,
      '/auth/kakao/token',
      { access_token: tokens.access_token, id_token: tokens.id_token, nonce },
      '198.51.100.1',
    );
    expect([login.status, body(login)]).toEqual([200, { loggedIn: true }]);
    const exchange = await post(b, '/auth/kakao/exchange', { code }, '198.51.100.2');
    expect([exchange.status, body(exchange)]).toEqual([200, { loggedIn: true }]);
    expect(await whoAmI(b, app.url)).toBe(kakao.users[0].id);
  }, 60_000);

  it('one browser binding holds at most 10 live nonces: beyond, its own oldest goes', async () => {
    const browser = new TestBrowser();
    const nonces: string[] = [];
    for (let i = 0; i < 12; i++)
      nonces.push(
        body(await browser.get(`${app.url}/auth/kakao/nonce`, from('192.0.2.50'))).nonce as string,
      );
    const tryNonce = async (nonce: string) => {
      const tokens = kakao.issueTokens(kakao.users[1].id, { openid: true, nonce });
      const res = await post(
        browser,
        '/auth/kakao/token',
        { access_token: tokens.access_token, id_token: tokens.id_token, nonce },
        '192.0.2.50',
      );
      return res.status;
    };
    expect(await tryNonce(nonces[0])).toBe(401);
    expect(await tryNonce(nonces[1])).toBe(401);
    expect(await tryNonce(nonces[2])).toBe(200);
    expect(await tryNonce(nonces[11])).toBe(200);
  });

  it('a full store refuses new nonces (rate_limited) and keeps every live one', async () => {
    const nonces = new KakaoLoginNonces({ store: new MemoryOneTimeStore({ max: 50 }) });
    const fakeRequest = (ip: string, cookie = '') =>
      ({ headers: { cookie }, socket: { remoteAddress: ip } }) as unknown as IncomingMessage;
    const issued: Array<{ nonce: string; cookie: string }> = [];
    for (let i = 0; i < 50; i++) {
      let cookie = '';
      const res = {
        getHeader: () => undefined,
        setHeader: (_n: string, v: string[]) => (cookie = v[0].split(';')[0]),
      } as unknown as ServerResponse;
      const { nonce } = await nonces.issue(fakeRequest(`10.0.0.${i}`), res);
      issued.push({ nonce, cookie });
    }
    const res = { getHeader: () => undefined, setHeader: () => undefined };
    await expect(
      nonces.issue(fakeRequest('10.0.1.1'), res as unknown as ServerResponse),
    ).rejects.toMatchObject({ reason: 'rate_limited', status: 503 });
    for (const [i, { nonce, cookie }] of issued.entries())
      expect(await nonces.redeem(fakeRequest(`10.0.0.${i}`, cookie), nonce)).toBe(true);
  });

  it('a junk access token sent again within 10 s costs no second call to Kakao', async () => {
    kakao.clearRequests();
    const junk = `junk-${'x'.repeat(40)}`;
    for (let i = 0; i < 5; i++) {
      const res = await post(
        new TestBrowser(),
        '/auth/kakao/token',
        { access_token: junk },
        '192.0.2.77',
      );
      expect([res.status, body(res).error]).toEqual([401, 'invalid_token']);
    }
    expect(kakao.requests.filter((r) => r.path === '/v1/user/access_token_info')).toHaveLength(1);
  });
});
