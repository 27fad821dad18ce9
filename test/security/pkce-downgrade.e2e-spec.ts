import { KakaoEmulator } from '../../src/testing';
import { TestBrowser } from '../support/test-browser';
import { failureReason, logIn, whoAmI } from '../support/login-steps';
import { type NestInstance, startNestInstance } from '../support/nest-instance';

const FAILED = '/login-failed';

/**
 * Issue #14 item 10, PKCE downgrade (RFC 9700 2.1.1): the attacker starts a login on the app,
 * strips `code_challenge` from the authorize URL and gets a victim to approve it; the victim's
 * code comes back with the attacker's state, and the attacker's browser presents it. The app
 * sends the attacker's verifier; a server that accepts a verifier for a code issued without a
 * challenge would log the attacker in as the victim. The emulator refuses it by default (with
 * `requirePkce` the stripped authorize request itself is refused); the library always sends
 * S256 and so never downgrades itself.
 */
describe('security: PKCE downgrade', () => {
  let kakao: KakaoEmulator;
  let strict: KakaoEmulator;
  const apps: NestInstance[] = [];

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
    strict = await KakaoEmulator.start({ autoApprove: true, requirePkce: true });
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await kakao.stop();
    await strict.stop();
  });

  async function appOn(emulator: KakaoEmulator, openid: boolean): Promise<NestInstance> {
    const app = await startNestInstance(emulator, ({ kakaoOptions }) => ({
      ...kakaoOptions,
      openid,
      failureRedirect: FAILED,
    }));
    apps.push(app);
    return app;
  }

  /** The attacker's authorize URL, stripped of its PKCE challenge. */
  async function strippedAuthorizeURL(attacker: TestBrowser, app: NestInstance): Promise<URL> {
    const start = await attacker.get(`${app.url}/auth/kakao/login`);
    const url = new URL(start.location!);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    url.searchParams.delete('code_challenge');
    url.searchParams.delete('code_challenge_method');
    return url;
  }

  it.each([
    ['without OIDC', false],
    ['with OIDC', true],
  ])(
    '%s: a stripped challenge and the victim’s code never log the attacker in',
    async (_label, openid) => {
      const app = await appOn(kakao, openid);
      const victim = kakao.users[1];
      // Control: PKCE logins work on this emulator.
      expect((await logIn(new TestBrowser(), app)).location).toBe(`${app.url}/`);

      const attacker = new TestBrowser();
      const phishing = await strippedAuthorizeURL(attacker, app);
      kakao.setAutoApprove(victim.id);
      let callback: string;
      try {
        const approved = await new TestBrowser().get(phishing.href);
        callback = approved.location!;
      } finally {
        kakao.setAutoApprove(true);
      }
      expect(callback.startsWith(app.callbackURL)).toBe(true);
      kakao.clearRequests();
      const res = await attacker.get(callback);
      expect(failureReason(res.location, FAILED)).toBe('kakao_error');
      expect(await whoAmI(attacker, app.url)).toBeUndefined();
      const exchange = kakao.requests.filter((r) => r.path === '/oauth/token');
      expect(exchange).toHaveLength(1);
      expect(exchange[0].form?.code_verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(kakao.requests.some((r) => r.path.startsWith('/v2/user/me'))).toBe(false);
    },
  );

  it('with requirePkce on the emulator the stripped authorize request is refused outright', async () => {
    const app = await appOn(strict, false);
    expect((await logIn(new TestBrowser(), app)).location).toBe(`${app.url}/`);
    const phishing = await strippedAuthorizeURL(new TestBrowser(), app);
    const res = await new TestBrowser().get(phishing.href);
    expect(res.status).toBe(400);
    expect(res.location).toBeUndefined();
    expect(res.body).toContain('PKCE is required');
  });
});
