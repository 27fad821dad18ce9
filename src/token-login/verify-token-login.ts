import type { KakaoTokenInfo } from '../api/kakao-api.types';
import type { KakaoProfile } from '../profile/kakao-profile';
import type { KakaoIdTokenClaims } from '../types/kakao-user.types';
import { KakaoTokenLoginError } from './kakao-token-login.error';
import type { KakaoTokenVerifier } from './kakao-token.verifier';
import type { KakaoTokenLoginInput } from './token-login.input';

/** The token response-like view of a token login, for verify callbacks that take `params`. */
export interface KakaoTokenLoginParams {
  token_type: 'bearer';
  access_token?: string;
  /** Seconds the access token has left (from `/v1/user/access_token_info`). */
  expires_in?: number;
  id_token?: string;
  /** The App ID the access token was issued to. */
  app_id?: number;
}

/** A verified token login. @internal */
export interface KakaoTokenLoginResult {
  /** Kakao user id, exact. */
  userId: string;
  /** `/v2/user/me` when an access token came (with `idTokenClaims` when an id_token came too), else the id_token's profile. */
  profile: KakaoProfile;
  accessToken?: string;
  /** Epoch ms after which the access token is expired. */
  accessTokenExpiresAt?: number;
  tokenInfo?: KakaoTokenInfo;
  idToken?: string;
  idTokenClaims?: KakaoIdTokenClaims;
  params: KakaoTokenLoginParams;
}

export interface VerifyTokenLoginOptions {
  /** id_tokens must carry a nonce that `redeemNonce` accepts. */
  requireNonce: boolean;
  /** Redeems a server-issued nonce once; false for unknown, used, expired or foreign nonces. */
  redeemNonce(nonce: string): Promise<boolean>;
}

/**
 * Verifies what a client sent, cheapest and non-consuming checks first: the id_token locally,
 * then the access token at Kakao, and only then redeems the nonce. A 503 from Kakao therefore
 * leaves the nonce unused, and the client can retry with the same tokens.
 *
 * @internal
 */
export async function verifyTokenLogin(
  verifier: KakaoTokenVerifier,
  input: KakaoTokenLoginInput,
  options: VerifyTokenLoginOptions,
): Promise<KakaoTokenLoginResult> {
  const idToken = input.idToken
    ? await verifier.verifyIdToken(input.idToken, { nonce: input.nonce })
    : undefined;
  const access = input.accessToken
    ? await verifier.verifyAccessToken(input.accessToken)
    : undefined;
  if (idToken && access && idToken.userId !== access.userId)
    throw new KakaoTokenLoginError('user_mismatch');
  if (idToken && options.requireNonce) {
    const nonce = idToken.claims.nonce;
    if (typeof nonce !== 'string' || !(await options.redeemNonce(nonce)))
      throw new KakaoTokenLoginError(
        'invalid_nonce',
        nonce === undefined
          ? 'the id_token has no nonce'
          : 'unknown, used, expired or foreign nonce',
        { idTokenProblem: 'nonce_mismatch' },
      );
  }
  const profile = access?.profile ?? idToken!.profile;
  if (access && idToken) profile.idTokenClaims = idToken.claims;
  return {
    userId: (access?.userId ?? idToken?.userId)!,
    profile,
    accessToken: input.accessToken,
    accessTokenExpiresAt: access?.expiresAt,
    tokenInfo: access?.tokenInfo,
    idToken: input.idToken,
    idTokenClaims: idToken?.claims,
    params: {
      token_type: 'bearer',
      access_token: input.accessToken,
      expires_in: access?.tokenInfo.expires_in,
      id_token: input.idToken,
      app_id: access?.tokenInfo.app_id,
    },
  };
}
