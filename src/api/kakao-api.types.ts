/**
 * Typed requests and answers of Kakao's user APIs, as documented in
 * https://developers.kakao.com/docs/latest/ko/kakaologin/rest-api. Field names are Kakao's own
 * (snake_case) so the docs apply as is; every user id is an exact decimal string, because Kakao
 * sends ids as JSON numbers of up to 19 digits.
 */
import type { KakaoTokenResponse, KakaoUserMeResponse } from '../types/kakao-user.types';

/** A Kakao user id: an exact decimal string (preferred), a safe integer or a bigint. */
export type KakaoUserId = string | number | bigint;

/** Options of `getUser`. */
export interface KakaoGetUserOptions {
  /** Only these fields, e.g. `['kakao_account.email']`; `'kakao_account.'` selects all its children. */
  propertyKeys?: string[];
  /** Ask for https image URLs; default true (Kakao's own default is false: http URLs). */
  secureResource?: boolean;
}

/** `GET /v1/user/access_token_info`. */
export interface KakaoTokenInfo {
  /** The user the token belongs to. */
  id: string;
  /** Seconds left before the access token expires. */
  expires_in: number;
  /** The app the token was issued to: compare it with your app id before trusting a token from a client. */
  app_id: number;
  /** @deprecated Kakao's old name of `app_id`. */
  appId?: number;
  /** @deprecated Kakao's old millisecond lifetime. */
  expiresInMillis?: number;
}

/** What `refreshTokens` returns: Kakao's refresh answer, in camelCase with an absolute expiry. */
export interface KakaoRefreshedTokens {
  accessToken: string;
  /** `bearer`. */
  tokenType: string;
  /** Seconds the new access token (and id_token) is valid. */
  expiresIn: number;
  /** When the new access token expires, computed when the answer arrived. */
  expiresAt: Date;
  /** Only when the refresh token was issued together with an id_token (OpenID Connect). */
  idToken?: string;
  /**
   * Only when Kakao rotated the refresh token (less than a month was left). The old one is dead
   * from now on: persist this one at once.
   */
  refreshToken?: string;
  /** Lifetime of the rotated refresh token in seconds; only with `refreshToken`. */
  refreshTokenExpiresIn?: number;
  /** When the rotated refresh token expires; only with `refreshToken`. */
  refreshTokenExpiresAt?: Date;
  /** True when Kakao sent a new refresh token. */
  rotated: boolean;
  /** Space-separated scopes, when Kakao sends them (it usually does not on refresh). */
  scope?: string;
  /** Kakao's answer as received. */
  raw: KakaoTokenResponse;
}

/** `{ id }`: the answer of logout, unlink, update_profile and signup. */
export interface KakaoUserIdResponse {
  /** The user the call applied to. */
  id: string;
}

/** One consent item of `GET /v2/user/scopes`. */
export interface KakaoScope {
  /** Consent item id, e.g. `account_email`; pass it as `scope` to ask for it. */
  id: string;
  /** Its name as shown to users. */
  display_name: string;
  /** `PRIVACY` (personal information) or `SERVICE` (permission). */
  type: 'PRIVACY' | 'SERVICE';
  /** True when the app has this item configured. */
  using: boolean;
  /** True when the user has consented. */
  agreed: boolean;
  /** True when the user's consent can be revoked (`revokeScopes`); absent when not agreed. */
  revocable?: boolean;
  /** True when the consent was delegated (e.g. agreed through a partner). */
  delegated?: boolean;
}

/** Options of `getScopes`. */
export interface KakaoGetScopesOptions {
  /** Only these consent items, e.g. `['account_email', 'friends']`. */
  scopes?: string[];
}

/** `GET /v2/user/scopes` and `POST /v2/user/revoke/scopes`. */
export interface KakaoScopesResponse {
  id: string;
  scopes: KakaoScope[];
}

/** One service term of `GET /v2/user/service_terms` (Kakao Sync). */
export interface KakaoServiceTerm {
  /** The tag set in the console. */
  tag: string;
  /** Set as [필수 동의] (required). */
  required: boolean;
  /** True when the user has agreed. */
  agreed: boolean;
  /** True when the user's agreement can be revoked (`revokeServiceTerms`). */
  revocable: boolean;
  /** When the user agreed (RFC 3339, UTC); only for agreed terms. */
  agreed_at?: string;
  /** Where the user agreed: `KAUTH` (login consent screen) or `KAPI` (upgrade API). */
  agreed_by?: 'KAUTH' | 'KAPI';
}

/** Options of `getServiceTerms`. */
export interface KakaoGetServiceTermsOptions {
  /** `agreed_service_terms` (Kakao's default: only agreed terms) or `app_service_terms` (all of the app's). */
  result?: 'agreed_service_terms' | 'app_service_terms';
  /** Only these tags. */
  tags?: string[];
}

/** `GET /v2/user/service_terms`. */
export interface KakaoServiceTermsResponse {
  id: string;
  service_terms: KakaoServiceTerm[];
}

/** `POST /v2/user/revoke/service_terms`. */
export interface KakaoRevokeServiceTermsResponse {
  id: string;
  revoked_service_terms: Array<{ tag: string; agreed: boolean }>;
}

/** `POST /v2/user/upgrade/service_terms`: the terms now agreed. */
export interface KakaoUpgradeServiceTermsResponse {
  id: string;
  agreed_service_terms: KakaoServiceTerm[];
}

/** Custom user properties registered under [User Properties]; values are strings. */
export type KakaoUserProperties = Record<string, string>;

/** One shipping address of `GET /v1/user/shipping_address`. */
export interface KakaoShippingAddress {
  /** Address id (a Long on the wire), exact. */
  id: string;
  /** The name the user gave it, e.g. `집`. */
  name?: string;
  /** The user's default address (listed first). */
  is_default: boolean;
  /** Last change, unix seconds. */
  updated_at?: number;
  /** `NEW` (road-name address) or `OLD` (lot-number address). */
  type?: 'NEW' | 'OLD';
  base_address?: string;
  detail_address?: string;
  receiver_name?: string;
  receiver_phone_number1?: string;
  receiver_phone_number2?: string;
  /** New 5-digit postal code. */
  zone_number?: string;
  /** Old 6-digit postal code. */
  zip_code?: string;
}

/** Options of `getShippingAddresses`. */
export interface KakaoGetShippingAddressesOptions {
  /** Only this address. */
  addressId?: string | number;
  /** Only addresses updated before this time (unix seconds): the paging cursor. */
  fromUpdatedAt?: number;
  /** Addresses per page; Kakao's default 10, minimum 2. */
  pageSize?: number;
}

/** `GET /v1/user/shipping_address`. */
export interface KakaoShippingAddressesResponse {
  user_id: string;
  /** True when the user has not consented to `shipping_address`: ask for it with `scope=shipping_address`. */
  shipping_addresses_needs_agreement?: boolean;
  /** The default address first, then by `updated_at`, newest first. */
  shipping_addresses?: KakaoShippingAddress[];
}

/** Options of `getUserIds`. */
export interface KakaoGetUserIdsOptions {
  /** Ids per page, 1–100; Kakao's default 100. */
  limit?: number;
  /** Start after this id. */
  fromId?: KakaoUserId;
  /** `asc` (Kakao's default) or `desc`. */
  order?: 'asc' | 'desc';
}

/** `GET /v1/user/ids`: the ids of the app's users, one page. */
export interface KakaoUserIdsResponse {
  elements: string[];
  /** The previous page, or absent/null on the first one. */
  before_url?: string | null;
  /** The next page, or absent/null on the last one. */
  after_url?: string | null;
  /** @deprecated Kakao no longer maintains it. */
  total_count?: number;
}

/** Options of `getUsers`. */
export interface KakaoGetUsersOptions {
  /** Only these fields (at most 20 ids then), e.g. `['kakao_account.email']`. */
  propertyKeys?: string[];
}

/** `GET /v2/app/users`: several users at once (admin key). */
export interface KakaoUsersResponse {
  elements: KakaoUserMeResponse[];
}

/** `GET /v1/oidc/userinfo`: the OpenID Connect user info. */
export interface KakaoOidcUserInfo {
  /** Kakao user id, as a string. */
  sub: string;
  name?: string;
  nickname?: string;
  /** Profile image URL. */
  picture?: string;
  email?: string;
  /** True only when the email is both verified and still valid. */
  email_verified?: boolean;
  /** Kakao's doc shows both `male` and `MALE`. */
  gender?: 'female' | 'male' | 'FEMALE' | 'MALE';
  /** `0000-MM-DD`, `YYYY` or `YYYY-MM-DD`. */
  birthdate?: string;
  phone_number?: string;
  phone_number_verified?: boolean;
}

/** Options of `accountLogoutURL`. */
export interface KakaoAccountLogoutURLOptions {
  /** Where Kakao sends the browser after logging it out; register it under [Kakao Login] > [Logout Redirect URI]. */
  logoutRedirectURI: string;
  /** Echoed back to `logoutRedirectURI`. */
  state?: string;
}
