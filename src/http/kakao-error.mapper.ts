import { KakaoApiError } from '../errors/kakao-api.error';
import { KakaoAuthError } from '../errors/kakao-auth.error';
import { KakaoResponseError } from '../errors/kakao-response.error';

/** Which error shape a Kakao host answers with. */
export type KakaoHost = 'kauth' | 'kapi';

/** Maps a non-2xx answer to `KakaoAuthError`, `KakaoApiError` or `KakaoResponseError`. */
export function toKakaoError(
  endpoint: string,
  status: number,
  body: unknown,
  host: KakaoHost,
): Error {
  const obj = body && typeof body === 'object' ? (body as Record<string, unknown>) : undefined;
  if (obj && typeof obj.error === 'string') return new KakaoAuthError(obj, status);
  if (obj && typeof obj.code === 'number') return new KakaoApiError(obj, status);
  const detail = obj ? "an error without Kakao's error fields" : 'a non-JSON error page';
  return new KakaoResponseError(endpoint, 'unexpected', `${detail} (${host})`, status);
}
