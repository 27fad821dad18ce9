import type { KakaoIdTokenClaims } from '../types/kakao-user.types';
import type { KakaoProfile } from './kakao-profile';

/**
 * The profile of a login whose id_token was already verified, without calling `/v2/user/me`.
 * Kakao puts `email` in the id_token only when it is valid and verified.
 */
export function profileFromIdToken(claims: KakaoIdTokenClaims, payloadText: string): KakaoProfile {
  const nickname =
    typeof claims.nickname === 'string' && claims.nickname ? claims.nickname : undefined;
  const picture = typeof claims.picture === 'string' && claims.picture ? claims.picture : undefined;
  const email = typeof claims.email === 'string' && claims.email ? claims.email : undefined;
  return {
    provider: 'kakao',
    id: claims.sub,
    displayName: nickname,
    username: nickname,
    emails: email ? [{ value: email, verified: true }] : undefined,
    photos: picture ? [{ value: picture }] : undefined,
    nickname,
    thumbnailImageURL: picture,
    email,
    emailVerified: email ? true : undefined,
    missingConsents: [],
    source: 'id_token',
    _raw: payloadText,
    _json: {
      id: claims.sub,
      kakao_account: {
        profile: nickname || picture ? { nickname, thumbnail_image_url: picture } : undefined,
        email,
        is_email_valid: email ? true : undefined,
        is_email_verified: email ? true : undefined,
      },
    },
    idTokenClaims: claims,
  };
}
