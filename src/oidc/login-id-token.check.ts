import { KakaoIdTokenError } from '../errors/kakao-id-token.error';
import type { KakaoHttpClient } from '../http/kakao-http.client';
import type { KakaoProfile } from '../profile/kakao-profile';
import { profileFromIdToken } from '../profile/profile-from-id-token';
import {
  type IdTokenExpectations,
  IdTokenVerifier,
  type VerifiedIdToken,
} from './id-token.verifier';
import { JwksCache } from './jwks.cache';

/** What every login's id_token must match, fixed at start-up. */
export interface LoginIdTokenSettings {
  jwksURL: string;
  issuer: string;
  audiences: readonly string[];
  clockToleranceSeconds: number;
}

/**
 * The id_token of a Kakao Login callback (`openid: true`): verified with the login's nonce, then
 * either the profile itself (when `/v2/user/me` is skipped) or bound to the `/v2/user/me`
 * profile, which must be the same user. Built once per strategy; holds the JWKS cache.
 */
export class LoginIdTokenCheck {
  private readonly verifier: IdTokenVerifier;
  private readonly expect: Omit<IdTokenExpectations, 'nonce'>;

  constructor(settings: LoginIdTokenSettings, http: KakaoHttpClient) {
    this.verifier = new IdTokenVerifier(new JwksCache(settings.jwksURL, http));
    this.expect = {
      issuer: settings.issuer,
      audiences: settings.audiences,
      clockToleranceSec: settings.clockToleranceSeconds,
    };
  }

  /** Verifies the token response's id_token against the nonce the login was started with. */
  verify(idToken: string | undefined, nonce: string | undefined): Promise<VerifiedIdToken> {
    return this.verifier.verify(idToken ?? '', { ...this.expect, nonce });
  }
}

/** The profile a verified id_token carries, for logins that skip `/v2/user/me`. */
export function profileOfIdToken(token: VerifiedIdToken): KakaoProfile {
  return profileFromIdToken(token.claims, token.payloadText);
}

/**
 * Binds a verified id_token to the `/v2/user/me` profile: its `sub` must be the profile's id
 * (else the two answers are about different users), and the claims ride along on the profile.
 */
export function bindIdToken(
  profile: KakaoProfile | undefined,
  token: VerifiedIdToken,
): KakaoProfile {
  if (!profile || String(profile.id) !== token.claims.sub)
    throw new KakaoIdTokenError('subject_mismatch', 'the id_token sub is not the /v2/user/me id');
  profile.idTokenClaims = token.claims;
  return profile;
}
