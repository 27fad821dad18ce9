import type { EmulatorState } from './emulator-state';
import type { EmulatorUser } from './emulator-users';
import type { IdTokenClaims } from './id-token.signer';
import type { RefreshTokenRecord } from './token.store';

/** Kakao's /oauth/token response body (reference §1.2), field order as in Kakao's samples. */
export interface EmulatorTokenResponse {
  token_type: 'bearer';
  access_token: string;
  id_token?: string;
  expires_in: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  scope?: string;
}

/** A refresh token is only renewed when less than one month of its life remains (reference §1.2). */
export const REFRESH_ROTATION_WINDOW_SEC = 30 * 86400;

export interface TokenGrant {
  user: EmulatorUser;
  clientId: string;
  openid: boolean;
  nonce?: string;
  authTime: number;
}

function agreedAny(user: EmulatorUser, ...scopes: string[]): boolean {
  return scopes.some((scope) => user.agreedScopes.includes(scope));
}

/** id_token claims for a user as Kakao builds them (reference §1.6): consent decides the extras. */
export function idTokenClaimsFor(
  state: EmulatorState,
  user: EmulatorUser,
  grant: { aud: string; nonce?: string; authTime: number },
): IdTokenClaims {
  const iat = state.nowSec();
  const showEmail =
    agreedAny(user, 'account_email') && user.email && user.isEmailValid && user.isEmailVerified;
  return {
    iss: state.issuer,
    aud: grant.aud,
    sub: user.id,
    iat,
    exp: iat + state.options.accessTokenTtlSec,
    auth_time: grant.authTime,
    nonce: grant.nonce,
    nickname: agreedAny(user, 'profile_nickname', 'profile') ? user.nickname : undefined,
    picture: agreedAny(user, 'profile_image', 'profile') ? user.thumbnailImageURL : undefined,
    email: showEmail ? user.email : undefined,
  };
}

function signClaims(state: EmulatorState, claims: IdTokenClaims): string {
  const present = Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined));
  return state.signer.sign(present);
}

/** Issues a fresh access + refresh token pair (authorization_code grant, or issueTokens()). */
export function issueTokens(state: EmulatorState, grant: TokenGrant): EmulatorTokenResponse {
  const { user, clientId, openid } = grant;
  const now = state.now();
  const scopes = [...user.agreedScopes];
  const accessTtl = state.options.accessTokenTtlSec;
  const refreshTtl = state.options.refreshTokenTtlSec;
  const access = state.tokens.addAccessToken({
    userId: user.id,
    clientId,
    scopes,
    openid,
    expiresAt: now + accessTtl * 1000,
  });
  const refresh = state.tokens.addRefreshToken({
    userId: user.id,
    clientId,
    scopes,
    withIdToken: openid,
    authTime: grant.authTime,
    expiresAt: now + refreshTtl * 1000,
  });
  const idToken = openid
    ? signClaims(state, idTokenClaimsFor(state, user, { ...grant, aud: clientId }))
    : undefined;
  return {
    token_type: 'bearer',
    access_token: access.token,
    id_token: idToken,
    expires_in: accessTtl,
    refresh_token: refresh.token,
    refresh_token_expires_in: refreshTtl,
    scope: [...scopes, ...(openid ? ['openid'] : [])].join(' '),
  };
}

/**
 * refresh_token grant: a new access token; a new refresh token only when less than a month of
 * the old one's life remains, and the old one then dies; an id_token only when the refresh token
 * came with one (reference §1.2, [DT322]).
 */
export function refreshTokens(
  state: EmulatorState,
  record: RefreshTokenRecord,
  user: EmulatorUser,
): EmulatorTokenResponse {
  const now = state.now();
  const accessTtl = state.options.accessTokenTtlSec;
  const scopes = [...user.agreedScopes];
  const access = state.tokens.addAccessToken({
    userId: user.id,
    clientId: record.clientId,
    scopes,
    openid: record.withIdToken,
    expiresAt: now + accessTtl * 1000,
  });
  const claims = record.withIdToken
    ? idTokenClaimsFor(state, user, { aud: record.clientId, authTime: record.authTime })
    : undefined;
  const body: EmulatorTokenResponse = {
    token_type: 'bearer',
    access_token: access.token,
    id_token: claims ? signClaims(state, claims) : undefined,
    expires_in: accessTtl,
  };
  const remainingSec = Math.floor((record.expiresAt - now) / 1000);
  if (remainingSec < REFRESH_ROTATION_WINDOW_SEC) {
    const refreshTtl = state.options.refreshTokenTtlSec;
    state.tokens.deleteRefreshToken(record.token);
    const next = state.tokens.addRefreshToken({
      ...record,
      scopes,
      expiresAt: now + refreshTtl * 1000,
    });
    body.refresh_token = next.token;
    body.refresh_token_expires_in = refreshTtl;
  }
  return body;
}
