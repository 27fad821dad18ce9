import { KakaoTokenVerifier } from '../../src/passport';
import { KakaoEmulator } from '../../src/testing';
import type { MintIdTokenOptions } from '../../src/testing/id-token.signer';
import { jwtPayload } from '../support/express-kakao-app';
import { TestBrowser } from '../support/test-browser';
import { failureReason, logIn, whoAmI } from '../support/login-steps';
import { type NestInstance, startNestInstance } from '../support/nest-instance';

const FAILED = '/login-failed';

type Forgery = { claims: Record<string, unknown>; options?: MintIdTokenOptions };

/**
 * Issue #14 item 5: OpenID Connect Core 3.1.3.7 checks that passed before. Each forged id_token
 * is signed by Kakao's real key (the emulator's), so only the claim or header check can stop it,
 * in the redirect login (KakaoAuthModule with openid) and in the token-login verifier.
 */
describe('security: id_token claims per OIDC Core 3.1.3.7', () => {
  let kakao: KakaoEmulator;
  let app: NestInstance;
  let verifier: KakaoTokenVerifier;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
    app = await startNestInstance(kakao, ({ kakaoOptions }) => ({
      ...kakaoOptions,
      openid: true,
      audiences: [kakao.nativeAppKey],
      failureRedirect: FAILED,
    }));
    verifier = new KakaoTokenVerifier({
      clientID: kakao.clientID,
      appId: kakao.appId,
      audiences: [kakao.nativeAppKey, kakao.javascriptKey],
      authBaseURL: kakao.authBaseURL,
      apiBaseURL: kakao.apiBaseURL,
    });
  });
  afterAll(async () => {
    await app.close();
    await kakao.stop();
  });

  const nowSec = () => Math.floor(kakao.now() / 1000);
  const attacks: Array<[string, string, () => Forgery]> = [
    ['nbf an hour in the future', 'issued_in_future', () => ({ claims: { nbf: nowSec() + 3600 } })],
    [
      'an aud array with an audience the app does not trust',
      'wrong_audience',
      () => ({ claims: { aud: [kakao.clientID, 'another-apps-key'] } }),
    ],
    ['a foreign azp', 'wrong_audience', () => ({ claims: { azp: 'another-apps-key' } })],
    [
      'an unknown crit header extension',
      'malformed',
      () => ({ claims: {}, options: { header: { crit: ['x-unknown'], 'x-unknown': true } } }),
    ],
  ];

  it('controls: nbf within tolerance, an aud array of the app keys and our azp log in', async () => {
    const fine: Array<Record<string, unknown>> = [
      { nbf: nowSec() + 10 },
      { aud: [kakao.clientID, kakao.nativeAppKey], azp: kakao.clientID },
    ];
    for (const claims of fine) {
      kakao.onNextTokenResponse((b) => ({
        ...b,
        id_token: kakao.mintIdToken({
          ...claims,
          nonce: jwtPayload(String(b.id_token)).nonce as string,
        }),
      }));
      const browser = new TestBrowser();
      expect((await logIn(browser, app)).location).toBe(`${app.url}/`);
      expect(await whoAmI(browser, app.url)).toBe(kakao.users[0].id);
      const token = kakao.mintIdToken({ ...claims, nonce: 'n' });
      await expect(verifier.verifyIdToken(token, { nonce: 'n' })).resolves.toMatchObject({
        userId: kakao.users[0].id,
      });
    }
  });

  it.each(attacks.map(([label, problem]) => [label, problem]))(
    'redirect login: %s → invalid_id_token (%s), nobody logged in',
    async (label, problem) => {
      const { claims, options } = attacks.find(([l]) => l === label)![2]();
      const logged = app.logs.length;
      kakao.onNextTokenResponse((b) => ({
        ...b,
        id_token: kakao.mintIdToken(
          { ...claims, nonce: jwtPayload(String(b.id_token)).nonce as string },
          options,
        ),
      }));
      const browser = new TestBrowser();
      const res = await logIn(browser, app);
      expect(failureReason(res.location, FAILED)).toBe('invalid_id_token');
      expect(await whoAmI(browser, app.url)).toBeUndefined();
      expect(app.logs.slice(logged).join('\n')).toContain(`id_token rejected (${problem})`);
    },
  );

  it.each(attacks.map(([label, problem]) => [label, problem]))(
    'token-login verifier: %s → invalid_id_token (%s)',
    async (label, problem) => {
      const { claims, options } = attacks.find(([l]) => l === label)![2]();
      const token = kakao.mintIdToken({ ...claims, nonce: 'n' }, options);
      await expect(verifier.verifyIdToken(token, { nonce: 'n' })).rejects.toMatchObject({
        reason: 'invalid_id_token',
        idTokenProblem: problem,
      });
    },
  );
});
