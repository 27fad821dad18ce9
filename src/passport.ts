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
} from './types/kakao-user.types';

// Errors
export { KakaoError } from './errors/kakao.error';
export { KakaoAuthError } from './errors/kakao-auth.error';
export { KakaoApiError } from './errors/kakao-api.error';
export { KakaoNetworkError } from './errors/kakao-network.error';
export { KakaoTimeoutError } from './errors/kakao-timeout.error';
export { KakaoResponseError } from './errors/kakao-response.error';
export { KakaoConfigError } from './errors/kakao-config.error';
export { KakaoIdTokenError } from './errors/kakao-id-token.error';
export type { KakaoAuthErrorBody } from './errors/kakao-auth.error';
export type { KakaoApiErrorBody } from './errors/kakao-api.error';
export type { KakaoResponseProblem } from './errors/kakao-response.error';
export type { KakaoIdTokenProblem } from './errors/kakao-id-token.error';

// The Kakao user API client
export { KakaoApiClient } from './api/kakao-api.client';
export { KakaoUserSession } from './api/kakao-user.session';
export { KakaoAdminKeyCategoryError } from './api/kakao-admin-key.error';
export { additionalConsentURL } from './api/additional-consent-url';
export type { KakaoApiClientOptions } from './api/kakao-api.options';
export type {
  KakaoUserApi,
  KakaoUserMethodName,
  KakaoUserSessionOptions,
  KakaoUserTokens,
} from './api/kakao-user.session';
export type { KakaoAdminApiCategory } from './api/kakao-admin-key.error';
export type {
  KakaoAdditionalConsentInput,
  KakaoAdditionalConsentApp,
} from './api/additional-consent-url';
export type {
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
} from './api/kakao-api.types';

// Token login for mobile apps and SPAs
export {
  KakaoTokenLoginError,
  KAKAO_TOKEN_LOGIN_REASONS,
} from './token-login/kakao-token-login.error';
export { KakaoTokenVerifier } from './token-login/kakao-token.verifier';
export { KakaoTokenStrategy } from './token-login/kakao-token.strategy';
export { KakaoLoginNonces } from './token-login/kakao-login-nonces';
export { KakaoHandoffCodes } from './token-login/kakao-handoff-codes';
export { MemoryOneTimeStore } from './token-login/kakao-one-time.store';
export type { KakaoTokenLoginReason } from './token-login/kakao-token-login.error';
export type {
  KakaoTokenVerifierOptions,
  KakaoVerifiedAccessToken,
  KakaoVerifiedIdToken,
} from './token-login/kakao-token.verifier';
export type {
  KakaoTokenStrategyRequest,
  KakaoTokenStrategyOptions,
  KakaoTokenFailureInfo,
} from './token-login/kakao-token.strategy';
export type {
  KakaoTokenVerifyFunction,
  KakaoTokenVerifyFunctionWithParams,
  KakaoTokenVerifyFunctionWithRequest,
  KakaoTokenVerifyFunctionWithRequestAndParams,
} from './token-login/kakao-token-verify.types';
export type { KakaoTokenLoginParams } from './token-login/verify-token-login';
export type {
  KakaoOneTimeStore,
  MemoryOneTimeStoreOptions,
} from './token-login/kakao-one-time.store';
export type { KakaoLoginNoncesOptions, KakaoIssuedNonce } from './token-login/kakao-login-nonces';
export type { KakaoHandoffCodesOptions } from './token-login/kakao-handoff-codes';
export type { KakaoBindingCookieOptions } from './token-login/browser-binding';

// Webhooks: unlink callback and account-status events
export { KakaoWebhookError } from './webhooks/kakao-webhook.error';
export { KakaoAccountWebhookVerifier } from './webhooks/account-webhook.verifier';
export { MemoryJtiStore } from './webhooks/jti.store';
export { createKakaoAccountWebhookHandler } from './webhooks/account-webhook.express';
export { createKakaoUnlinkWebhookHandler } from './webhooks/unlink-webhook.express';
export type { KakaoWebhookProblem } from './webhooks/kakao-webhook.error';
export type {
  KakaoAccountEvent,
  KakaoAccountEventCategory,
  KakaoAccountEventType,
} from './webhooks/account-event.types';
export type {
  KakaoAccountWebhookVerifierOptions,
  VerifiedAccountSet,
  AccountSetResult,
} from './webhooks/account-webhook.verifier';
export type { KakaoJtiStore, KakaoAtomicJtiStore } from './webhooks/jti.store';
export type {
  KakaoAccountEventHooks,
  KakaoAccountEventHook,
} from './webhooks/account-event.dispatcher';
export type { KakaoWebhookLogger, KakaoWebhookHookContext } from './webhooks/hook-budget';
export type {
  KakaoAccountWebhookHandlerOptions,
  KakaoAccountWebhookOutcome,
} from './webhooks/account-webhook.express';
export type { KakaoUnlinkWebhookHandlerOptions } from './webhooks/unlink-webhook.express';
export type {
  KakaoUnlinkWebhookEvent,
  KakaoUnlinkReferrer,
  KakaoUnlinkWebhookCheck,
} from './webhooks/unlink-webhook.request';

// One-time stores shared by several instances
export { KakaoRedisOneTimeStore, KakaoStoreUnavailableError } from './stores/redis-one-time.store';
export type {
  KakaoRedisClient,
  KakaoRedisOneTimeStoreOptions,
} from './stores/redis-one-time.store';
