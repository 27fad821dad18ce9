import { KakaoApiError } from '../errors/kakao-api.error';
import { KakaoAuthError } from '../errors/kakao-auth.error';
import { KakaoResponseError } from '../errors/kakao-response.error';
import { parseExactJson } from '../util/exact-json';

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

/** The typed error for a non-2xx answer given as text (JSON or an HTML error page). */
export function errorFromResponse(
  endpoint: string,
  res: { status: number; text: string },
  host: KakaoHost,
): Error {
  let body: unknown;
  try {
    body = res.text ? parseExactJson(res.text) : undefined;
  } catch {
    body = undefined;
  }
  return toKakaoError(endpoint, res.status, body, host);
}
