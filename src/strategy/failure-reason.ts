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

/** The reason for a Kakao `?error=` on the callback. */
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

/** The reason for an error thrown during the callback (token exchange, profile, id_token). */
export function reasonForError(err: unknown): KakaoFailureReason {
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
