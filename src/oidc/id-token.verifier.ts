import { verify as verifySignature } from 'node:crypto';
import { KakaoIdTokenError } from '../errors/kakao-id-token.error';
import type { KakaoIdTokenClaims } from '../types/kakao-user.types';
import { decodeJwt } from './jwt';
import type { JwksCache } from './jwks.cache';

/** What an id_token must match. */
export interface IdTokenExpectations {
  /** `iss` must equal this. */
  issuer: string;
  /** The app's keys: `aud` must name only these (at least one), and `azp`, when present, one of them. */
  audiences: readonly string[];
  /** `nonce` must equal this raw value; when undefined, no nonce is required. */
  nonce?: string;
  /** Allowed clock skew in seconds (default 30). */
  clockToleranceSec?: number;
  /** Refuse tokens issued longer ago than this many seconds. */
  maxAgeSec?: number;
  now?: () => number;
}

/** The verified claims and the decoded payload text. */
export interface VerifiedIdToken {
  claims: KakaoIdTokenClaims;
  payloadText: string;
}

/**
 * Verifies a Kakao id_token per OpenID Connect Core 3.1.3.7: RS256 only (no `none`, no HMAC), no
 * `crit` header, signature by the JWKS key of its `kid`, `iss`, `aud` (only the app's keys),
 * `azp` (when present, one of the app's keys), `exp`, `nbf`, `iat`, and `nonce`. Throws `KakaoIdTokenError` naming the check
 * that failed; the token never reaches the app unverified.
 *
 * @internal
 */
export class IdTokenVerifier {
  constructor(private readonly jwks: JwksCache) {}

  async verify(token: string, expect: IdTokenExpectations): Promise<VerifiedIdToken> {
    if (!token)
      throw new KakaoIdTokenError(
        'missing',
        'Kakao sent no id_token; is OpenID Connect on for the app?',
      );
    const jwt = decodeJwt(token);
    if (jwt.header.alg !== 'RS256') {
      throw new KakaoIdTokenError(
        'unsupported_alg',
        `alg ${String(jwt.header.alg).slice(0, 20)} is not RS256`,
      );
    }
    // RFC 7515 4.1.11: a token whose crit names an extension we do not implement must be refused.
    if (jwt.header.crit !== undefined) {
      throw new KakaoIdTokenError(
        'malformed',
        'the header has crit, naming extensions this verifier does not understand',
      );
    }
    const kid = typeof jwt.header.kid === 'string' ? jwt.header.kid : undefined;
    const key = await this.jwks.getKey(kid);
    if (!key) throw new KakaoIdTokenError('unknown_kid', 'no Kakao signing key has this kid');
    let valid = false;
    try {
      valid = verifySignature('RSA-SHA256', Buffer.from(jwt.signingInput), key, jwt.signature);
    } catch {
      valid = false;
    }
    if (!valid) throw new KakaoIdTokenError('bad_signature');
    return { claims: checkClaims(jwt.payload, expect), payloadText: jwt.payloadText };
  }
}

function checkClaims(
  payload: Record<string, unknown>,
  expect: IdTokenExpectations,
): KakaoIdTokenClaims {
  const now = Math.floor((expect.now ?? Date.now)() / 1000);
  const tolerance = expect.clockToleranceSec ?? 30;
  if (payload.iss !== expect.issuer) throw new KakaoIdTokenError('wrong_issuer');
  const aud = payload.aud;
  const auds = Array.isArray(aud) ? aud : [aud];
  // Every audience must be one of the app's keys: a token also meant for another client may
  // have been presented to that client first (OIDC Core 3.1.3.7 step 3).
  if (
    auds.length === 0 ||
    !auds.every((a) => typeof a === 'string' && expect.audiences.includes(a))
  ) {
    throw new KakaoIdTokenError('wrong_audience', "aud must name only the app's keys");
  }
  if (
    payload.azp !== undefined &&
    !(typeof payload.azp === 'string' && expect.audiences.includes(payload.azp))
  ) {
    throw new KakaoIdTokenError('wrong_audience', "azp is not one of the app's keys");
  }
  if (typeof payload.exp !== 'number' || payload.exp + tolerance <= now)
    throw new KakaoIdTokenError('expired');
  if (typeof payload.iat !== 'number' || payload.iat - tolerance > now) {
    throw new KakaoIdTokenError('issued_in_future');
  }
  if (
    payload.nbf !== undefined &&
    (typeof payload.nbf !== 'number' || payload.nbf - tolerance > now)
  ) {
    throw new KakaoIdTokenError('issued_in_future', 'not valid before its nbf');
  }
  if (expect.maxAgeSec !== undefined && now - payload.iat > expect.maxAgeSec + tolerance) {
    throw new KakaoIdTokenError('too_old');
  }
  if (expect.nonce !== undefined && payload.nonce !== expect.nonce)
    throw new KakaoIdTokenError('nonce_mismatch');
  if (typeof payload.sub !== 'string' || !/^\d{1,25}$/.test(payload.sub)) {
    throw new KakaoIdTokenError('malformed', 'sub is not a Kakao user id');
  }
  return payload as unknown as KakaoIdTokenClaims;
}
