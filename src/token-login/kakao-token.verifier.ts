import { KakaoApiClient } from '../api/kakao-api.client';
import type { KakaoTokenInfo } from '../api/kakao-api.types';
import { KakaoConfigError } from '../errors/kakao-config.error';
import { KakaoHttpClient, type KakaoHttpOptions } from '../http/kakao-http.client';
import { IdTokenVerifier } from '../oidc/id-token.verifier';
import { JwksCache } from '../oidc/jwks.cache';
import {
  issuerFor,
  jwksURLOf,
  KAKAO_API_BASE_URL,
  KAKAO_AUTH_BASE_URL,
} from '../options/kakao-urls';
import {
  absoluteURL,
  baseURL,
  checkHttpOptions,
  configError,
  nonEmptyString,
  renamedOption,
  seconds,
  stringList,
} from '../options/option-checks';
import type { KakaoProfile } from '../profile/kakao-profile';
import { profileFromIdToken } from '../profile/profile-from-id-token';
import type { KakaoIdTokenClaims } from '../types/kakao-user.types';
import { hashOf } from './browser-binding';
import { KakaoTokenLoginError } from './kakao-token-login.error';
import { toTokenLoginError } from './token-login-error.mapper';

const OWNER = 'KakaoTokenVerifier';
const DEFAULT_MAX_ID_TOKEN_AGE_SECONDS = 600;
const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;
const MAX_ACCESS_TOKEN_LENGTH = 2048;
const MAX_ID_TOKEN_LENGTH = 16_384;
/** How long Kakao's "no" to an access token is remembered, so a repeated junk token costs no call. */
const REFUSAL_CACHE_MS = 10_000;
const REFUSAL_CACHE_MAX = 10_000;
/** Refusals that are Kakao's answer about the token itself (not an outage). */
const CACHEABLE_REFUSALS: ReadonlySet<string> = new Set([
  'invalid_token',
  'wrong_app',
  'user_mismatch',
]);

/** Options of `KakaoTokenVerifier`. Kakao docs: https://developers.kakao.com/docs/latest/ko/kakaologin/rest-api#get-token-info */
export interface KakaoTokenVerifierOptions extends KakaoHttpOptions {
  /** REST API key ([App] > [Platform Keys]); always an accepted id_token `aud`. */
  clientID: string;
  /** The App ID ([App] > [General]), e.g. "123456": an access token must have been issued to it. Required by `verifyAccessToken`. */
  appId?: string;
  /** id_token audiences accepted besides `clientID`: the app's native app key and JavaScript key. */
  audiences?: string[];
  /** Kakao auth server (default `https://kauth.kakao.com`; the `KakaoEmulator`'s in tests). */
  authBaseURL?: string;
  /** Kakao API server (default `https://kapi.kakao.com`). */
  apiBaseURL?: string;
  /** Expected id_token `iss` (default `https://kauth.kakao.com`, or `authBaseURL` when that is overridden). */
  issuer?: string;
  /** Overrides `${authBaseURL}/.well-known/jwks.json`. */
  jwksURL?: string;
  /** Refuse id_tokens issued longer ago than this, in seconds (default 600). */
  maxIdTokenAgeSeconds?: number;
  /** @deprecated Use `maxIdTokenAgeSeconds`. */
  maxIdTokenAgeSec?: number;
  /** Clock skew allowed on id_token times, in seconds (default 30). */
  clockToleranceSeconds?: number;
  /** Clock in epoch ms (default `Date.now`), for tests. */
  now?: () => number;
}

/** An access token Kakao confirmed: issued to the configured app, for `userId`. */
export interface KakaoVerifiedAccessToken {
  /** Kakao user id, exact. */
  userId: string;
  /** The App ID the token was issued to (equal to the configured `appId`). */
  appId: string;
  /** Epoch ms after which the token is expired. */
  expiresAt: number;
  /** Kakao's `/v1/user/access_token_info` answer. */
  tokenInfo: KakaoTokenInfo;
  /** The user's `/v2/user/me` profile. */
  profile: KakaoProfile;
}

/** An id_token whose signature, issuer, audience, times and nonce were checked. */
export interface KakaoVerifiedIdToken {
  /** Kakao user id (`sub`). */
  userId: string;
  /** The verified claims. */
  claims: KakaoIdTokenClaims;
  /** Epoch ms after which the id_token is expired. */
  expiresAt: number;
  /** The profile the id_token carries (nickname, picture, verified email), `source: 'id_token'`. */
  profile: KakaoProfile;
}

/**
 * Verifies Kakao tokens a native app or the Kakao JS SDK obtained, before they log anyone in:
 * an access token must come from the configured `appId` (`/v1/user/access_token_info`), then
 * `/v2/user/me` gives its user; an id_token is checked locally (RS256 via Kakao's JWKS, `iss`,
 * `aud` among the app's keys, `exp`, maximum `iat` age, `nonce`). Every refusal is a
 * `KakaoTokenLoginError` with a fixed `reason`; Kakao's `-1`, 5xx and timeouts are retryable
 * 503s, not "invalid token".
 *
 * ```ts
 * const verifier = new KakaoTokenVerifier({ clientID, appId, audiences: [nativeAppKey, javascriptKey] });
 * const { userId, profile } = await verifier.verifyAccessToken(accessToken);
 * ```
 */
export class KakaoTokenVerifier {
  /** The App ID access tokens must belong to. */
  readonly appId?: string;
  /** Accepted id_token audiences: the REST API key first, then `audiences`. */
  readonly audiences: readonly string[];
  private readonly api: KakaoApiClient;
  private readonly idTokens: IdTokenVerifier;
  private readonly issuer: string;
  private readonly maxIdTokenAgeSeconds: number;
  private readonly clockToleranceSeconds: number;
  private readonly now: () => number;
  /** Hash of a refused access token → when the refusal is forgotten, and the refusal. */
  private readonly refused = new Map<string, { until: number; error: KakaoTokenLoginError }>();

  constructor(options: KakaoTokenVerifierOptions) {
    if (!options || typeof options !== 'object')
      fail('options are required: new KakaoTokenVerifier({ clientID, appId, audiences })');
    // Checked here first, so that a bad value is refused in this class's name, as everywhere.
    nonEmptyString(
      OWNER,
      'clientID',
      options.clientID,
      'use the REST API key from [App] > [Platform Keys] in the Kakao Developers console',
    );
    const authBase = baseURL(OWNER, 'authBaseURL', options.authBaseURL, KAKAO_AUTH_BASE_URL);
    const apiBase = baseURL(OWNER, 'apiBaseURL', options.apiBaseURL, KAKAO_API_BASE_URL);
    checkHttpOptions(OWNER, options);
    const { appId } = options;
    if (appId !== undefined && (typeof appId !== 'string' || !/^\d+$/.test(appId))) {
      fail('appId must be the numeric App ID as a string (e.g. "123456"), from [App] > [General]');
    }
    const audiences = stringList(
      OWNER,
      'audiences',
      options.audiences,
      'the app keys [nativeAppKey, javascriptKey]',
    );
    this.api = new KakaoApiClient({
      clientID: options.clientID,
      authBaseURL: authBase,
      apiBaseURL: apiBase,
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      ca: options.ca,
      agent: options.agent,
    });
    this.appId = appId;
    this.audiences = [...new Set([this.api.clientID, ...audiences])];
    this.issuer = options.issuer ?? issuerFor(options.authBaseURL, authBase);
    const jwksURL =
      options.jwksURL === undefined
        ? jwksURLOf(authBase)
        : absoluteURL(OWNER, 'jwksURL', options.jwksURL, 'an absolute http(s) URL, or left out');
    const jwks = new JwksCache(jwksURL, new KakaoHttpClient(options), options.now);
    this.idTokens = new IdTokenVerifier(jwks);
    const maxAge = renamedOption(OWNER, options, 'maxIdTokenAgeSeconds', 'maxIdTokenAgeSec');
    this.maxIdTokenAgeSeconds = seconds(
      OWNER,
      maxAge.name,
      maxAge.value,
      DEFAULT_MAX_ID_TOKEN_AGE_SECONDS,
    );
    this.clockToleranceSeconds = seconds(
      OWNER,
      'clockToleranceSeconds',
      options.clockToleranceSeconds,
      DEFAULT_CLOCK_TOLERANCE_SECONDS,
    );
    this.now = options.now ?? Date.now;
  }

  /**
   * `/v1/user/access_token_info` (the token's `app_id` must equal `appId`), then `/v2/user/me`
   * for the same user. Throws `KakaoTokenLoginError` (`invalid_token`, `wrong_app`,
   * `user_mismatch`, or a retryable `kakao_unavailable` / `rate_limited`).
   */
  async verifyAccessToken(accessToken: string): Promise<KakaoVerifiedAccessToken> {
    const token = checkToken(accessToken, MAX_ACCESS_TOKEN_LENGTH);
    if (!this.appId) {
      throw new KakaoConfigError(
        'KakaoTokenVerifier: appId is required to verify access tokens (a token from another app must not log in); set it to the App ID under [App] > [General] in the Kakao Developers console',
      );
    }
    const key = hashOf(token);
    const known = this.refused.get(key);
    if (known && known.until > this.now()) throw known.error;
    try {
      const tokenInfo = await this.api.getTokenInfo(token);
      const appId = String(tokenInfo.app_id ?? tokenInfo.appId ?? '');
      if (appId !== this.appId) {
        throw new KakaoTokenLoginError(
          'wrong_app',
          `the access token belongs to app ${appId.slice(0, 20) || '(none)'}, not to appId ${this.appId}`,
        );
      }
      const profile = await this.api.getProfile(token);
      if (profile.id !== tokenInfo.id) {
        throw new KakaoTokenLoginError(
          'user_mismatch',
          'token info and /v2/user/me name different users',
        );
      }
      const expiresAt = this.now() + Math.max(0, tokenInfo.expires_in) * 1000;
      return { userId: tokenInfo.id, appId, expiresAt, tokenInfo, profile };
    } catch (err) {
      const error = toTokenLoginError(err);
      if (error instanceof KakaoTokenLoginError && CACHEABLE_REFUSALS.has(error.reason))
        this.remember(key, error);
      throw error;
    }
  }

  /** Remembers a refusal briefly; the oldest go first beyond the bound. */
  private remember(key: string, error: KakaoTokenLoginError): void {
    this.refused.delete(key);
    if (this.refused.size >= REFUSAL_CACHE_MAX) {
      const oldest = this.refused.keys().next().value;
      if (oldest !== undefined) this.refused.delete(oldest);
    }
    this.refused.set(key, { until: this.now() + REFUSAL_CACHE_MS, error });
  }

  /**
   * Checks an id_token locally: RS256 signature by Kakao's JWKS key, `iss`, `aud` among
   * `audiences`, `exp`, `iat` no older than `maxIdTokenAgeSeconds`, and `nonce` when given. Throws
   * `KakaoTokenLoginError` (`invalid_id_token` with `idTokenProblem`, `invalid_nonce`, or a
   * retryable 503 when the JWKS could not be fetched).
   */
  async verifyIdToken(
    idToken: string,
    options: { nonce?: string } = {},
  ): Promise<KakaoVerifiedIdToken> {
    const token = checkToken(idToken, MAX_ID_TOKEN_LENGTH);
    try {
      const { claims, payloadText } = await this.idTokens.verify(token, {
        issuer: this.issuer,
        audiences: this.audiences,
        nonce: options.nonce,
        clockToleranceSec: this.clockToleranceSeconds,
        maxAgeSec: this.maxIdTokenAgeSeconds,
        now: this.now,
      });
      return {
        userId: claims.sub,
        claims,
        expiresAt: claims.exp * 1000,
        profile: profileFromIdToken(claims, payloadText),
      };
    } catch (err) {
      throw toTokenLoginError(err);
    }
  }
}

function checkToken(value: unknown, maxLength: number): string {
  if (typeof value !== 'string' || value === '') throw new KakaoTokenLoginError('missing_token');
  if (value.length > maxLength || !/^[\x21-\x7e]+$/.test(value))
    throw new KakaoTokenLoginError('invalid_token', 'not a token: too long or with spaces');
  return value;
}

function fail(message: string): never {
  throw configError(OWNER, message);
}
