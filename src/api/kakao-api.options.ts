import type { Agent } from 'node:http';
import { KakaoConfigError } from '../errors/kakao-config.error';

export const DEFAULT_AUTH_BASE_URL = 'https://kauth.kakao.com';
export const DEFAULT_API_BASE_URL = 'https://kapi.kakao.com';

/** Options of `new KakaoApiClient(...)`. */
export interface KakaoApiClientOptions {
  /** The app's REST API key (https://developers.kakao.com/console/app > [App Keys]). */
  clientID: string;
  /**
   * Sent with token refreshes when set; Kakao turns the client secret ON for new REST API keys.
   * `''` means no secret, as in KakaoStrategy (passport-kakao's README passes `''` when it is off).
   */
  clientSecret?: string;
  /** The app's Admin key, needed only by `logoutUser`, `unlinkUser`, `getUserIds` and `getUsers`. */
  adminKey?: string;
  /** Kakao's auth server; default `https://kauth.kakao.com` (the `KakaoEmulator`'s `authBaseURL` in tests). */
  authBaseURL?: string;
  /** Kakao's API server; default `https://kapi.kakao.com` (the `KakaoEmulator`'s `apiBaseURL` in tests). */
  apiBaseURL?: string;
  /** Abort a call to Kakao after this many ms; default 10000. */
  timeoutMs?: number;
  /** Extra CA certificates to trust (PEM), e.g. the `KakaoEmulator`'s `caPem` in HTTPS mode. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Refuse answers bigger than this many bytes; default 1 MiB. */
  maxResponseBytes?: number;
  /** An agent to use instead of the built-in keep-alive agents (proxies, tests). */
  agent?: Agent;
}

/** Options after validation, base URLs without a trailing slash. */
export interface ResolvedKakaoApiOptions {
  clientID: string;
  clientSecret?: string;
  adminKey?: string;
  authBaseURL: string;
  apiBaseURL: string;
}

/** Checks the options once, at construction; every message says how to fix the problem. */
export function resolveKakaoApiOptions(options: KakaoApiClientOptions): ResolvedKakaoApiOptions {
  if (!options || typeof options !== 'object') {
    throw new KakaoConfigError(
      'KakaoApiClient needs an options object: new KakaoApiClient({ clientID: <REST API key> }).',
    );
  }
  const { clientID, clientSecret, adminKey } = options;
  if (typeof clientID !== 'string' || clientID.trim() === '') {
    throw new KakaoConfigError(
      'KakaoApiClient: clientID is required; set it to the REST API key under [App Keys] in the Kakao Developers console.',
    );
  }
  if (clientSecret !== undefined && typeof clientSecret !== 'string') {
    throw new KakaoConfigError(
      'KakaoApiClient: clientSecret must be a string; set it to the value under [Kakao Login] > [Security] > [Client Secret], or leave it undefined when the secret is off.',
    );
  }
  if (adminKey !== undefined && (typeof adminKey !== 'string' || adminKey === '')) {
    throw new KakaoConfigError(
      "KakaoApiClient: adminKey must be a non-empty string; set it to the app's Admin key under [App Keys], or leave it undefined.",
    );
  }
  positive('timeoutMs', options.timeoutMs);
  positive('maxResponseBytes', options.maxResponseBytes);
  return {
    clientID,
    clientSecret: clientSecret || undefined,
    adminKey,
    authBaseURL: baseURL('authBaseURL', options.authBaseURL, DEFAULT_AUTH_BASE_URL),
    apiBaseURL: baseURL('apiBaseURL', options.apiBaseURL, DEFAULT_API_BASE_URL),
  };
}

function positive(name: string, value: number | undefined): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new KakaoConfigError(
      `KakaoApiClient: ${name} must be a positive number; leave it undefined for the default.`,
    );
  }
}

function baseURL(name: string, value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  const fix = `set ${name} to an absolute http(s) URL without query, e.g. ${fallback} (or the KakaoEmulator's ${name})`;
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new KakaoConfigError(`KakaoApiClient: ${name} is not an absolute URL; ${fix}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new KakaoConfigError(`KakaoApiClient: ${name} must use http or https; ${fix}.`);
  }
  if (url.search || url.hash || String(value).includes('?') || String(value).includes('#')) {
    throw new KakaoConfigError(
      `KakaoApiClient: ${name} must not have a query or fragment; ${fix}.`,
    );
  }
  if (url.username || url.password) {
    throw new KakaoConfigError(`KakaoApiClient: ${name} must not contain credentials; ${fix}.`);
  }
  return url.href.replace(/\/+$/, '');
}
