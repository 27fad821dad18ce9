import { KakaoIdTokenError } from '../../src/passport';
// Internals (not part of the public surface): imported from their files.
import { KakaoHttpClient } from '../../src/http/kakao-http.client';
import { IdTokenVerifier } from '../../src/oidc/id-token.verifier';
import { JwksCache } from '../../src/oidc/jwks.cache';
import { KakaoEmulator } from '../../src/testing';
import { jwtPayload, startExpressSample, type RunningApp } from '../support/express-kakao-app';
import { TestBrowser } from '../support/test-browser';

describe.each([
  ['user_me', 'user_me' as const],
  ['id_token', 'id_token' as const],
])('OpenID Connect login (profile from %s)', (_label, profileFrom) => {
  let kakao: KakaoEmulator;
  let app: RunningApp;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
    app = await startExpressSample(kakao, { openid: true, profileFrom });
  });
  afterAll(async () => {
    await app.close();
    await kakao.stop();
  });
  beforeEach(() => kakao.clearRequests());

  async function login(mutate?: (body: Record<string, unknown>) => object) {
    if (mutate) kakao.onNextTokenResponse(mutate);
    const browser = new TestBrowser();
    const res = await browser.follow(`${app.url}/auth/kakao`);
    return { res, browser };
  }

  it('accepts a valid id_token with the nonce it sent', async () => {
    const { res, browser } = await login();
    expect(res.url).toBe(`${app.url}/profile`);
    const authorize = kakao.requests.find((r) => r.path === '/oauth/authorize')!;
    expect(authorize.query.scope).toContain('openid');
    expect(authorize.query.nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const profile = JSON.parse((await browser.get(`${app.url}/profile`)).body);
    expect(profile.id).toBe(kakao.users[0].id);
    expect(kakao.requests.filter((r) => r.path === '/v2/user/me')).toHaveLength(
      profileFrom === 'id_token' ? 0 : 1,
    );
  });

  const nowSec = () => Math.floor(kakao.now() / 1000);
  const attacks: Array<[string, (body: Record<string, unknown>) => object]> = [
    [
      'a wrong aud',
      (b) => ({
        ...b,
        id_token: kakao.mintIdToken({ nonce: nonceOf(b), aud: 'someone-elses-app' }),
      }),
    ],
    [
      'a wrong iss',
      (b) => ({
        ...b,
        id_token: kakao.mintIdToken({ nonce: nonceOf(b), iss: 'https://kauth.evil.example' }),
      }),
    ],
    [
      'an expired token',
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
      'a bad signature',
      (b) => ({
        ...b,
        id_token: kakao.mintIdToken({ nonce: nonceOf(b) }, { signWith: 'foreign-key' }),
      }),
    ],
    [
      'alg none',
      (b) => ({ ...b, id_token: kakao.mintIdToken({ nonce: nonceOf(b) }, { alg: 'none' }) }),
    ],
    [
      'HS256 keyed with the public key',
      (b) => ({
        ...b,
        id_token: kakao.mintIdToken(
          { nonce: nonceOf(b) },
          { alg: 'HS256', signWith: 'public-key-as-hmac-secret' },
        ),
      }),
    ],
    [
      'a wrong nonce',
      (b) => ({ ...b, id_token: kakao.mintIdToken({ nonce: 'not-the-nonce-we-sent' }) }),
    ],
    ['a missing nonce', (b) => ({ ...b, id_token: kakao.mintIdToken({ nonce: undefined }) })],
    ['a missing id_token', (b) => ({ ...b, id_token: undefined })],
  ];

  it.each(attacks)('rejects %s as a failed login (invalid_id_token)', async (_label, mutate) => {
    const { res, browser } = await login(mutate);
    expect(res.url).toBe(`${app.url}/login-failed?reason=invalid_id_token`);
    expect((await browser.get(`${app.url}/profile`)).status).toBe(401);
  });

  if (profileFrom === 'user_me') {
    it('rejects an id_token whose sub is not the /v2/user/me id', async () => {
      const other = kakao.users[1].id;
      const { res, browser } = await login((b) => ({
        ...b,
        id_token: kakao.mintIdToken({ nonce: nonceOf(b), sub: other }),
      }));
      expect(res.url).toBe(`${app.url}/login-failed?reason=invalid_id_token`);
      expect((await browser.get(`${app.url}/profile`)).status).toBe(401);
    });
  }
});

function nonceOf(body: Record<string, unknown>): string {
  return jwtPayload(String(body.id_token)).nonce as string;
}

describe('JWKS caching against the emulator', () => {
  it('1,000 id_tokens with random kids cause at most one JWKS fetch', async () => {
    const kakao = await KakaoEmulator.start();
    try {
      const verifier = new IdTokenVerifier(
        new JwksCache(`${kakao.authBaseURL}/.well-known/jwks.json`, new KakaoHttpClient()),
      );
      const results = await Promise.all(
        Array.from({ length: 1000 }, (_, i) =>
          verifier
            .verify(kakao.mintIdToken({}, { kid: `random-${i}-${Math.random()}` }), {
              issuer: kakao.issuer,
              audiences: [kakao.clientID],
            })
            .then(
              () => 'accepted',
              (e: unknown) => (e instanceof KakaoIdTokenError ? e.problem : 'other'),
            ),
        ),
      );
      expect(new Set(results)).toEqual(new Set(['unknown_kid']));
      expect(
        kakao.requests.filter((r) => r.path === '/.well-known/jwks.json').length,
      ).toBeLessThanOrEqual(1);
      // a real token still verifies from the cache, without another fetch
      await expect(
        verifier.verify(kakao.mintIdToken({}), {
          issuer: kakao.issuer,
          audiences: [kakao.clientID],
        }),
      ).resolves.toBeDefined();
      expect(kakao.requests.filter((r) => r.path === '/.well-known/jwks.json').length).toBe(1);
    } finally {
      await kakao.stop();
    }
  });

  it('refetches once after a key rotation', async () => {
    let now = 1_000_000;
    const kakao = await KakaoEmulator.start();
    try {
      const verifier = new IdTokenVerifier(
        new JwksCache(
          `${kakao.authBaseURL}/.well-known/jwks.json`,
          new KakaoHttpClient(),
          () => now,
        ),
      );
      const expect_ = { issuer: kakao.issuer, audiences: [kakao.clientID] };
      await verifier.verify(kakao.mintIdToken({}), expect_);
      kakao.rotateSigningKey();
      now += 31_000;
      await verifier.verify(kakao.mintIdToken({}), expect_);
      await verifier.verify(kakao.mintIdToken({}), expect_);
      expect(kakao.requests.filter((r) => r.path === '/.well-known/jwks.json')).toHaveLength(2);
    } finally {
      await kakao.stop();
    }
  });
});
