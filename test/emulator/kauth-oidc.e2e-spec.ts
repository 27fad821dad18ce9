import { KakaoEmulator } from '../../src/testing';
import { call, decodeJwt, postForm, verifiesAgainstJwks } from '../support/emulator-calls';

describe('KakaoEmulator OIDC endpoints', () => {
  let kakao: KakaoEmulator;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start();
  });

  afterAll(async () => {
    await kakao.stop();
  });

  it('serves the discovery document of the reference, pointing at the emulator', async () => {
    const answer = await call(`${kakao.authBaseURL}/.well-known/openid-configuration`);
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({
      issuer: kakao.issuer,
      authorization_endpoint: `${kakao.authBaseURL}/oauth/authorize`,
      token_endpoint: `${kakao.authBaseURL}/oauth/token`,
      userinfo_endpoint: `${kakao.apiBaseURL}/v1/oidc/userinfo`,
      jwks_uri: `${kakao.authBaseURL}/.well-known/jwks.json`,
      token_endpoint_auth_methods_supported: ['client_secret_post'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      request_uri_parameter_supported: false,
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      claims_supported: [
        'iss',
        'aud',
        'sub',
        'auth_time',
        'exp',
        'iat',
        'nonce',
        'nickname',
        'picture',
        'email',
      ],
    });
  });

  it('serves RS256 keys in JWKS and rotates them on request', async () => {
    const jwks = async () =>
      (await call(`${kakao.authBaseURL}/.well-known/jwks.json`)).json().keys as Array<
        Record<string, string>
      >;
    const [key] = await jwks();
    expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(key).toMatchObject({
      kty: 'RSA',
      alg: 'RS256',
      use: 'sig',
      e: 'AQAB',
      kid: kakao.signingKeyId,
    });
    const oldKid = key.kid;
    const kept = kakao.rotateSigningKey({ keepOld: true });
    expect((await jwks()).map((k) => k.kid)).toEqual([kept, oldKid]);
    const fresh = kakao.rotateSigningKey();
    expect((await jwks()).map((k) => k.kid)).toEqual([fresh]);
    expect(await verifiesAgainstJwks(kakao, kakao.mintIdToken())).toBe(true);
  });

  it('mints attack tokens the JWKS does not vouch for', async () => {
    expect(
      await verifiesAgainstJwks(kakao, kakao.mintIdToken({}, { signWith: 'foreign-key' })),
    ).toBe(false);
    const none = kakao.mintIdToken({}, { alg: 'none' });
    expect(none.endsWith('.')).toBe(true);
    expect(decodeJwt(none).header.alg).toBe('none');
    const hs = kakao.mintIdToken({}, { signWith: 'public-key-as-hmac-secret' });
    expect(decodeJwt(hs).header.alg).toBe('HS256');
    expect(await verifiesAgainstJwks(kakao, hs)).toBe(false);
    const custom = decodeJwt(
      kakao.mintIdToken({ aud: kakao.javascriptKey, nonce: undefined, sub: '4023456789' }),
    );
    expect(custom.payload).toMatchObject({
      aud: kakao.javascriptKey,
      sub: '4023456789',
      nickname: '박지호',
    });
    expect(custom.payload).not.toHaveProperty('nonce');
  });

  it('/oauth/tokeninfo returns the payload of a valid id_token', async () => {
    const token = kakao.mintIdToken({ nonce: 'abc' });
    const answer = await postForm(`${kakao.authBaseURL}/oauth/tokeninfo`, { id_token: token });
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual(decodeJwt(token).payload);
  });

  it.each([
    ['malformed', () => 'not-a-jwt', 'KOE400'],
    ['foreign signature', () => kakao.mintIdToken({}, { signWith: 'foreign-key' }), 'KOE402'],
    ['wrong issuer', () => kakao.mintIdToken({ iss: 'https://evil.example' }), 'KOE401'],
    ['expired', () => kakao.mintIdToken({ exp: Math.floor(Date.now() / 1000) - 1 }), 'KOE403'],
  ])('/oauth/tokeninfo rejects a %s token with 400 invalid_token', async (_name, make, code) => {
    const answer = await postForm(`${kakao.authBaseURL}/oauth/tokeninfo`, { id_token: make() });
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({ error: 'invalid_token', error_code: code });
  });
});
