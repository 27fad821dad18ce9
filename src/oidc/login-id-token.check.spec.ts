import { KakaoIdTokenError } from '../errors/kakao-id-token.error';
import type { KakaoProfile } from '../profile/kakao-profile';
import type { KakaoIdTokenClaims } from '../types/kakao-user.types';
import type { VerifiedIdToken } from './id-token.verifier';
import { bindIdToken, profileOfIdToken } from './login-id-token.check';

const claims: KakaoIdTokenClaims = {
  iss: 'https://kauth.kakao.com',
  aud: 'rest-key',
  sub: '9007199254740993',
  iat: 1,
  exp: 2,
  nickname: '라이언',
  email: 'ryan@example.com',
};
const token: VerifiedIdToken = { claims, payloadText: JSON.stringify(claims) };
const profile = (id: string): KakaoProfile =>
  ({ provider: 'kakao', id, _raw: '{}', _json: {} }) as unknown as KakaoProfile;

describe('the id_token of a login', () => {
  it('is the profile when /v2/user/me is skipped: exact id, nickname, verified email', () => {
    expect(profileOfIdToken(token)).toMatchObject({
      provider: 'kakao',
      id: '9007199254740993',
      displayName: '라이언',
      emails: [{ value: 'ryan@example.com', verified: true }],
    });
  });

  it('rides on the /v2/user/me profile of the same user', () => {
    const bound = bindIdToken(profile('9007199254740993'), token);
    expect(bound.idTokenClaims).toBe(claims);
  });

  it.each([
    ['another user', profile('9007199254740992')],
    ['no profile', undefined],
  ])('is refused as subject_mismatch with %s', (_label, other) => {
    let thrown: unknown;
    try {
      bindIdToken(other, token);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(KakaoIdTokenError);
    expect(thrown).toMatchObject({ problem: 'subject_mismatch' });
    expect(other?.idTokenClaims).toBeUndefined();
  });
});
