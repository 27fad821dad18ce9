import { KakaoEmulator } from '../../src/testing';
import { jwtPayload } from '../support/express-kakao-app';
import { TestBrowser } from '../support/test-browser';
import { failureReason, logIn, whoAmI } from '../support/login-steps';
import { type NestInstance, startNestInstance } from '../support/nest-instance';

const FAILED = '/login-failed';

type TokenBody = Record<string, unknown>;

/**
 * Forged and replayed id_tokens, handed to KakaoAuthModule (openid: true) in Kakao's token
 * response. Each must end in `?error=invalid_id_token` with nobody logged in, and the log must
 * name the check that caught it (so a test cannot pass because another check fired).
 */
describe('security: id_token attacks (KakaoAuthModule with openid)', () => {
  let kakao: KakaoEmulator;
  let app: NestInstance;
  let replayable: string;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
    app = await startNestInstance(kakao, ({ kakaoOptions }) => ({
      ...kakaoOptions,
      openid: true,
      failureRedirect: FAILED,
    }));
  });
  afterAll(async () => {
    await app.close();
    await kakao.stop();
  });
  beforeEach(() => kakao.clearRequests());

  const nowSec = () => Math.floor(kakao.now() / 1000);
  const nonceOf = (body: TokenBody) => jwtPayload(String(body.id_token)).nonce as string;
  const jwksFetches = () => kakao.requests.filter((r) => r.path === '/.well-known/jwks.json');

  it('a genuine id_token logs in (positive control)', async () => {
    kakao.onNextTokenResponse((body) => {
      replayable = String(body.id_token);
      return body;
    });
    const browser = new TestBrowser();
    expect((await logIn(browser, app)).location).toBe(`${app.url}/`);
    expect(await whoAmI(browser, app.url)).toBe(kakao.users[0].id);
  });

  const attacks: Array<[string, string, (body: TokenBody) => TokenBody]> = [
    [
      'alg none (unsigned)',
      'unsupported_alg',
      (b) => ({ ...b, id_token: kakao.mintIdToken({ nonce: nonceOf(b) }, { alg: 'none' }) }),
    ],
    [
      'HS256 signed with the public key as the HMAC secret',
      'unsupported_alg',
      (b) => ({
        ...b,
        id_token: kakao.mintIdToken(
          { nonce: nonceOf(b) },
          { alg: 'HS256', signWith: 'public-key-as-hmac-secret' },
        ),
      }),
    ],
    [
      'an unknown kid',
      'unknown_kid',
      (b) => ({
        ...b,
        id_token: kakao.mintIdToken({ nonce: nonceOf(b) }, { kid: 'attacker-kid' }),
      }),
    ],
    [
      'a signature by a key Kakao never published (same kid)',
      'bad_signature',
      (b) => ({
        ...b,
        id_token: kakao.mintIdToken({ nonce: nonceOf(b) }, { signWith: 'foreign-key' }),
      }),
    ],
    [
      'a payload changed after signing (sub swapped)',
      'bad_signature',
      (b) => {
        const [header, , signature] = String(b.id_token).split('.');
        const payload = { ...jwtPayload(String(b.id_token)), sub: kakao.users[1].id };
        const forged = Buffer.from(JSON.stringify(payload)).toString('base64url');
        return { ...b, id_token: `${header}.${forged}.${signature}` };
      },
    ],
    [
      'an expired token',
      'expired',
      (b) => ({
        ...b,
        id_token: kakao.mintIdToken({
          nonce: nonceOf(b),
          iat: nowSec() - 7200,
          exp: nowSec() - 3600,
        }),
      }),
    ],
    [
      'an iat in the future',
      'issued_in_future',
      (b) => ({
        ...b,
        id_token: kakao.mintIdToken({
          nonce: nonceOf(b),
          iat: nowSec() + 3600,
          exp: nowSec() + 7200,
        }),
      }),
    ],
    [
      'a wrong aud (another app)',
      'wrong_audience',
      (b) => ({
        ...b,
        id_token: kakao.mintIdToken({ nonce: nonceOf(b), aud: 'another-apps-key' }),
      }),
    ],
    [
      'a wrong iss',
      'wrong_issuer',
      (b) => ({
        ...b,
        id_token: kakao.mintIdToken({ nonce: nonceOf(b), iss: 'https://kauth.evil.example' }),
      }),
    ],
    [
      'a replayed nonce (a genuine id_token from an earlier login)',
      'nonce_mismatch',
      (b) => ({ ...b, id_token: replayable }),
    ],
    [
      'no nonce',
      'nonce_mismatch',
      (b) => ({ ...b, id_token: kakao.mintIdToken({ nonce: undefined }) }),
    ],
    [
      'a sub that is not the /v2/user/me id',
      'subject_mismatch',
      (b) => ({ ...b, id_token: kakao.mintIdToken({ nonce: nonceOf(b), sub: kakao.users[1].id }) }),
    ],
    ['no id_token at all', 'missing', (b) => ({ ...b, id_token: undefined })],
    ['garbage instead of a JWS', 'malformed', (b) => ({ ...b, id_token: 'not.a.jwt!' })],
  ];

  it.each(attacks)(
    '%s → invalid_id_token (%s), nobody logged in',
    async (_label, problem, forge) => {
      const logged = app.logs.length;
      kakao.onNextTokenResponse(forge);
      const browser = new TestBrowser();
      const res = await logIn(browser, app);
      expect(failureReason(res.location, FAILED)).toBe('invalid_id_token');
      expect(await whoAmI(browser, app.url)).toBeUndefined();
      expect(app.logs.slice(logged).join('\n')).toContain(`id_token rejected (${problem})`);
    },
  );

  it('JWKS flood: 30 logins with random kids cost no JWKS fetch beyond the first one', async () => {
    const flood = await startNestInstance(kakao, ({ kakaoOptions }) => ({
      ...kakaoOptions,
      openid: true,
      failureRedirect: FAILED,
    }));
    try {
      expect((await logIn(new TestBrowser(), flood)).location).toBe(`${flood.url}/`);
      expect(jwksFetches()).toHaveLength(1);
      const reasons = await Promise.all(
        Array.from({ length: 30 }, async (_, i) => {
          kakao.onNextTokenResponse((b) => ({
            ...b,
            id_token: kakao.mintIdToken(
              { nonce: nonceOf(b) },
              { kid: `random-${i}-${Math.random()}` },
            ),
          }));
          return failureReason((await logIn(new TestBrowser(), flood)).location, FAILED);
        }),
      );
      expect(new Set(reasons)).toEqual(new Set(['invalid_id_token']));
      expect(jwksFetches()).toHaveLength(1);
      // Genuine tokens still verify from the cache.
      expect((await logIn(new TestBrowser(), flood)).location).toBe(`${flood.url}/`);
      expect(jwksFetches()).toHaveLength(1);
    } finally {
      await flood.close();
    }
  });
});
