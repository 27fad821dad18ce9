export {
  KakaoHttpClient,
  type KakaoHttpOptions,
  type KakaoHttpRequest,
  type KakaoHttpResponse,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_MAX_RESPONSE_BYTES,
} from './kakao-http.client';
export { type KakaoHost, toKakaoError, errorFromResponse } from './kakao-error.mapper';
