import { KAKAO_API_BASE_URL, KAKAO_AUTH_BASE_URL, jwksURLOf } from '../options/kakao-urls';
import {
  absoluteURL,
  baseURL,
  checkHttpOptions,
  configError,
  nonEmptyString,
  oneOf,
  optionalString,
  positiveNumber,
  seconds,
  splitList,
  stringList,
} from '../options/option-checks';
import type { KakaoPrompt, KakaoStrategyOptions } from './kakao-strategy.options';
import { checkStateCookiePath } from './state/cookie-path';

const OWNER = 'KakaoStrategy';
/** Every value Kakao's `prompt` takes. */
const PROFILE_SOURCES = ['user_me', 'id_token'] as const;
const STATE_STORES = ['auto', 'session', 'cookie'] as const;
export const KAKAO_PROMPTS: readonly KakaoPrompt[] = ['login', 'none', 'create', 'select_account'];

/** Options with every default applied and every URL derived, computed once at construction. @internal */
export interface ResolvedStrategyOptions {
  clientID: string;
  clientSecret?: string;
  callbackURL: string;
  scope: string[];
  state: boolean;
  pkce: boolean;
  openid: boolean;
  prompt?: string;
  loginHint?: string;
  serviceTerms?: string;
  propertyKeys?: string;
  secureResource: boolean;
  authorizationURL: string;
  tokenURL: string;
  userProfileURL: string;
  issuer: string;
  jwksURL: string;
  audiences: string[];
  profileFrom: 'user_me' | 'id_token';
  stateStore: 'auto' | 'session' | 'cookie';
  stateSecret?: string | string[];
  stateCookieName: string;
  stateCookiePath: string;
  stateTtlSeconds: number;
  maxPendingLogins: number;
  clockToleranceSeconds: number;
}

const fail = (message: string): never => {
  throw configError(OWNER, message);
};

/** Validates the options and applies defaults; throws `KakaoConfigError` saying how to fix a problem. */
export function resolveStrategyOptions(options: KakaoStrategyOptions): ResolvedStrategyOptions {
  if (!options || typeof options !== 'object')
    fail('options are required: new KakaoStrategy({ clientID, callbackURL }, verify)');
  const clientID = nonEmptyString(
    OWNER,
    'clientID',
    options.clientID,
    'use the REST API key from [App] > [Platform Keys] in the Kakao Developers console',
  );
  // passport-kakao's README passes '' when the client secret is off: the same as leaving it out.
  const clientSecret = optionalString(OWNER, 'clientSecret', options.clientSecret);
  const callbackURL = absoluteURL(
    OWNER,
    'callbackURL',
    options.callbackURL,
    'the redirect URI registered under [Kakao Login] > [Redirect URI], e.g. https://example.com/auth/kakao/callback',
  );
  const authBase = baseURL(OWNER, 'authBaseURL', options.authBaseURL, KAKAO_AUTH_BASE_URL);
  const apiBase = baseURL(OWNER, 'apiBaseURL', options.apiBaseURL, KAKAO_API_BASE_URL);
  checkHttpOptions(OWNER, options);
  const resolved: ResolvedStrategyOptions = {
    clientID,
    clientSecret,
    callbackURL,
    scope: toList(options.scope, 'scope'),
    state: options.state !== false,
    pkce: options.pkce !== false,
    openid: options.openid === true,
    prompt: joinPrompt(options.prompt),
    loginHint: optionalString(OWNER, 'loginHint', options.loginHint),
    serviceTerms: toList(options.serviceTerms, 'serviceTerms').join(',') || undefined,
    propertyKeys: options.propertyKeys
      ? JSON.stringify(toList(options.propertyKeys, 'propertyKeys'))
      : undefined,
    secureResource: options.secureResource !== false,
    authorizationURL: options.authorizationURL ?? `${authBase}/oauth/authorize`,
    tokenURL: options.tokenURL ?? `${authBase}/oauth/token`,
    userProfileURL: options.userProfileURL ?? `${apiBase}/v2/user/me`,
    issuer: options.issuer ?? authBase,
    jwksURL: options.jwksURL ?? jwksURLOf(authBase),
    audiences: [
      clientID,
      ...stringList(
        OWNER,
        'audiences',
        options.audiences,
        'the app keys [nativeAppKey, javascriptKey]',
      ),
    ],
    profileFrom: oneOf(OWNER, 'profileFrom', options.profileFrom, PROFILE_SOURCES, 'user_me'),
    stateStore: oneOf(OWNER, 'stateStore', options.stateStore, STATE_STORES, 'auto'),
    stateSecret: options.stateSecret,
    stateCookieName: options.stateCookieName ?? 'kakao_login',
    stateCookiePath: options.stateCookiePath ?? '/',
    stateTtlSeconds: seconds(OWNER, 'stateTtlSeconds', options.stateTtlSeconds, 600, { above: 0 }),
    maxPendingLogins: positiveNumber(OWNER, 'maxPendingLogins', options.maxPendingLogins, 5),
    clockToleranceSeconds: seconds(
      OWNER,
      'clockToleranceSeconds',
      options.clockToleranceSeconds,
      30,
    ),
  };
  for (const key of ['authorizationURL', 'tokenURL', 'userProfileURL', 'jwksURL'] as const) {
    absoluteURL(OWNER, key, resolved[key], 'an absolute http(s) URL, or left out');
  }
  if (resolved.profileFrom === 'id_token' && !resolved.openid) {
    fail(
      'profileFrom "id_token" needs openid: true (and OpenID Connect switched on under [Kakao Login] > [OpenID Connect])',
    );
  }
  if (resolved.stateStore === 'cookie' && !resolved.stateSecret) {
    fail(
      'stateStore "cookie" needs a stateSecret (32+ random characters) to seal the state cookie',
    );
  }
  if (resolved.stateSecret && resolved.stateStore !== 'session') checkCookieScope(resolved);
  return resolved;
}

/** The state cookies' path: `/` on https (`__Host-` cookies), and covering the callback route. */
function checkCookieScope(resolved: ResolvedStrategyOptions): void {
  const callback = new URL(resolved.callbackURL);
  if (callback.protocol === 'https:' && resolved.stateCookiePath !== '/') {
    fail(
      `stateCookiePath must be "/" (or left out) on https: the state cookies are __Host- cookies, which a sibling subdomain cannot plant, and those require Path=/ (got "${resolved.stateCookiePath.slice(0, 80)}")`,
    );
  }
  if (!resolved.stateCookiePath.startsWith('/'))
    fail('stateCookiePath must be an absolute path such as "/" or "/auth"');
  checkStateCookiePath('KakaoStrategy', resolved.stateCookiePath, [
    ['callback', callback.pathname],
  ]);
}

/** `prompt` values joined with `,`; unknown values are refused. */
export function joinPrompt(prompt: unknown): string | undefined {
  const list = toList(prompt, 'prompt');
  for (const p of list) {
    if (!KAKAO_PROMPTS.includes(p as KakaoPrompt))
      fail(`prompt "${p.slice(0, 30)}" is not one of ${KAKAO_PROMPTS.join(', ')}`);
  }
  return list.length ? list.join(',') : undefined;
}

/** A string or string list, split on commas and spaces, de-duplicated. */
export function toList(value: unknown, name: string): string[] {
  return splitList(OWNER, name, value);
}

/** Throws `KakaoConfigError` unless `value` is an absolute http(s) URL. */
export function checkAbsolute(name: string, value: unknown, example: string): void {
  absoluteURL(OWNER, name, value, example);
}
