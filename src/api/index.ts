/**
 * The folder in one import, for this repo's tests. Users import from the entry points: the public
 * list is src/passport.ts.
 */
export { KakaoApiClient } from './kakao-api.client';
export {
  type KakaoApiClientOptions,
  DEFAULT_AUTH_BASE_URL,
  DEFAULT_API_BASE_URL,
} from './kakao-api.options';
export {
  KakaoUserSession,
  type KakaoUserSessionOptions,
  type KakaoUserTokens,
} from './kakao-user.session';
export {
  additionalConsentURL,
  type KakaoAdditionalConsentInput,
  type KakaoAdditionalConsentApp,
} from './additional-consent-url';
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
} from './kakao-api.types';
export { KakaoAdminKeyCategoryError, type KakaoAdminApiCategory } from './kakao-admin-key.error';
