import { KakaoEmulator } from '../../src/testing';
import { TestBrowser } from '../support/test-browser';
import { failureReason } from '../support/login-steps';
import { type NestInstance, startNestInstance } from '../support/nest-instance';

const FAILED = '/login-failed';
const PUBLIC_HTTPS = 'https://app.example';
const STATE_SECRET = 'cookie-tossing-state-secret-of-32-chars';
const BEHIND_TLS_PROXY = { 'x-forwarded-proto': 'https' };

/**
 * Issue #14 item 2, login CSRF by cookie tossing: a sibling subdomain (evil.example, next to
 * app.example) can set cookies for the parent domain. The attacker starts a login on the app in
 * their own browser, takes the sealed state cookie it got and the callback URL Kakao gave them,
 * plants the cookie in the victim's browser and sends the victim to that callback: before, the
 * victim ended up logged in as the attacker. On https the state cookies are `__Host-` cookies
 * (which a sibling cannot set) and each pending login is bound to its browser.
 */
describe('security: login CSRF by cookie tossing (session-less mode, https)', () => {
  let kakao: KakaoEmulator;
  let app: NestInstance;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
    app = await startNestInstance(
      kakao,
      ({ kakaoOptions }) => ({
        ...kakaoOptions,
        stateSecret: STATE_SECRET,
        failureRedirect: FAILED,
      }),
      { session: false, trustProxy: 1, publicURL: PUBLIC_HTTPS },
    );
  });
  afterAll(async () => {
    await app.close();
    await kakao.stop();
  });
  beforeEach(() => kakao.clearRequests());

  /** Requests to the app as through the TLS proxy (the public https URL mapped to the instance). */
  const viaProxy = (browser: TestBrowser, url: string) =>
    browser.get(url.replace(PUBLIC_HTTPS, app.url), BEHIND_TLS_PROXY);

  /** The attacker's own login, up to Kakao's redirect to the callback (not followed). */
  async function attackersPendingLogin() {
    const attacker = new TestBrowser();
    const start = await viaProxy(attacker, `${app.url}/auth/kakao/login`);
    const callback = (await attacker.get(start.location!)).location!;
    expect(callback.startsWith(`${PUBLIC_HTTPS}/auth/kakao/callback?code=`)).toBe(true);
    const stateCookies = [...attacker.cookiesFor(app.url)].filter(([name]) =>
      name.includes('kakao_login.'),
    );
    expect(stateCookies).toHaveLength(1);
    return { attacker, callback, cookie: stateCookies[0] };
  }

  const appUser = (browser: TestBrowser) => browser.cookiesFor(app.url).get('app_user');
  const tokenExchanges = () => kakao.requests.filter((r) => r.path === '/oauth/token');

  it('control: the attacker’s own browser finishes its own login', async () => {
    const { attacker, callback } = await attackersPendingLogin();
    expect((await viaProxy(attacker, callback)).location).toBe(`${app.url}/`);
    expect(appUser(attacker)).toBeDefined();
  });

  it('a state cookie tossed from a sibling subdomain (no __Host- prefix) is ignored', async () => {
    const { callback, cookie } = await attackersPendingLogin();
    const [name, value] = cookie;
    const victim = new TestBrowser();
    // What evil.example can set with Domain=example: any name except a __Host- one.
    victim.cookiesFor(app.url).set(name.replace(/^__Host-/, ''), value);
    const res = await viaProxy(victim, callback);
    expect(failureReason(res.location, FAILED)).toBe('invalid_state');
    expect(appUser(victim)).toBeUndefined();
    expect(tokenExchanges()).toHaveLength(0);
  });

  it('a planted cookie under the exact __Host- name is refused: it is bound to the attacker’s browser', async () => {
    for (const victimHasOwnLogin of [false, true]) {
      const { callback, cookie } = await attackersPendingLogin();
      const victim = new TestBrowser();
      if (victimHasOwnLogin) await viaProxy(victim, `${app.url}/auth/kakao/login`);
      victim.cookiesFor(app.url).set(cookie[0], cookie[1]);
      const res = await viaProxy(victim, callback);
      expect(failureReason(res.location, FAILED)).toBe('invalid_state');
      expect(appUser(victim)).toBeUndefined();
    }
    expect(tokenExchanges()).toHaveLength(0);
  });

  it('the state cookies are __Host- cookies: Secure, Path=/, no Domain', async () => {
    const start = await viaProxy(new TestBrowser(), `${app.url}/auth/kakao/login`);
    const cookies = ([] as string[]).concat(start.headers['set-cookie'] ?? []);
    expect(cookies.length).toBeGreaterThan(0);
    for (const c of cookies) {
      expect(c).toMatch(/^__Host-/);
      expect(c).toMatch(/; Path=\/;.*; Secure$/);
      expect(c).not.toMatch(/domain=/i);
    }
  });
});
