import { KakaoApiError } from '../errors/kakao-api.error';
import { KakaoAuthError } from '../errors/kakao-auth.error';
import { KakaoConfigError } from '../errors/kakao-config.error';
import { KakaoIdTokenError } from '../errors/kakao-id-token.error';
import { KakaoNetworkError } from '../errors/kakao-network.error';
import { KakaoResponseError } from '../errors/kakao-response.error';

/**
 * The fixed reasons a login can fail with. They are safe to put in a redirect URL: Kakao's
 * `error_description` is never echoed.
 */
export const KAKAO_FAILURE_REASONS = [
  'access_denied',
  'consent_required',
  'login_required',
  'invalid_request',
  'invalid_state',
  'invalid_id_token',
  'user_rejected',
  'rate_limited',
  'kakao_unavailable',
  'kakao_error',
  'server_error',
] as const;

export type KakaoFailureReason = (typeof KAKAO_FAILURE_REASONS)[number];

/** The reason for a Kakao `?error=` on the callback. @internal */
export function reasonForCallbackError(error: unknown): KakaoFailureReason {
  switch (error) {
    case 'access_denied':
      return 'access_denied';
    case 'consent_required':
      return 'consent_required';
    case 'login_required':
    case 'interaction_required':
      return 'login_required';
    default:
      return 'kakao_error';
  }
}

/** The typed error behind a failed login's `info`, kept out of the info object itself. */
const failureCauses = new WeakMap<object, Error>();

/** The `info` of `fail()`: only the reason, never Kakao's `error_description`. */
export function failureInfo(
  reason: KakaoFailureReason,
  cause?: Error,
): { message: KakaoFailureReason; reason: KakaoFailureReason } {
  const info = { message: reason, reason };
  if (cause) failureCauses.set(info, cause);
  return info;
}

/**
 * The typed error (`KakaoAuthError`, `KakaoTimeoutError`, `KakaoIdTokenError`…) that made the
 * strategy fail a login, from the `info` Passport handed to the app: for logs, never for users.
 */
export function failureCause(info: unknown): Error | undefined {
  const first = Array.isArray(info) ? (info[0] as unknown) : info;
  return first && typeof first === 'object' ? failureCauses.get(first) : undefined;
}

/** kauth error codes that mean the app is configured wrongly, not that the login went wrong. */
const MISCONFIGURATION_CODES = new Set(['KOE006', 'KOE010', 'KOE101']);

/**
 * True when a login ended because of the app's configuration (unknown client id KOE101,
 * unregistered redirect URI KOE006, bad client secret KOE010, `invalid_client`, a bad option):
 * a Passport `error`, not a `fail`, because no user can get past it.
 */
export function isMisconfiguration(err: unknown): boolean {
  if (err instanceof KakaoConfigError) return true;
  return (
    err instanceof KakaoAuthError &&
    (err.error === 'invalid_client' ||
      (err.errorCode !== undefined && MISCONFIGURATION_CODES.has(err.errorCode)))
  );
}

/** The one log line of a misconfiguration (what Kakao said, how to fix it) and its rate-limit key. */
export function misconfigurationWarning(err: Error): { key: string; line: string } {
  const e = err as { errorCode?: string; error?: string; hint?: string };
  const fix =
    e.error === undefined
      ? err.message.replace(/^KakaoStrategy: /, '')
      : `Kakao answered ${e.errorCode ? `${e.errorCode} ` : ''}${e.error}. ${
          e.hint ??
          'Check clientID (the REST API key), clientSecret ([Kakao Login] > [Security]) and callbackURL ([Kakao Login] > [Redirect URI]) in the Kakao Developers console.'
        }`;
  return {
    key: `misconfiguration:${e.errorCode ?? e.error ?? err.name}`,
    line: `KakaoStrategy: the login cannot work until the app's configuration is fixed: ${fix}`,
  };
}

/** The HTTP status a failed login answers with when the app has no failureRedirect. */
export function statusForReason(reason: KakaoFailureReason): number {
  switch (reason) {
    case 'invalid_request':
      return 400;
    case 'invalid_state':
      return 403;
    case 'rate_limited':
      return 429;
    case 'kakao_unavailable':
      return 503;
    case 'server_error':
      return 500;
    default:
      return 401;
  }
}

/** The reason for an error thrown during the callback (token exchange, profile, id_token). */
export function reasonForError(err: unknown): KakaoFailureReason {
  if (isMisconfiguration(err)) return 'server_error';
  if (err instanceof KakaoIdTokenError) return 'invalid_id_token';
  if (err instanceof KakaoAuthError) {
    if (err.errorCode === 'KOE237' || err.status === 429) return 'rate_limited';
    // A 5xx from kauth (KOE003 "temporary error", a proxy's 502) is an outage, not a refusal.
    return err.status !== undefined && err.status >= 500 ? 'kakao_unavailable' : 'kakao_error';
  }
  if (err instanceof KakaoApiError) {
    if (err.code === -10 || err.status === 429) return 'rate_limited';
    return err.retryable ? 'kakao_unavailable' : 'kakao_error';
  }
  if (err instanceof KakaoNetworkError) return 'kakao_unavailable';
  if (err instanceof KakaoResponseError) {
    if (err.status === 429) return 'rate_limited';
    return 'kakao_unavailable';
  }
  if (err instanceof KakaoConfigError) return 'server_error';
  return 'server_error';
}
