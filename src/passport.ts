/**
 * `nestjs-kakao-auth/passport`: the framework-free core. Loads no `@nestjs/*` package, so it
 * works in a plain Express app.
 */
export {
  KakaoStrategy,
  type KakaoStrategyRequest,
  type KakaoProfileCallback,
} from './strategy/kakao.strategy';
export type { ResolvedStrategyOptions } from './strategy/resolve-strategy-options';
export type {
  KakaoStrategyOptions,
  KakaoAuthenticateOptions,
  KakaoPassReqOption,
  KakaoStrategyStoreOption,
  KakaoPrompt,
} from './strategy/kakao-strategy.options';
export type {
  KakaoVerifyCallback,
  KakaoVerifyFunction,
  KakaoVerifyFunctionWithParams,
  KakaoVerifyFunctionWithRequest,
  KakaoVerifyFunctionWithRequestAndParams,
} from './strategy/kakao-verify.types';
export {
  KAKAO_FAILURE_REASONS,
  type KakaoFailureReason,
  reasonForError,
  reasonForCallbackError,
} from './strategy/failure-reason';
export { safeReturnTo } from './strategy/return-to';
// passport-oauth2 contract and failure contract (issues #12, #13)
export { failureCause, isMisconfiguration } from './strategy/failure-reason';
export type { KakaoLogger } from './strategy/strategy-log';
export type {
  KakaoStateStore,
  KakaoStateStoreMeta,
  KakaoStateStoreCallback,
  KakaoStateVerifyCallback,
} from './strategy/user-state.store';
export { parseKakaoProfile } from './profile/parse-kakao-profile';
export type { KakaoProfile } from './profile/kakao-profile';
export {
  IdTokenVerifier,
  type IdTokenExpectations,
  type VerifiedIdToken,
} from './oidc/id-token.verifier';
export { JwksCache } from './oidc/jwks.cache';
export {
  KakaoHttpClient,
  type KakaoHttpOptions,
  type KakaoHttpRequest,
  type KakaoHttpResponse,
} from './http/kakao-http.client';
export type { KakaoHost } from './http/kakao-error.mapper';
export * from './errors';
export * from './types';
export * from './api';
export * from './token-login';
export * from './webhooks';
export {
  KakaoRedisOneTimeStore,
  KakaoStoreUnavailableError,
  type KakaoRedisClient,
  type KakaoRedisOneTimeStoreOptions,
} from './stores/redis-one-time.store';
