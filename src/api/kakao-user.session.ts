import { KakaoApiError } from '../errors/kakao-api.error';
import { KakaoAuthError } from '../errors/kakao-auth.error';
import * as arg from './kakao-api.args';
import type { KakaoApiClient } from './kakao-api.client';
import { pageShippingAddresses } from './kakao-api.paging';
import type { KakaoRefreshedTokens, KakaoShippingAddress } from './kakao-api.types';

/** A user's stored Kakao tokens. */
export interface KakaoUserTokens {
  accessToken: string;
  /** Without it a -401 cannot be healed and surfaces as is. */
  refreshToken?: string;
  /** When the access token expires. */
  expiresAt?: Date;
  /** When the refresh token expires (changes only when Kakao rotates it). */
  refreshTokenExpiresAt?: Date;
  /** The id_token of the last refresh, with OpenID Connect. */
  idToken?: string;
}

/** Hooks of `client.asUser(tokens, options)`. */
export interface KakaoUserSessionOptions {
  /**
   * Called once per refresh with the new tokens and the ones they replace; persist them here.
   * Store conditionally (`UPDATE … SET … WHERE refresh_token = previous.refreshToken`) and
   * return `false` when that compare-and-set found other tokens: the session then adopts the
   * stored ones through `loadTokens` when given. When it throws, the call fails with its error
   * (the session keeps the new tokens in memory).
   */
  onTokens?: (
    tokens: KakaoUserTokens,
    previous: KakaoUserTokens,
    refreshed: KakaoRefreshedTokens,
  ) => void | false | Promise<void | false>;
  /**
   * Reads the user's current tokens from your store. Used when a refresh fails with KOE322
   * because another process already rotated the refresh token: if the store holds other
   * tokens, the call is retried with them instead of failing.
   */
  loadTokens?: () =>
    KakaoUserTokens | undefined | null | Promise<KakaoUserTokens | undefined | null>;
}

/** A finished refresh stays joinable this long, for calls that started with the old tokens. */
const RECENT_REFRESH_MS = 30_000;

/** The methods of `KakaoApiClient` that act as the user: the access token is their first argument. */
export type KakaoUserMethodName =
  | 'getUser'
  | 'getProfile'
  | 'getTokenInfo'
  | 'getOidcUserInfo'
  | 'logout'
  | 'unlink'
  | 'getScopes'
  | 'revokeScopes'
  | 'getServiceTerms'
  | 'revokeServiceTerms'
  | 'upgradeServiceTerms'
  | 'updateProfile'
  | 'signup'
  | 'getShippingAddresses';

/** Every `KakaoUserMethodName`, once: `Record` makes a missing or extra name a type error. */
const USER_METHOD_SET: Record<KakaoUserMethodName, true> = {
  getUser: true,
  getProfile: true,
  getTokenInfo: true,
  getOidcUserInfo: true,
  logout: true,
  unlink: true,
  getScopes: true,
  revokeScopes: true,
  getServiceTerms: true,
  revokeServiceTerms: true,
  upgradeServiceTerms: true,
  updateProfile: true,
  signup: true,
  getShippingAddresses: true,
};
const USER_METHODS = Object.keys(USER_METHOD_SET) as KakaoUserMethodName[];

/** `KakaoApiClient`'s user methods, minus the access token the session supplies. */
export type KakaoUserApi = {
  [K in KakaoUserMethodName]: KakaoApiClient[K] extends (
    accessToken: string,
    ...args: infer A
  ) => infer R
    ? (...args: A) => R
    : never;
};

type TokenCall = (
  this: KakaoApiClient,
  accessToken: string,
  ...args: unknown[]
) => Promise<unknown>;

/**
 * The bearer APIs of `KakaoApiClient`, called as one user with stored tokens. On -401 the
 * session refreshes once, hands the new tokens to `onTokens`, and retries the call once.
 * Concurrent calls (in this session or any other of the same client with the same refresh
 * token) share one refresh. Tokens live in private fields: `JSON.stringify(session)` is `{}`.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface KakaoUserSession extends KakaoUserApi {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class KakaoUserSession {
  readonly #client: KakaoApiClient;
  readonly #options: KakaoUserSessionOptions;
  /** Refreshes in flight (and just finished) per refresh token, shared by the client's sessions. */
  readonly #flights: Map<string, Promise<KakaoUserTokens>>;
  #tokens: KakaoUserTokens;
  /** The refresh token Kakao refused (KOE322) and why: no second request for it. */
  #dead?: { refreshToken: string; error: unknown };

  // The user methods are not written out one by one: this installs one per USER_METHODS entry,
  // and the interface above gives each KakaoApiClient's own signature, minus the token.
  static {
    for (const name of USER_METHODS) {
      Object.defineProperty(KakaoUserSession.prototype, name, {
        value(this: KakaoUserSession, ...args: unknown[]): Promise<unknown> {
          const client = this.#client;
          return this.#call((token) => (client[name] as TokenCall).call(client, token, ...args));
        },
        writable: true,
        configurable: true,
      });
    }
  }

  /** Use `client.asUser(tokens, options)`, which shares refreshes between the client's sessions. */
  constructor(
    client: KakaoApiClient,
    tokens: KakaoUserTokens,
    options: KakaoUserSessionOptions = {},
    flights: Map<string, Promise<KakaoUserTokens>> = new Map(),
  ) {
    if (!tokens || typeof tokens !== 'object') {
      throw new TypeError('asUser: pass the stored tokens, { accessToken, refreshToken }.');
    }
    arg.accessToken('asUser', tokens.accessToken);
    if (tokens.refreshToken !== undefined)
      arg.accessToken('asUser', tokens.refreshToken, 'refreshToken');
    for (const hook of ['onTokens', 'loadTokens'] as const) {
      if (options[hook] !== undefined && typeof options[hook] !== 'function') {
        throw new TypeError(`asUser: ${hook} must be a function.`);
      }
    }
    this.#client = client;
    this.#options = options;
    this.#flights = flights;
    this.#tokens = { ...tokens };
  }

  /** The tokens the session uses now (a copy). */
  get tokens(): KakaoUserTokens {
    return { ...this.#tokens };
  }

  iterateShippingAddresses(
    options: { pageSize?: number } = {},
  ): AsyncGenerator<KakaoShippingAddress, void, undefined> {
    const pageSize = arg.integer('iterateShippingAddresses', 'pageSize', options.pageSize ?? 10, 2);
    // Page by page through the session, so that a token expiring mid-way is refreshed.
    return pageShippingAddresses((page) => this.getShippingAddresses(page), pageSize);
  }

  /** Refreshes now (shared with any refresh already running) and returns the new tokens. */
  async refresh(): Promise<KakaoUserTokens> {
    return this.#renew(this.#tokens.accessToken, undefined);
  }

  async #call<T>(fn: (accessToken: string) => Promise<T>): Promise<T> {
    const used = this.#tokens.accessToken;
    try {
      return await fn(used);
    } catch (err) {
      if (!(err instanceof KakaoApiError) || err.code !== -401) throw err;
      const renewed = await this.#renew(used, err);
      return fn(renewed.accessToken);
    }
  }

  /** New tokens for a call that failed with `failed`; at most one refresh per refresh token. */
  async #renew(failed: string, invalid: KakaoApiError | undefined): Promise<KakaoUserTokens> {
    // Another call of this session already replaced the token the failed call used.
    if (invalid && this.#tokens.accessToken !== failed) return this.#tokens;
    const refreshToken = this.#tokens.refreshToken;
    if (!refreshToken) {
      if (invalid) throw invalid;
      throw new TypeError('refresh: this session has no refreshToken; pass it to asUser().');
    }
    if (this.#dead?.refreshToken === refreshToken) throw this.#dead.error;
    const flights = this.#flights;
    let flight = flights.get(refreshToken);
    if (!flight) {
      const started = (flight = this.#refresh(refreshToken));
      flights.set(refreshToken, started);
      const forget = () => {
        if (flights.get(refreshToken) === started) flights.delete(refreshToken);
      };
      started.then(() => setTimeout(forget, RECENT_REFRESH_MS).unref(), forget);
    }
    try {
      const tokens = await flight;
      // A joined refresh (started by another session) still updates this one.
      if (this.#tokens.refreshToken === refreshToken) this.#tokens = { ...tokens };
      return { ...tokens };
    } catch (err) {
      if (isDeadRefreshToken(err)) this.#dead = { refreshToken, error: err };
      throw err;
    }
  }

  async #refresh(refreshToken: string): Promise<KakaoUserTokens> {
    const previous = { ...this.#tokens };
    let refreshed: KakaoRefreshedTokens;
    try {
      refreshed = await this.#client.refreshTokens(refreshToken);
    } catch (err) {
      if (!isDeadRefreshToken(err)) throw err;
      const stored = await this.#load();
      if (
        stored &&
        (stored.refreshToken !== refreshToken || stored.accessToken !== previous.accessToken)
      ) {
        this.#tokens = stored;
        return stored;
      }
      throw err;
    }
    const tokens: KakaoUserTokens = {
      accessToken: refreshed.accessToken,
      refreshToken: refreshed.refreshToken ?? refreshToken,
      expiresAt: refreshed.expiresAt,
      refreshTokenExpiresAt: refreshed.rotated
        ? refreshed.refreshTokenExpiresAt
        : previous.refreshTokenExpiresAt,
      idToken: refreshed.idToken,
    };
    if (!tokens.refreshTokenExpiresAt) delete tokens.refreshTokenExpiresAt;
    if (!tokens.idToken) delete tokens.idToken;
    this.#tokens = tokens;
    const persisted = await this.#options.onTokens?.({ ...tokens }, previous, refreshed);
    if (persisted === false) {
      const stored = await this.#load();
      if (stored) {
        this.#tokens = stored;
        return stored;
      }
    }
    return tokens;
  }

  async #load(): Promise<KakaoUserTokens | undefined> {
    if (!this.#options.loadTokens) return undefined;
    const stored = await this.#options.loadTokens();
    if (!stored || typeof stored.accessToken !== 'string' || stored.accessToken === '')
      return undefined;
    return { ...stored };
  }
}

/** KOE322: the refresh token is expired, rotated away or the user unlinked. */
function isDeadRefreshToken(err: unknown): boolean {
  return err instanceof KakaoAuthError && err.errorCode === 'KOE322';
}
