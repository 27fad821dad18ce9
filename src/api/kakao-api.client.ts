import { KakaoConfigError } from '../errors/kakao-config.error';
import { KakaoResponseError } from '../errors/kakao-response.error';
import { errorFromResponse } from '../http/kakao-error.mapper';
import { mapAdminKeyError } from './kakao-admin-key.error';
import { KakaoHttpClient, type KakaoHttpRequest } from '../http/kakao-http.client';
import type { KakaoProfile } from '../profile/kakao-profile';
import { parseKakaoProfile } from '../profile/parse-kakao-profile';
import type { KakaoUserMeResponse } from '../types/kakao-user.types';
import { parseExactJson } from '../util/exact-json';
import { additionalConsentURL, type KakaoAdditionalConsentInput } from './additional-consent-url';
import * as arg from './kakao-api.args';
import { type KakaoApiClientOptions, resolveKakaoApiOptions } from './kakao-api.options';
import { pageShippingAddresses, pageUserIds } from './kakao-api.paging';
import * as parse from './kakao-api.parsers';
import type {
  KakaoAccountLogoutURLOptions,
  KakaoGetScopesOptions,
  KakaoGetServiceTermsOptions,
  KakaoGetShippingAddressesOptions,
  KakaoGetUserIdsOptions,
  KakaoGetUserOptions,
  KakaoGetUsersOptions,
  KakaoOidcUserInfo,
  KakaoRefreshedTokens,
  KakaoRevokeServiceTermsResponse,
  KakaoScopesResponse,
  KakaoServiceTermsResponse,
  KakaoShippingAddress,
  KakaoShippingAddressesResponse,
  KakaoTokenInfo,
  KakaoUpgradeServiceTermsResponse,
  KakaoUserId,
  KakaoUserIdResponse,
  KakaoUserIdsResponse,
  KakaoUserProperties,
  KakaoUsersResponse,
} from './kakao-api.types';
import {
  KakaoUserSession,
  type KakaoUserSessionOptions,
  type KakaoUserTokens,
} from './kakao-user.session';

type Query = Record<string, string | undefined>;

interface KapiCall {
  method: 'GET' | 'POST';
  path: string;
  authorization: string;
  query?: Query;
  form?: Record<string, string | undefined>;
}

/** Kakao limits of `GET /v2/app/users`. */
const MAX_USERS = 100;
const MAX_USERS_WITH_PROPERTY_KEYS = 20;

/**
 * A typed client for every Kakao user API (https://developers.kakao.com/docs/latest/ko/kakaologin/rest-api).
 * No framework needed. Every non-2xx answer becomes a `KakaoApiError` / `KakaoAuthError`,
 * network failures a `KakaoNetworkError` / `KakaoTimeoutError`; user ids are exact strings.
 * Tokens go in the `Authorization` header only; only GET calls are retried, and only once
 * after a connection error. Nothing is logged. Secrets live in private fields, so neither
 * `JSON.stringify(client)` nor `console.log(client)` shows them.
 */
export class KakaoApiClient {
  /** The REST API key. */
  readonly clientID: string;
  /** Kakao's auth server, without a trailing slash. */
  readonly authBaseURL: string;
  /** Kakao's API server, without a trailing slash. */
  readonly apiBaseURL: string;
  readonly #http: KakaoHttpClient;
  readonly #clientSecret?: string;
  readonly #adminKey?: string;
  /** Refreshes shared by every `asUser` session of this client (two requests of one user). */
  readonly #refreshes = new Map<string, Promise<KakaoUserTokens>>();

  constructor(options: KakaoApiClientOptions) {
    const resolved = resolveKakaoApiOptions(options);
    this.clientID = resolved.clientID;
    this.authBaseURL = resolved.authBaseURL;
    this.apiBaseURL = resolved.apiBaseURL;
    this.#clientSecret = resolved.clientSecret;
    this.#adminKey = resolved.adminKey;
    this.#http = new KakaoHttpClient({
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      ca: options.ca,
      agent: options.agent,
    });
  }

  /** `GET /v2/user/me`: the user's info (https image URLs unless `secureResource: false`). */
  async getUser(
    accessToken: string,
    options: KakaoGetUserOptions = {},
  ): Promise<KakaoUserMeResponse> {
    const body = await this.#kapi(this.#userMe('getUser', accessToken, options));
    return parse.parseUserMe('GET /v2/user/me', body);
  }

  /** `GET /v2/user/me`, normalized like the strategy's profile (`_raw` is Kakao's exact text). */
  async getProfile(accessToken: string): Promise<KakaoProfile> {
    return parseKakaoProfile(await this.#kapiText(this.#userMe('getProfile', accessToken, {})));
  }

  /** `GET /v1/user/access_token_info`: whose token it is, for which app, and how long it lives. */
  async getTokenInfo(accessToken: string): Promise<KakaoTokenInfo> {
    const body = await this.#kapi({
      method: 'GET',
      path: '/v1/user/access_token_info',
      authorization: bearer('getTokenInfo', accessToken),
    });
    return parse.parseTokenInfo('GET /v1/user/access_token_info', body);
  }

  /** `GET /v1/oidc/userinfo`: OpenID Connect user info (`sub`, `email_verified` …). */
  async getOidcUserInfo(accessToken: string): Promise<KakaoOidcUserInfo> {
    const body = await this.#kapi({
      method: 'GET',
      path: '/v1/oidc/userinfo',
      authorization: bearer('getOidcUserInfo', accessToken),
    });
    return parse.parseOidcUserInfo('GET /v1/oidc/userinfo', body);
  }

  /**
   * `POST /oauth/token` with `grant_type=refresh_token`. `refreshToken` and `rotated` are set only
   * when Kakao rotated the refresh token; the old one is dead from then on, so persist the new
   * one before anything else. Never retried: a lost answer cannot be replayed safely.
   */
  async refreshTokens(refreshToken: string): Promise<KakaoRefreshedTokens> {
    const token = arg.accessToken('refreshTokens', refreshToken, 'refreshToken');
    const endpoint = 'POST /oauth/token';
    const body = await this.#http.json<unknown>(
      {
        method: 'POST',
        url: `${this.authBaseURL}/oauth/token`,
        endpoint,
        form: {
          grant_type: 'refresh_token',
          client_id: this.clientID,
          refresh_token: token,
          client_secret: this.#clientSecret,
        },
      },
      'kauth',
    );
    return parse.parseRefreshedTokens(endpoint, body, Date.now());
  }

  /** `POST /v1/user/logout`: expires the user's tokens (the Kakao Account session stays). */
  async logout(accessToken: string): Promise<KakaoUserIdResponse> {
    return this.#idCall('/v1/user/logout', bearer('logout', accessToken), {});
  }

  /** `POST /v1/user/unlink`: disconnects the user from the app and expires their tokens. */
  async unlink(accessToken: string): Promise<KakaoUserIdResponse> {
    return this.#idCall('/v1/user/unlink', bearer('unlink', accessToken), {});
  }

  /** `POST /v1/user/logout` with the admin key: expires every token of the user. */
  async logoutUser(userId: KakaoUserId): Promise<KakaoUserIdResponse> {
    const id = arg.userId('logoutUser', userId);
    return this.#idCall('/v1/user/logout', this.#admin('logoutUser'), {
      target_id_type: 'user_id',
      target_id: id,
    });
  }

  /** `POST /v1/user/unlink` with the admin key. Kakao sends no unlink webhook for it. */
  async unlinkUser(userId: KakaoUserId): Promise<KakaoUserIdResponse> {
    const id = arg.userId('unlinkUser', userId);
    return this.#idCall('/v1/user/unlink', this.#admin('unlinkUser'), {
      target_id_type: 'user_id',
      target_id: id,
    });
  }

  /** `GET /v2/user/scopes`: the consent items and whether the user agreed to each. */
  async getScopes(
    accessToken: string,
    options: KakaoGetScopesOptions = {},
  ): Promise<KakaoScopesResponse> {
    const authorization = bearer('getScopes', accessToken);
    const scopes =
      options.scopes === undefined
        ? undefined
        : arg.jsonArray(arg.stringList('getScopes', 'scopes', options.scopes, '["account_email"]'));
    const body = await this.#kapi({
      method: 'GET',
      path: '/v2/user/scopes',
      authorization,
      query: { scopes },
    });
    return parse.parseScopes('GET /v2/user/scopes', body);
  }

  /** `POST /v2/user/revoke/scopes`: withdraws the user's consent to these items (revocable ones only, else -3). */
  async revokeScopes(accessToken: string, scopes: string[]): Promise<KakaoScopesResponse> {
    const authorization = bearer('revokeScopes', accessToken);
    const list = arg.stringList('revokeScopes', 'scopes', scopes, '["account_email"]');
    const body = await this.#kapi({
      method: 'POST',
      path: '/v2/user/revoke/scopes',
      authorization,
      form: { scopes: arg.jsonArray(list) },
    });
    return parse.parseScopes('POST /v2/user/revoke/scopes', body);
  }

  /** `GET /v2/user/service_terms` (Kakao Sync): the terms the user agreed to, or all of the app's. */
  async getServiceTerms(
    accessToken: string,
    options: KakaoGetServiceTermsOptions = {},
  ): Promise<KakaoServiceTermsResponse> {
    const authorization = bearer('getServiceTerms', accessToken);
    const { result } = options;
    if (
      result !== undefined &&
      result !== 'agreed_service_terms' &&
      result !== 'app_service_terms'
    ) {
      throw new TypeError(
        "getServiceTerms: result must be 'agreed_service_terms' or 'app_service_terms'.",
      );
    }
    const tags =
      options.tags === undefined
        ? undefined
        : arg.stringList('getServiceTerms', 'tags', options.tags, '["marketing_2024"]').join(',');
    const body = await this.#kapi({
      method: 'GET',
      path: '/v2/user/service_terms',
      authorization,
      query: { result, tags },
    });
    return parse.parseServiceTerms('GET /v2/user/service_terms', body);
  }

  /** `POST /v2/user/revoke/service_terms` (Kakao Sync): withdraws revocable terms by tag. */
  async revokeServiceTerms(
    accessToken: string,
    tags: string[],
  ): Promise<KakaoRevokeServiceTermsResponse> {
    const path = '/v2/user/revoke/service_terms';
    const body = await this.#tagsCall('revokeServiceTerms', path, accessToken, tags);
    return parse.parseRevokedServiceTerms(`POST ${path}`, body);
  }

  /** `POST /v2/user/upgrade/service_terms` (Kakao Sync): records the user's agreement to these tags. */
  async upgradeServiceTerms(
    accessToken: string,
    tags: string[],
  ): Promise<KakaoUpgradeServiceTermsResponse> {
    const path = '/v2/user/upgrade/service_terms';
    const body = await this.#tagsCall('upgradeServiceTerms', path, accessToken, tags);
    return parse.parseUpgradedServiceTerms(`POST ${path}`, body);
  }

  /** `POST /v1/user/update_profile`: stores custom user properties (keys registered in the console). */
  async updateProfile(
    accessToken: string,
    properties: KakaoUserProperties,
  ): Promise<KakaoUserIdResponse> {
    const authorization = bearer('updateProfile', accessToken);
    const props = arg.properties('updateProfile', properties, true);
    return this.#idCall('/v1/user/update_profile', authorization, {
      properties: JSON.stringify(props),
    });
  }

  /** `POST /v1/user/signup`: links the user to the app when auto-link is off (within 24 h of login). */
  async signup(
    accessToken: string,
    properties?: KakaoUserProperties,
  ): Promise<KakaoUserIdResponse> {
    const authorization = bearer('signup', accessToken);
    const props = arg.properties('signup', properties, false);
    return this.#idCall('/v1/user/signup', authorization, {
      properties: props === undefined ? undefined : JSON.stringify(props),
    });
  }

  /** `GET /v1/user/shipping_address`: one page of the user's shipping addresses. */
  async getShippingAddresses(
    accessToken: string,
    options: KakaoGetShippingAddressesOptions = {},
  ): Promise<KakaoShippingAddressesResponse> {
    const method = 'getShippingAddresses';
    const authorization = bearer(method, accessToken);
    const query: Query = {};
    if (options.addressId !== undefined)
      query.address_id = arg.userId(method, options.addressId, 'addressId');
    if (options.fromUpdatedAt !== undefined) {
      query.from_updated_at = String(
        arg.integer(method, 'fromUpdatedAt', options.fromUpdatedAt, 0),
      );
    }
    if (options.pageSize !== undefined)
      query.page_size = String(arg.integer(method, 'pageSize', options.pageSize, 2));
    const body = await this.#kapi({
      method: 'GET',
      path: '/v1/user/shipping_address',
      authorization,
      query,
    });
    return parse.parseShippingAddresses('GET /v1/user/shipping_address', body);
  }

  /** Every shipping address of the user, fetching page after page (`for await … of`). */
  iterateShippingAddresses(
    accessToken: string,
    options: { pageSize?: number } = {},
  ): AsyncGenerator<KakaoShippingAddress, void, undefined> {
    bearer('iterateShippingAddresses', accessToken);
    const pageSize = arg.integer('iterateShippingAddresses', 'pageSize', options.pageSize ?? 10, 2);
    return pageShippingAddresses((page) => this.getShippingAddresses(accessToken, page), pageSize);
  }

  /** `GET /v1/user/ids` (admin key): one page of the app's user ids. Kakao allows 100 calls a minute. */
  async getUserIds(options: KakaoGetUserIdsOptions = {}): Promise<KakaoUserIdsResponse> {
    const method = 'getUserIds';
    const query: Query = {};
    if (options.limit !== undefined)
      query.limit = String(arg.integer(method, 'limit', options.limit, 1, 100));
    if (options.fromId !== undefined) query.from_id = arg.userId(method, options.fromId, 'fromId');
    if (options.order !== undefined) {
      if (options.order !== 'asc' && options.order !== 'desc') {
        throw new TypeError("getUserIds: order must be 'asc' or 'desc'.");
      }
      query.order = options.order;
    }
    const body = await this.#kapi({
      method: 'GET',
      path: '/v1/user/ids',
      authorization: this.#admin(method),
      query,
    });
    return parse.parseUserIds('GET /v1/user/ids', body);
  }

  /** Every user id of the app (admin key), page after page. Mind Kakao's 100 calls a minute. */
  iterateUserIds(
    options: Omit<KakaoGetUserIdsOptions, 'fromId'> = {},
  ): AsyncGenerator<string, void, undefined> {
    this.#admin('iterateUserIds');
    return pageUserIds((page) => this.getUserIds(page), options);
  }

  /** `GET /v2/app/users` (admin key): up to 100 users at once, 20 with `propertyKeys`. */
  async getUsers(
    userIds: KakaoUserId[],
    options: KakaoGetUsersOptions = {},
  ): Promise<KakaoUsersResponse> {
    const method = 'getUsers';
    const authorization = this.#admin(method);
    if (!Array.isArray(userIds) || userIds.length === 0) {
      throw new TypeError('getUsers: userIds must be a non-empty list of Kakao user ids.');
    }
    const keys =
      options.propertyKeys === undefined
        ? undefined
        : arg.stringList(method, 'propertyKeys', options.propertyKeys, '["kakao_account.email"]');
    const max = keys ? MAX_USERS_WITH_PROPERTY_KEYS : MAX_USERS;
    if (userIds.length > max) {
      throw new RangeError(
        `getUsers: Kakao takes at most ${max} ids per call${keys ? ' with propertyKeys' : ''} (got ${userIds.length}); split the list${keys ? ` or drop propertyKeys (then up to ${MAX_USERS})` : ''}.`,
      );
    }
    const ids = userIds.map((id) => arg.userId(method, id, 'every user id'));
    const text = await this.#kapiText({
      method: 'GET',
      path: '/v2/app/users',
      authorization,
      // Long values: the digits go unquoted, so ids above 2^53 stay exact.
      query: {
        target_id_type: 'user_id',
        target_ids: `[${ids.join(',')}]`,
        property_keys: keys && arg.jsonArray(keys),
      },
    });
    return parse.parseUsers('GET /v2/app/users', jsonOrMalformed('GET /v2/app/users', text));
  }

  /**
   * The Kakao Account logout URL (`/oauth/logout`): send the browser there to log it out of
   * Kakao too; Kakao then redirects to `logoutRedirectURI` (registered under [Logout Redirect URI]).
   */
  accountLogoutURL(options: KakaoAccountLogoutURLOptions): string {
    const redirect = arg.absoluteURL(
      'accountLogoutURL',
      'logoutRedirectURI',
      options?.logoutRedirectURI,
      'register it under [Kakao Login] > [Logout Redirect URI]',
    );
    const query = new URLSearchParams({ client_id: this.clientID, logout_redirect_uri: redirect });
    if (options.state !== undefined) query.set('state', String(options.state));
    return `${this.authBaseURL}/oauth/logout?${query.toString()}`;
  }

  /** The authorize URL asking for the consent a -402 names (`scope=<required_scopes>`, `openid` when on). */
  additionalConsentURL(input: KakaoAdditionalConsentInput): string {
    return additionalConsentURL({ clientID: this.clientID, authBaseURL: this.authBaseURL }, input);
  }

  /**
   * Calls as a user with stored tokens: on -401 the session refreshes once (shared by every
   * concurrent call for the same refresh token), hands the new tokens to `onTokens` to persist,
   * and retries once.
   */
  asUser(tokens: KakaoUserTokens, options: KakaoUserSessionOptions = {}): KakaoUserSession {
    return new KakaoUserSession(this, tokens, options, this.#refreshes);
  }

  #userMe(method: string, accessToken: string, options: KakaoGetUserOptions): KapiCall {
    const authorization = bearer(method, accessToken);
    const keys =
      options.propertyKeys === undefined
        ? undefined
        : arg.stringList(method, 'propertyKeys', options.propertyKeys, '["kakao_account.email"]');
    return {
      method: 'GET',
      path: '/v2/user/me',
      authorization,
      query: {
        secure_resource: String(options.secureResource ?? true),
        property_keys: keys && arg.jsonArray(keys),
      },
    };
  }

  #admin(method: string): string {
    if (!this.#adminKey) {
      throw new KakaoConfigError(
        `${method} needs the admin key: set adminKey to the app's Admin key under [App Keys] (keep it on the server, never in a browser or app).`,
      );
    }
    return `KakaoAK ${this.#adminKey}`;
  }

  /** A Kakao Sync call that posts `tags=a,b`. */
  #tagsCall(method: string, path: string, accessToken: string, tags: string[]): Promise<unknown> {
    const authorization = bearer(method, accessToken);
    const list = arg.stringList(method, 'tags', tags, '["marketing_2024"]');
    return this.#kapi({ method: 'POST', path, authorization, form: { tags: list.join(',') } });
  }

  async #idCall(path: string, authorization: string, form: Record<string, string | undefined>) {
    const body = await this.#kapi({ method: 'POST', path, authorization, form });
    return parse.parseUserIdResponse(`POST ${path}`, body);
  }

  #request(call: KapiCall): KakaoHttpRequest {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) query.append(key, value);
    }
    const search = query.toString();
    return {
      method: call.method,
      url: `${this.apiBaseURL}${call.path}${search ? `?${search}` : ''}`,
      endpoint: `${call.method} ${call.path}`,
      headers: { authorization: call.authorization },
      form: call.form,
      idempotent: call.method === 'GET',
    };
  }

  #kapi(call: KapiCall): Promise<unknown> {
    return this.#http.json<unknown>(this.#request(call), 'kapi').catch((err: unknown) => {
      throw mapAdminKeyError(err, call.authorization, call.path);
    });
  }

  /** The body text of a 2xx answer, for callers that parse it themselves. */
  async #kapiText(call: KapiCall): Promise<string> {
    const request = this.#request(call);
    const res = await this.#http.send(request);
    if (res.status >= 200 && res.status < 300) return res.text;
    throw mapAdminKeyError(
      errorFromResponse(request.endpoint, res, 'kapi'),
      call.authorization,
      call.path,
    );
  }
}

function bearer(method: string, accessToken: string): string {
  return `Bearer ${arg.accessToken(method, accessToken)}`;
}

function jsonOrMalformed(endpoint: string, text: string): unknown {
  try {
    return parseExactJson(text);
  } catch {
    throw new KakaoResponseError(endpoint, 'malformed', 'the body is not valid JSON');
  }
}
