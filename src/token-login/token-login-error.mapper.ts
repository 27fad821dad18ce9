import { KakaoApiError } from '../errors/kakao-api.error';
import { KakaoAuthError } from '../errors/kakao-auth.error';
import { KakaoIdTokenError } from '../errors/kakao-id-token.error';
import { KakaoNetworkError } from '../errors/kakao-network.error';
import { KakaoResponseError } from '../errors/kakao-response.error';
import { KakaoTokenLoginError } from './kakao-token-login.error';

/** Kakao codes that mean "this token does not log anyone in" (invalid, malformed, user unlinked). */
const TOKEN_CODES = new Set([-401, -2, -101]);

/**
 * The `KakaoTokenLoginError` for an error met while verifying a client's token. Kakao's `-1`
 * (temporary), 5xx, timeouts and network failures become retryable 503s, never "invalid token",
 * so that a client does not throw a good token away. Anything else (a `KakaoConfigError`, a bug)
 * is returned as is.
 *
 * @internal
 */
export function toTokenLoginError(err: unknown): Error {
  if (err instanceof KakaoTokenLoginError) return err;
  const wrap = (reason: KakaoTokenLoginError['reason']) =>
    new KakaoTokenLoginError(reason, err instanceof Error ? err.message : undefined, {
      cause: err,
    });
  if (err instanceof KakaoIdTokenError) {
    return new KakaoTokenLoginError(
      err.problem === 'nonce_mismatch' ? 'invalid_nonce' : 'invalid_id_token',
      err.message,
      { cause: err, idTokenProblem: err.problem },
    );
  }
  if (err instanceof KakaoApiError) {
    if (err.code === -10 || err.status === 429) return wrap('rate_limited');
    if (err.retryable) return wrap('kakao_unavailable');
    return wrap(TOKEN_CODES.has(err.code) ? 'invalid_token' : 'kakao_error');
  }
  if (err instanceof KakaoAuthError) {
    if (err.errorCode === 'KOE237' || err.status === 429) return wrap('rate_limited');
    return wrap(
      err.errorCode === 'KOE003' || (err.status ?? 0) >= 500 ? 'kakao_unavailable' : 'kakao_error',
    );
  }
  if (err instanceof KakaoNetworkError) return wrap('kakao_unavailable');
  if (err instanceof KakaoResponseError)
    return wrap(err.status === 429 ? 'rate_limited' : 'kakao_unavailable');
  return err instanceof Error ? err : new Error(String(err));
}
