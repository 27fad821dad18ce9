export {
  KakaoTokenLoginError,
  KAKAO_TOKEN_LOGIN_REASONS,
  type KakaoTokenLoginReason,
} from './kakao-token-login.error';
export { toTokenLoginError } from './token-login-error.mapper';
export {
  KakaoTokenVerifier,
  type KakaoTokenVerifierOptions,
  type KakaoVerifiedAccessToken,
  type KakaoVerifiedIdToken,
} from './kakao-token.verifier';
export {
  KakaoTokenStrategy,
  type KakaoTokenStrategyRequest,
  type KakaoTokenStrategyOptions,
  type KakaoTokenFailureInfo,
} from './kakao-token.strategy';
export type {
  KakaoTokenVerifyFunction,
  KakaoTokenVerifyFunctionWithParams,
  KakaoTokenVerifyFunctionWithRequest,
  KakaoTokenVerifyFunctionWithRequestAndParams,
} from './kakao-token-verify.types';
export type { KakaoTokenLoginParams, KakaoTokenLoginResult } from './verify-token-login';
export { type KakaoTokenLoginInput, readTokenLoginInput } from './token-login.input';
export {
  type KakaoOneTimeStore,
  MemoryOneTimeStore,
  type MemoryOneTimeStoreOptions,
} from './kakao-one-time.store';
export {
  KakaoLoginNonces,
  type KakaoLoginNoncesOptions,
  type KakaoIssuedNonce,
} from './kakao-login-nonces';
export { KakaoHandoffCodes, type KakaoHandoffCodesOptions } from './kakao-handoff-codes';
export type { KakaoBindingCookieOptions } from './browser-binding';
