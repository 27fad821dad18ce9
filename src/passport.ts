/**
 * `nestjs-kakao-auth/passport`: the framework-free core. Loads no `@nestjs/*` package, so it
 * works in a plain Express app.
 *
 * This list is the public surface, on purpose: a name here is a promise (etc/passport.api.md
 * records it and CI fails on an unreviewed change). Helpers stay in their files; tests import
 * them from there.
 */

// The Passport strategy and its options
export { KakaoStrategy } from './strategy/kakao.strategy';
export type { KakaoStrategyRequest, KakaoProfileCallback } from './strategy/kakao.strategy';
export type {
  KakaoStrategyOptions,
  KakaoAuthenticateOptions,
  KakaoPassReqOption,
  KakaoStrategyStoreOption,
  KakaoPrompt,
} from './strategy/kakao-strategy.options';
export type { KakaoHttpOptions } from './http/kakao-http.client';
export type { KakaoLogger } from './strategy/strategy-log';
export type {
  KakaoVerifyCallback,
  KakaoVerifyFunction,
  KakaoVerifyFunctionWithParams,
  KakaoVerifyFunctionWithRequest,
  KakaoVerifyFunctionWithRequestAndParams,
} from './strategy/kakao-verify.types';
export type {
  KakaoStateStore,
  KakaoStateStoreMeta,
  KakaoStateStoreCallback,
  KakaoStateVerifyCallback,
} from './strategy/user-state.store';

// The failure contract: reasons a login fails with, and the typed cause behind one
export {
  KAKAO_FAILURE_REASONS,
  failureCause,
  isMisconfiguration,
  reasonForError,
} from './strategy/failure-reason';
export type { KakaoFailureReason } from './strategy/failure-reason';
export { safeReturnTo } from './strategy/return-to';

// The profile and Kakao's response types
export { parseKakaoProfile } from './profile/parse-kakao-profile';
export type { KakaoProfile } from './profile/kakao-profile';
export type {
  KakaoUserMeResponse,
  KakaoAccount,
  KakaoAccountProfile,
  KakaoAgeRange,
  KakaoTokenResponse,
  KakaoIdTokenClaims,
} from './types';

// Errors
export {
  KakaoError,
  KakaoAuthError,
  KakaoApiError,
  KakaoNetworkError,
  KakaoTimeoutError,
  KakaoResponseError,
  KakaoConfigError,
  KakaoIdTokenError,
} from './errors';
export type {
  KakaoAuthErrorBody,
  KakaoApiErrorBody,
  KakaoResponseProblem,
  KakaoIdTokenProblem,
} from './errors';

// The Kakao user API client
export {
  KakaoApiClient,
  KakaoUserSession,
  KakaoAdminKeyCategoryError,
  additionalConsentURL,
} from './api';
export type {
  KakaoApiClientOptions,
  KakaoUserSessionOptions,
  KakaoUserTokens,
  KakaoAdminApiCategory,
  KakaoAdditionalConsentInput,
  KakaoAdditionalConsentApp,
  KakaoUserId,
  KakaoGetUserOptions,
  KakaoTokenInfo,
  KakaoRefreshedTokens,
  KakaoUserIdResponse,
  KakaoScope,
  KakaoGetScopesOptions,
  KakaoScopesResponse,
  KakaoServiceTerm,
  KakaoGetServiceTermsOptions,
  KakaoServiceTermsResponse,
  KakaoRevokeServiceTermsResponse,
  KakaoUpgradeServiceTermsResponse,
  KakaoUserProperties,
  KakaoShippingAddress,
  KakaoGetShippingAddressesOptions,
  KakaoShippingAddressesResponse,
  KakaoGetUserIdsOptions,
  KakaoUserIdsResponse,
  KakaoGetUsersOptions,
  KakaoUsersResponse,
  KakaoOidcUserInfo,
  KakaoAccountLogoutURLOptions,
} from './api';

// Token login for mobile apps and SPAs
export {
  KakaoTokenLoginError,
  KAKAO_TOKEN_LOGIN_REASONS,
  KakaoTokenVerifier,
  KakaoTokenStrategy,
  KakaoLoginNonces,
  KakaoHandoffCodes,
  MemoryOneTimeStore,
} from './token-login';
export type {
  KakaoTokenLoginReason,
  KakaoTokenVerifierOptions,
  KakaoVerifiedAccessToken,
  KakaoVerifiedIdToken,
  KakaoTokenStrategyRequest,
  KakaoTokenStrategyOptions,
  KakaoTokenFailureInfo,
  KakaoTokenVerifyFunction,
  KakaoTokenVerifyFunctionWithParams,
  KakaoTokenVerifyFunctionWithRequest,
  KakaoTokenVerifyFunctionWithRequestAndParams,
  KakaoTokenLoginParams,
  KakaoTokenLoginResult,
  KakaoOneTimeStore,
  MemoryOneTimeStoreOptions,
  KakaoLoginNoncesOptions,
  KakaoIssuedNonce,
  KakaoHandoffCodesOptions,
  KakaoBindingCookieOptions,
} from './token-login';

// Webhooks: unlink callback and account-status events
export {
  KakaoWebhookError,
  KAKAO_ACCOUNT_EVENT_URIS,
  kakaoAccountEventURI,
  KakaoAccountWebhookVerifier,
  MemoryJtiStore,
  createKakaoAccountWebhookHandler,
  createKakaoUnlinkWebhookHandler,
  checkUnlinkWebhook,
} from './webhooks';
export type {
  KakaoWebhookProblem,
  KakaoAccountEvent,
  KakaoAccountEventCategory,
  KakaoAccountEventType,
  KakaoAccountWebhookVerifierOptions,
  VerifiedAccountSet,
  AccountSetResult,
  KakaoJtiStore,
  KakaoAtomicJtiStore,
  KakaoAccountEventHooks,
  KakaoWebhookLogger,
  KakaoWebhookHookContext,
  KakaoAccountWebhookHandlerOptions,
  KakaoAccountWebhookOutcome,
  KakaoUnlinkWebhookHandlerOptions,
  KakaoUnlinkWebhookEvent,
  KakaoUnlinkReferrer,
  KakaoUnlinkWebhookCheck,
  KakaoUnlinkWebhookInput,
} from './webhooks';

// One-time stores shared by several instances
export {
  KakaoRedisOneTimeStore,
  KakaoStoreUnavailableError,
} from './stores/redis-one-time.store';
export type {
  KakaoRedisClient,
  KakaoRedisOneTimeStoreOptions,
} from './stores/redis-one-time.store';
