import type { Agent } from 'node:http';
import { KakaoConfigError } from '../errors/kakao-config.error';
import { KAKAO_API_BASE_URL, KAKAO_AUTH_BASE_URL } from '../options/kakao-urls';
import {
  baseURL,
  checkHttpOptions,
  nonEmptyString,
  optionalString,
} from '../options/option-checks';

const OWNER = 'KakaoApiClient';
/** Kakao's auth server, the default `authBaseURL`. */
export const DEFAULT_AUTH_BASE_URL = KAKAO_AUTH_BASE_URL;
/** Kakao's API server, the default `apiBaseURL`. */
export const DEFAULT_API_BASE_URL = KAKAO_API_BASE_URL;

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
  const clientID = nonEmptyString(
    OWNER,
    'clientID',
    options.clientID,
    'set it to the REST API key under [App] > [Platform Keys] in the Kakao Developers console',
  );
  // '' means no secret, as in KakaoStrategy.
  const clientSecret = optionalString(OWNER, 'clientSecret', options.clientSecret);
  const { adminKey } = options;
  if (adminKey !== undefined && (typeof adminKey !== 'string' || adminKey === '')) {
    throw new KakaoConfigError(
      "KakaoApiClient: adminKey must be a non-empty string; set it to the app's Admin key under [App Keys], or leave it undefined.",
    );
  }
  checkHttpOptions(OWNER, options);
  return {
    clientID,
    clientSecret,
    adminKey,
    authBaseURL: baseURL(OWNER, 'authBaseURL', options.authBaseURL, DEFAULT_AUTH_BASE_URL),
    apiBaseURL: baseURL(OWNER, 'apiBaseURL', options.apiBaseURL, DEFAULT_API_BASE_URL),
  };
}
