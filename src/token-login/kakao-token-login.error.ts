import { KakaoError } from '../errors/kakao.error';
import type { KakaoIdTokenProblem } from '../errors/kakao-id-token.error';

/**
 * The fixed reasons a token login (`POST token`, `kakao-token`, `POST exchange`) fails with. They
 * are safe to send to the client: no Kakao message and no token is ever echoed.
 */
export const KAKAO_TOKEN_LOGIN_REASONS = [
  'missing_token',
  'invalid_request',
  'invalid_token',
  'wrong_app',
  'invalid_id_token',
  'invalid_nonce',
  'invalid_code',
  'user_mismatch',
  'user_rejected',
  'rate_limited',
  'kakao_unavailable',
  'kakao_error',
] as const;

export type KakaoTokenLoginReason = (typeof KAKAO_TOKEN_LOGIN_REASONS)[number];

const STATUS: Readonly<Record<KakaoTokenLoginReason, number>> = {
  missing_token: 401,
  invalid_request: 400,
  invalid_token: 401,
  wrong_app: 401,
  invalid_id_token: 401,
  invalid_nonce: 401,
  invalid_code: 401,
  user_mismatch: 401,
  user_rejected: 401,
  rate_limited: 503,
  kakao_unavailable: 503,
  kakao_error: 502,
};

/** Seconds a client should wait before retrying the same token. */
const RETRY_AFTER_SEC: Readonly<Partial<Record<KakaoTokenLoginReason, number>>> = {
  kakao_unavailable: 5,
  rate_limited: 60,
};

const HINTS: Readonly<Record<KakaoTokenLoginReason, string>> = {
  missing_token:
    'send access_token (or id_token with nonce) in a JSON body, or the access token in Authorization: Bearer; tokens in the query string are ignored',
  invalid_request: 'the token fields must be single strings of reasonable size',
  invalid_token:
    'the access token is unknown, expired or malformed; log in with the Kakao SDK again',
  wrong_app:
    'the token was issued to another Kakao app; check that appId is the App ID of the app whose native/JavaScript keys the client uses ([App] > [General])',
  invalid_id_token:
    'the id_token failed verification; list the native and JavaScript keys it may be issued to in audiences, and send it right after the SDK login',
  invalid_nonce:
    'get a fresh nonce (GET nonce) before each SDK login, pass it to the SDK, and send it once from the same client (cookies kept)',
  invalid_code:
    'the handoff code is unknown, expired, already used or was issued to another browser; start the login again',
  user_mismatch: 'the id_token and the access token belong to different Kakao users',
  user_rejected: 'the app refused this Kakao user (validateUser or the verify callback)',
  rate_limited: 'Kakao rate-limited the app; retry after Retry-After seconds',
  kakao_unavailable:
    'Kakao is temporarily unavailable (-1, 5xx, timeout); retry with the same token after Retry-After seconds',
  kakao_error:
    'Kakao refused the call for a reason other than the token; see the cause in the server log',
};

/**
 * A token login was refused. `reason` is one of `KAKAO_TOKEN_LOGIN_REASONS`, `status` the HTTP
 * status to answer with (401, 400, 502, or 503 with `retryAfterSec` when Kakao was temporarily
 * unavailable: the same token can be sent again). The Kakao error, if any, is the `cause`.
 */
export class KakaoTokenLoginError extends KakaoError {
  readonly reason: KakaoTokenLoginReason;
  /** HTTP status to answer the client with. */
  readonly status: number;
  /** For 503s: how long the client should wait before retrying (`Retry-After`). */
  readonly retryAfterSec?: number;
  /** With `invalid_id_token` / `invalid_nonce`: which id_token check failed. */
  readonly idTokenProblem?: KakaoIdTokenProblem;

  constructor(
    reason: KakaoTokenLoginReason,
    detail?: string,
    options: { cause?: unknown; idTokenProblem?: KakaoIdTokenProblem } = {},
  ) {
    super(`Kakao token login refused (${reason})${detail ? `: ${detail}` : ''}; ${HINTS[reason]}`, {
      cause: options.cause,
    });
    this.reason = reason;
    this.status = STATUS[reason];
    const retryAfter = RETRY_AFTER_SEC[reason];
    if (retryAfter !== undefined) this.retryAfterSec = retryAfter;
    if (options.idTokenProblem) this.idTokenProblem = options.idTokenProblem;
  }

  /** True when the same token may be sent again later (Kakao was unavailable or rate-limited). */
  get retryable(): boolean {
    return this.status === 503;
  }
}
