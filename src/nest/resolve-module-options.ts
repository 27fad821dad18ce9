import { KakaoConfigError } from '../errors/kakao-config.error';
import {
  configError,
  isAbsoluteHttpURL,
  positiveNumber,
  stringList,
} from '../options/option-checks';
import type {
  KakaoStrategyOptions,
  KakaoStrategyStoreOption,
} from '../strategy/kakao-strategy.options';
import { resolveStrategyOptions } from '../strategy/resolve-strategy-options';
import type { KakaoAuthModuleOptions } from './kakao-auth.options';
import {
  type ResolvedTokenLoginOptions,
  resolveTokenLoginOptions,
} from './resolve-token-login-options';

export const DEFAULT_ROUTE_PREFIX = 'auth/kakao';
const DEFAULT_WEBHOOK_TIMEOUT_MS = 2500;

/** Module options with defaults applied, checked once at startup. @internal */
export interface ResolvedKakaoAuthOptions extends ResolvedTokenLoginOptions {
  raw: KakaoAuthModuleOptions;
  /** What the Nest strategy is constructed with. */
  strategy: KakaoStrategyOptions;
  session: boolean;
  successRedirect: string;
  failureRedirect: string;
  /** Normalized origins (`https://host[:port]`), the callbackURL's origin included. */
  allowedOrigins: Set<string>;
  allowedScopes: Set<string>;
  logoutAtKakao: boolean;
  accountLogoutRedirectURI?: string;
  /** Continue to Kakao account logout only when the logout request asks for it. */
  accountLogoutOnRequest: boolean;
  /** Where a form POST logout goes afterwards. */
  logoutRedirect: string;
  /** Where a form POST unlink goes afterwards. */
  unlinkRedirect: string;
  webhookTimeoutMs: number;
}

const OWNER = 'KakaoAuthModule';
const fail = (message: string): never => {
  throw configError(OWNER, message);
};

/** Applies defaults and validates; every message says how to fix the problem. */
export function resolveModuleOptions(options: KakaoAuthModuleOptions): ResolvedKakaoAuthOptions {
  if (!options || typeof options !== 'object') {
    fail(
      'options are required: KakaoAuthModule.forRoot({ clientID, clientSecret, callbackURL }) or forRootAsync({ useFactory })',
    );
  }
  const {
    adminKey,
    appId,
    successRedirect,
    failureRedirect,
    allowedRedirectOrigins,
    allowedScopes,
    validateUser,
    onUnlink,
    onLogout,
    onLogin,
    logout,
    session,
    redirectToLogin: _redirectToLogin,
    webhookTimeoutMs,
    tokenLogin: _tokenLogin,
    spaHandoff: _spaHandoff,
    oneTimeStore: _oneTimeStore,
    accountWebhook: _accountWebhook,
    ...strategyOptions
  } = options;
  const useSession = session !== false;
  if (!useSession) {
    if (!options.stateSecret) {
      fail(
        'session: false keeps the login state in a sealed cookie: set stateSecret to 32+ random characters (e.g. from openssl rand -base64 32)',
      );
    }
    if (typeof onLogin !== 'function') {
      fail(
        "session: false needs an onLogin(user, { req, res }) hook that issues the app's own token or cookie",
      );
    }
  }
  const strategy: KakaoStrategyOptions & KakaoStrategyStoreOption = useSession
    ? strategyOptions
    : { ...strategyOptions, stateStore: 'cookie' };
  // A shared one-time store also makes cookie mode's used states single-use across instances.
  if (_oneTimeStore) strategy.oneTimeStore = _oneTimeStore;
  let callbackOrigin = '';
  try {
    callbackOrigin = new URL(resolveStrategyOptions(strategy).callbackURL).origin;
  } catch (err) {
    if (err instanceof KakaoConfigError) fail(err.message.replace(/^KakaoStrategy: /, ''));
    throw err;
  }
  if (adminKey !== undefined && (typeof adminKey !== 'string' || !adminKey)) {
    fail(
      'adminKey must be the Admin key from [App] > [Platform Keys] in the Kakao Developers console, or left out (the unlink webhook then answers 404)',
    );
  }
  if (appId !== undefined && (typeof appId !== 'string' || !/^\d+$/.test(appId))) {
    fail('appId must be the numeric Kakao app id as a string (e.g. "123456"), or left out');
  }
  for (const [name, hook] of Object.entries({ validateUser, onUnlink, onLogout, onLogin })) {
    if (hook !== undefined && typeof hook !== 'function') fail(`${name} must be a function`);
  }
  const allowedOrigins = new Set([callbackOrigin]);
  const origins = stringList(
    OWNER,
    'allowedRedirectOrigins',
    allowedRedirectOrigins,
    '["https://app.example.com"]',
  );
  for (const origin of origins) allowedOrigins.add(checkOrigin(origin));
  const scopes = new Set(
    stringList(OWNER, 'allowedScopes', allowedScopes, '["profile_nickname", "talk_message"]'),
  );
  if (logout !== undefined && (typeof logout !== 'object' || logout === null))
    fail(
      'logout must be an object: { kakao?: boolean, redirect?: string, accountLogoutRedirectURI?: string, accountLogout?: "always" | "on_request", unlinkRedirect?: string }',
    );
  const accountLogoutRedirectURI = logout?.accountLogoutRedirectURI;
  if (accountLogoutRedirectURI !== undefined && !isAbsoluteHttpURL(accountLogoutRedirectURI)) {
    fail(
      'logout.accountLogoutRedirectURI must be an absolute URL registered under [Kakao Login] > [Logout Redirect URI]',
    );
  }
  const accountLogout = logout?.accountLogout ?? 'always';
  if (accountLogout !== 'always' && accountLogout !== 'on_request')
    fail('logout.accountLogout must be "always" or "on_request"');
  if (logout?.accountLogout !== undefined && accountLogoutRedirectURI === undefined) {
    fail(
      'logout.accountLogout needs logout.accountLogoutRedirectURI (the URI registered under [Kakao Login] > [Logout Redirect URI])',
    );
  }
  const logoutRedirect = redirectTarget(logout?.redirect, 'logout.redirect');
  // Kakao waits about 3 s for a webhook's answer.
  const webhookBudget = positiveNumber(
    OWNER,
    'webhookTimeoutMs',
    webhookTimeoutMs,
    DEFAULT_WEBHOOK_TIMEOUT_MS,
    'milliseconds',
  );
  return {
    ...resolveTokenLoginOptions(options),
    raw: options,
    strategy,
    session: useSession,
    successRedirect: redirectTarget(successRedirect, 'successRedirect'),
    failureRedirect: redirectTarget(failureRedirect, 'failureRedirect'),
    allowedOrigins,
    allowedScopes: scopes,
    logoutAtKakao: logout?.kakao !== false,
    accountLogoutRedirectURI,
    accountLogoutOnRequest: accountLogout === 'on_request',
    logoutRedirect,
    unlinkRedirect:
      logout?.unlinkRedirect === undefined
        ? logoutRedirect
        : redirectTarget(logout.unlinkRedirect, 'logout.unlinkRedirect'),
    webhookTimeoutMs: webhookBudget,
  };
}

/** The route prefix without leading or trailing slashes. */
export function normalizePrefix(prefix: string | undefined): string {
  if (prefix === undefined) return DEFAULT_ROUTE_PREFIX;
  if (typeof prefix !== 'string' || !/^\/?[A-Za-z0-9._~\-/:]*$/.test(prefix))
    fail('routes.prefix must be a path such as "auth/kakao"');
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  if (!trimmed) fail('routes.prefix must not be empty; leave it out for "auth/kakao"');
  return trimmed;
}

function checkOrigin(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (
    !url ||
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.origin !== value.replace(/\/$/, '')
  ) {
    fail(
      `allowedRedirectOrigins: "${value.slice(0, 80)}" is not an origin; give scheme, host and port only, e.g. https://app.example.com`,
    );
  }
  return url!.origin;
}

function redirectTarget(value: unknown, name: string): string {
  if (value === undefined) return '/';
  if (typeof value === 'string' && (/^\/(?![/\\])/.test(value) || isAbsoluteHttpURL(value)))
    return value;
  return fail(`${name} must be a path such as "/login" or an absolute http(s) URL`);
}
