import { KakaoConfigError } from '../errors/kakao-config.error';
import type { KakaoPrompt, KakaoStrategyOptions } from './kakao-strategy.options';
import { checkStateCookiePath } from './state/cookie-path';

export const KAKAO_AUTH_BASE_URL = 'https://kauth.kakao.com';
export const KAKAO_API_BASE_URL = 'https://kapi.kakao.com';
/** Every value Kakao's `prompt` takes. */
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
  throw new KakaoConfigError(`KakaoStrategy: ${message}`);
};

/** Validates the options and applies defaults; throws `KakaoConfigError` saying how to fix a problem. */
export function resolveStrategyOptions(options: KakaoStrategyOptions): ResolvedStrategyOptions {
  if (!options || typeof options !== 'object')
    fail('options are required: new KakaoStrategy({ clientID, callbackURL }, verify)');
  const { clientID, callbackURL } = options;
  // passport-kakao's README passes '' when the client secret is off: the same as leaving it out.
  const clientSecret = options.clientSecret === '' ? undefined : options.clientSecret;
  if (typeof clientID !== 'string' || !clientID.trim()) {
    fail(
      'clientID is required: use the REST API key from [App] > [Platform Keys] in the Kakao Developers console',
    );
  }
  if (clientSecret !== undefined && (typeof clientSecret !== 'string' || !clientSecret)) {
    fail(
      'clientSecret must be a string, or left out (or empty) when the client secret is switched off',
    );
  }
  checkAbsolute(
    'callbackURL',
    callbackURL,
    'the redirect URI registered under [Kakao Login] > [Redirect URI], e.g. https://example.com/auth/kakao/callback',
  );
  const authBase = trimSlash(options.authBaseURL ?? KAKAO_AUTH_BASE_URL);
  const apiBase = trimSlash(options.apiBaseURL ?? KAKAO_API_BASE_URL);
  checkAbsolute(
    'authBaseURL',
    authBase,
    'e.g. https://kauth.kakao.com or the KakaoEmulator authBaseURL',
  );
  checkAbsolute(
    'apiBaseURL',
    apiBase,
    'e.g. https://kapi.kakao.com or the KakaoEmulator apiBaseURL',
  );
  const resolved: ResolvedStrategyOptions = {
    clientID,
    clientSecret,
    callbackURL,
    scope: toList(options.scope, 'scope'),
    state: options.state !== false,
    pkce: options.pkce !== false,
    openid: options.openid === true,
    prompt: joinPrompt(options.prompt),
    loginHint: optionalString(options.loginHint, 'loginHint'),
    serviceTerms: toList(options.serviceTerms, 'serviceTerms').join(',') || undefined,
    propertyKeys: options.propertyKeys
      ? JSON.stringify(toList(options.propertyKeys, 'propertyKeys'))
      : undefined,
    secureResource: options.secureResource !== false,
    authorizationURL: options.authorizationURL ?? `${authBase}/oauth/authorize`,
    tokenURL: options.tokenURL ?? `${authBase}/oauth/token`,
    userProfileURL: options.userProfileURL ?? `${apiBase}/v2/user/me`,
    issuer: options.issuer ?? authBase,
    jwksURL: options.jwksURL ?? `${authBase}/.well-known/jwks.json`,
    audiences: [clientID, ...toList(options.audiences, 'audiences')],
    profileFrom: options.profileFrom ?? 'user_me',
    stateStore: options.stateStore ?? 'auto',
    stateSecret: options.stateSecret,
    stateCookieName: options.stateCookieName ?? 'kakao_login',
    stateCookiePath: options.stateCookiePath ?? '/',
    stateTtlSeconds: positive(options.stateTtlSeconds, 600, 'stateTtlSeconds'),
    maxPendingLogins: positive(options.maxPendingLogins, 5, 'maxPendingLogins'),
    clockToleranceSeconds: positive(
      options.clockToleranceSeconds,
      30,
      'clockToleranceSeconds',
      true,
    ),
  };
  for (const key of ['authorizationURL', 'tokenURL', 'userProfileURL', 'jwksURL'] as const) {
    checkAbsolute(key, resolved[key], 'an absolute http(s) URL');
  }
  if (!['user_me', 'id_token'].includes(resolved.profileFrom))
    fail('profileFrom must be "user_me" or "id_token"');
  if (resolved.profileFrom === 'id_token' && !resolved.openid) {
    fail(
      'profileFrom "id_token" needs openid: true (and OpenID Connect switched on under [Kakao Login] > [OpenID Connect])',
    );
  }
  if (!['auto', 'session', 'cookie'].includes(resolved.stateStore))
    fail('stateStore must be "auto", "session" or "cookie"');
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
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') fail(`${name} must be a string or a list of strings`);
    for (const part of (item as string).split(/[,\s]+/))
      if (part && !out.includes(part)) out.push(part);
  }
  return out;
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') fail(`${name} must be a string`);
  return value as string;
}

function positive(value: unknown, fallback: number, name: string, allowZero = false): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    (!allowZero && value === 0)
  ) {
    fail(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number`);
  }
  return value as number;
}

/** Throws `KakaoConfigError` unless `value` is an absolute http(s) URL. */
export function checkAbsolute(name: string, value: unknown, example: string): void {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    fail(
      `${name} must be an absolute http(s) URL (got ${JSON.stringify(value)?.slice(0, 80)}): ${example}`,
    );
  }
}

function trimSlash(url: string): string {
  return typeof url === 'string' ? url.replace(/\/+$/, '') : url;
}
