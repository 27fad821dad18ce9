import { KakaoEmulator } from '../../src/testing';
import { jwtPayload } from '../support/express-kakao-app';
import { type BrowserResponse, TestBrowser } from '../support/test-browser';
import { whoAmI } from '../support/login-steps';
import {
  type InstanceContext,
  type NestInstance,
  startNestInstance,
} from '../support/nest-instance';

const JSON_POST = { 'content-type': 'application/json' };
const body = (res: BrowserResponse) => JSON.parse(res.body) as Record<string, unknown>;

/**
 * Issue #14 item 7: with express-session mounted but no `passport.session()` (the README quick
 * start's main.ts), `POST token` and `POST exchange` answered 500 `server_error`, used up the
 * nonce or handoff code, and logged "no session on the request", which was not the cause. They
 * now work without it; with no session at all they refuse before consuming anything and log
 * the real cause.
 */
describe('security: token login and SPA handoff without passport.session()', () => {
  let kakao: KakaoEmulator;
  let app: NestInstance;
  let bare: NestInstance;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true, oidc: true });
    const build = ({ kakaoOptions }: InstanceContext) => ({
      ...kakaoOptions,
      successRedirect: '/spa',
      tokenLogin: { audiences: [kakao.nativeAppKey] },
      spaHandoff: true,
    });
    app = await startNestInstance(kakao, build, { passportSession: false });
    bare = await startNestInstance(kakao, build, { expressSession: false });
  });
  afterAll(async () => {
    await app.close();
    await bare.close();
    await kakao.stop();
  });
  beforeEach(() => kakao.clearRequests());

  const post = (browser: TestBrowser, url: string, payload: object) =>
    browser.request(url, { method: 'POST', headers: JSON_POST, body: JSON.stringify(payload) });

  it('POST token with an id_token and its nonce logs in, and the nonce is used exactly once', async () => {
    const browser = new TestBrowser();
    const { nonce } = body(await browser.get(`${app.url}/auth/kakao/nonce`)) as { nonce: string };
    const user = kakao.users[0];
    const tokens = kakao.issueTokens(user.id, { openid: true, nonce });
    expect(jwtPayload(String(tokens.id_token)).nonce).toBe(nonce);
    const payload = { access_token: tokens.access_token, id_token: tokens.id_token, nonce };
    const res = await post(browser, `${app.url}/auth/kakao/token`, payload);
    expect([res.status, body(res)]).toEqual([200, { loggedIn: true }]);
    expect(await whoAmI(browser, app.url)).toBe(user.id);
    const again = await post(browser, `${app.url}/auth/kakao/token`, payload);
    expect(again.status).toBe(401);
  });

  it('POST exchange redeems the SPA handoff code for a session', async () => {
    const browser = new TestBrowser();
    const atCallback = await browser.follow(`${app.url}/auth/kakao/login`, (u) =>
      u.startsWith(app.callbackURL),
    );
    const done = await browser.get(atCallback.location!);
    const code = /#code=([\w-]{43})$/.exec(done.location ?? '')?.[1];
    expect(code).toBeDefined();
    const res = await post(browser, `${app.url}/auth/kakao/exchange`, { code });
    expect([res.status, body(res)]).toEqual([200, { loggedIn: true }]);
    expect(await whoAmI(browser, app.url)).toBe(kakao.users[0].id);
  });

  it('with no express-session at all: 500 server_error, the real cause logged, nothing consumed', async () => {
    const browser = new TestBrowser();
    const { access_token } = kakao.issueTokens(kakao.users[1].id);
    const logged = bare.logs.length;
    const res = await post(browser, `${bare.url}/auth/kakao/token`, { access_token });
    expect([res.status, body(res)]).toEqual([500, { error: 'server_error' }]);
    const log = bare.logs.slice(logged).join('\n');
    expect(log).toContain('req.session is missing');
    expect(log).toContain('mount express-session');
    expect(kakao.requests).toHaveLength(0);
    const exchange = await post(browser, `${bare.url}/auth/kakao/exchange`, {
      code: 'x'.repeat(43),
    });
    expect(exchange.status).toBe(500);
    expect(bare.logs.slice(logged).join('\n')).toContain('POST exchange: no session');
  });
});
