import { KakaoNestStrategy } from '../../src/nest/kakao.nest-strategy';
import { resolveModuleOptions } from '../../src/nest/resolve-module-options';
import { KakaoEmulator } from '../../src/testing';
import { toCallback } from '../support/login-steps';
import { type NestInstance, startNestInstance } from '../support/nest-instance';
import { TestBrowser } from '../support/test-browser';

/** The module builds KakaoStrategy: its warnings reach Nest's logger, once. */
describe('KakaoAuthModule warnings', () => {
  let kakao: KakaoEmulator;
  let nest: NestInstance | undefined;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
  });
  afterEach(async () => {
    await nest?.close();
    nest = undefined;
  });
  afterAll(() => kakao.stop());

  it("warns once at startup when the client id is the emulator's but the URLs are Kakao's", async () => {
    nest = await startNestInstance(kakao, ({ kakaoOptions }) => ({
      ...kakaoOptions,
      authBaseURL: undefined,
      apiBaseURL: undefined,
    }));
    const lines = nest.logs.filter((l) => l.includes("is the KakaoEmulator's key"));
    expect(lines).toEqual([
      'KakaoStrategy: clientID "emulator-rest-api-key" is the KakaoEmulator\'s key, but https://kauth.kakao.com/oauth/authorize is the real Kakao, which will refuse it (KOE101). To log in on the emulator, set authBaseURL and apiBaseURL to its URLs (authBaseURL: process.env.KAKAO_AUTH_BASE_URL, apiBaseURL: process.env.KAKAO_API_BASE_URL); for the real Kakao, set clientID to your app\'s REST API key.',
    ]);
  });

  it('says nothing at startup when the client id and the URLs agree', async () => {
    nest = await startNestInstance(kakao);
    expect(nest.logs.filter((l) => l.includes('KakaoStrategy:'))).toEqual([]);
  });

  it("names the cause of invalid_state: docs/nest.md's cookie.secure on http://", async () => {
    nest = await startNestInstance(kakao, (c) => c.kakaoOptions, {
      session: { cookie: { secure: true } },
    });
    const browser = new TestBrowser();
    const callback = await toCallback(browser, nest);
    const res = await browser.get(callback);
    expect(res.location).toContain('error=invalid_state');
    expect(nest.logs.filter((l) => l.includes('invalid_state'))).toEqual([
      "KakaoStrategy: invalid_state: the session cookie is Secure but the request came over http, so the browser never kept it. Serve the app over https (behind a TLS proxy: app.set('trust proxy', 1)), or set cookie.secure only in production.",
    ]);
  });

  it('refuses skipUserProfile without openid: the module logs users in by their Kakao id', () => {
    const options = { clientID: 'k', callbackURL: 'https://app.example/auth/kakao/callback' };
    expect(
      () => new KakaoNestStrategy(resolveModuleOptions({ ...options, skipUserProfile: true })),
    ).toThrow(/skipUserProfile needs openid: true/);
    expect(
      () =>
        new KakaoNestStrategy(
          resolveModuleOptions({ ...options, skipUserProfile: true, openid: true, logger: false }),
        ),
    ).not.toThrow();
  });
});
