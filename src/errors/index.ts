/**
 * The folder in one import, for this repo's tests. Users import from the entry points: the public
 * list is src/passport.ts.
 */
export { KakaoError } from './kakao.error';
export { KakaoAuthError, type KakaoAuthErrorBody } from './kakao-auth.error';
export { KakaoApiError, type KakaoApiErrorBody } from './kakao-api.error';
export { KakaoNetworkError } from './kakao-network.error';
export { KakaoTimeoutError } from './kakao-timeout.error';
export { KakaoResponseError, type KakaoResponseProblem } from './kakao-response.error';
export { KakaoConfigError } from './kakao-config.error';
export { KakaoIdTokenError, type KakaoIdTokenProblem } from './kakao-id-token.error';
