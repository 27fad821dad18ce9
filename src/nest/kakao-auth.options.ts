import type { Request, Response } from 'express';
import type { KakaoProfile } from '../profile/kakao-profile';
import type { KakaoStrategyOptions } from '../strategy/kakao-strategy.options';
import type { KakaoOneTimeStore } from '../token-login/kakao-one-time.store';
import type { KakaoTokenResponse } from '../types/kakao-user.types';
import type { KakaoAccountEventHooks } from '../webhooks/account-event.dispatcher';
import type { KakaoJtiStore } from '../webhooks/jti.store';

/** Kakao's tokens of one login, with absolute expiry times (epoch ms). */
export interface KakaoLoginTokens {
  accessToken: string;
  /** Epoch ms after which the access token is expired. */
  accessTokenExpiresAt: number;
  refreshToken?: string;
  /** Epoch ms after which the refresh token is expired. */
  refreshTokenExpiresAt?: number;
  /** The verified id_token, with `openid` on. */
  idToken?: string;
  /** Consented scopes, space-separated, as Kakao sent them. */
  scope?: string;
}

/** What the module keeps in the session when no `validateUser` hook is set (`@KakaoUser()` gives it back). */
export interface KakaoSessionUser {
  provider: 'kakao';
  /** Kakao user id, exact, as a string. */
  id: string;
  nickname?: string;
  profileImageURL?: string;
  email?: string;
  emailVerified?: boolean;
  /**
   * Only with `exposeTokens: true`. By default Kakao's tokens stay server-side, so returning the
   * user (`@KakaoUser()`, `req.user`) as JSON cannot leak them: read them with `kakaoTokensOf(req)`
   * or `@KakaoTokens()`.
   */
  tokens?: KakaoLoginTokens;
}

/** A user the app keeps in its session: any JSON-serializable object. */
export type KakaoAppUser = object;

/** The input of `validateUser`: one finished Kakao login. */
export interface KakaoLoginAttempt {
  /** The normalized Kakao profile. */
  profile: KakaoProfile;
  tokens: KakaoLoginTokens;
  /** Kakao's token response as is (`refresh_token_expires_in`, `id_token`, …). */
  params: KakaoTokenResponse;
  req: Request;
  /** The user already logged in to this session (e.g. with another strategy), to link Kakao to. */
  currentUser: unknown;
}

/**
 * Kakao's `referrer_type` values (https://developers.kakao.com/docs/latest/ko/kakaologin/callback#unlink),
 * plus `UNLINK_FROM_SERVICE` for the module's `POST unlink`. Unknown future values pass through.
 */
export type KakaoUnlinkReferrerType =
  | 'UNLINK_FROM_APPS'
  | 'UNLINK_FROM_ADMIN'
  | 'ACCOUNT_DELETE'
  | 'FORCED_ACCOUNT_DELETE'
  | 'INCOMPLETE_SIGN_UP'
  | 'UNLINK_FROM_SERVICE'
  | (string & {});

/** The input of `onUnlink`: Kakao's unlink webhook, or the app's own `POST unlink`. */
export interface KakaoUnlinkEvent {
  /** Kakao user id, as a string. */
  userId: string;
  /** Why the user was unlinked (Kakao's `referrer_type`), or `UNLINK_FROM_SERVICE` for the app's own `POST unlink`. */
  referrerType: KakaoUnlinkReferrerType;
  /** The Kakao app id, when Kakao sent it. */
  appId?: string;
  /** Sent by Kakao for group apps only. */
  groupUserToken?: string;
  /** Webhook only: the same for every delivery of this unlink; record it to do one-off work once. */
  idempotencyKey?: string;
  /** Webhook only: when this delivery arrived (epoch ms). */
  receivedAt?: number;
}

/**
 * Kakao's account-status webhook (계정 상태 변경 웹훅) at `POST {prefix}/webhooks/account`: Security
 * Event Tokens verified against the app's keys (`clientID` + `audiences`), hooks run within the
 * budget, 202 to Kakao. See docs/webhooks.md.
 */
export interface KakaoAccountWebhookModuleOptions extends KakaoAccountEventHooks {
  /** Where seen `jti`s are kept (default: the module's `oneTimeStore` when set, else memory). With several instances, a shared store (Redis `SET NX PX`). */
  jtiStore?: KakaoJtiStore;
  /** Refuse SETs issued longer ago than this, in seconds (default 600). */
  maxAgeSeconds?: number;
  /** @deprecated Use `maxAgeSeconds`. */
  maxAgeSec?: number;
  /** Clock skew allowed, in seconds (default 300). */
  clockToleranceSeconds?: number;
  /** @deprecated Use `clockToleranceSeconds`. */
  clockToleranceSec?: number;
  /** Refuse bodies larger than this many bytes (default 16384). */
  maxBodyBytes?: number;
  /** Answer Kakao at the latest this many ms after the request arrived (default 2500); hooks still running keep running. */
  budgetMs?: number;
  /** Status of a verified delivery: 202 (default) or 200. */
  successStatus?: 200 | 202;
}

/** The input of `onLogout`. */
export interface KakaoLogoutEvent {
  /** Kakao user id, when the session had a Kakao login. */
  userId?: string;
  req: Request;
}

/** Settings of `POST logout`. */
export interface KakaoLogoutOptions {
  /** Also log the Kakao token out (`POST /v1/user/logout`; an expired token counts as done). Default true. */
  kakao?: boolean;
  /** Where a form POST (Accept: text/html) goes afterwards when there is no account logout (default `/`); JSON callers get `{ loggedOut: true }`. */
  redirect?: string;
  /** Continue to Kakao account logout (https://developers.kakao.com/docs/latest/ko/kakaologin/rest-api#logout-of-service-and-kakaoaccount), which then redirects here; registered under [Kakao Login] > [Logout Redirect URI]. */
  accountLogoutRedirectURI?: string;
  /**
   * With `accountLogoutRedirectURI`: `always` (default) continues every logout to Kakao account
   * logout; `on_request` only a logout posted with `kakaoAccount=true` (form field, JSON or query),
   * so one app can offer both "log out" and "log out of Kakao too".
   */
  accountLogout?: 'always' | 'on_request';
  /** Where a form POST unlink goes afterwards (default: `redirect`). */
  unlinkRedirect?: string;
}

/** The context of `onLogin` in session-less mode. */
export interface KakaoLoginContext {
  req: Request;
  res: Response;
  profile: KakaoProfile;
  tokens: KakaoLoginTokens;
  /** Where the module redirects afterwards (the checked `returnTo`, or `successRedirect`); for `POST token`, `successRedirect`. */
  redirectTo: string;
  /** Which route finished the login: the redirect `callback`, `POST token`, or `POST exchange` (SPA handoff). For `token` and `exchange`, what `onLogin` returns is the JSON answer. */
  via?: 'callback' | 'token' | 'exchange';
}

/**
 * Token login for native apps and the Kakao JS SDK: `GET {prefix}/nonce` and `POST {prefix}/token`
 * (https://developers.kakao.com/docs/latest/ko/kakaologin/common#oidc). Needs `appId`.
 */
export interface KakaoTokenLoginModuleOptions {
  /** id_token audiences accepted besides `clientID`: the app's native app key and JavaScript key ([App] > [Platform Keys]). */
  audiences?: string[];
  /** Refuse id_tokens issued longer ago than this, in seconds (default 600). */
  maxIdTokenAgeSeconds?: number;
  /** @deprecated Use `maxIdTokenAgeSeconds`. */
  maxIdTokenAgeSec?: number;
  /** id_tokens must carry a nonce from `GET nonce`, redeemed once by the same client (default true). */
  requireNonce?: boolean;
  /** How long a nonce from `GET nonce` stays redeemable, in seconds (default 300). */
  nonceTtlSeconds?: number;
  /** @deprecated Use `nonceTtlSeconds`. */
  nonceTtlSec?: number;
}

/** SPA handoff: the callback redirects with a one-time `#code=…` that the SPA redeems at `POST {prefix}/exchange`. */
export interface KakaoSpaHandoffOptions {
  /** How long a code stays redeemable, in seconds (default 30, at most 60). */
  codeTtlSeconds?: number;
  /** @deprecated Use `codeTtlSeconds`. */
  codeTtlSec?: number;
}

/**
 * Options of `KakaoAuthModule.forRoot()` / `forRootAsync()`: the `KakaoStrategy` options plus the
 * module's routes, redirects and hooks. Kakao docs:
 * https://developers.kakao.com/docs/latest/ko/kakaologin/rest-api
 * @publicApi
 */
export interface KakaoAuthModuleOptions extends KakaoStrategyOptions {
  /** Admin key ([App] > [Platform Keys]): authenticates the unlink webhook and the admin-key APIs. Without it the webhook answers 404. */
  adminKey?: string;
  /** The Kakao app id: when set, unlink webhooks for another app are refused (401). */
  appId?: string;
  /** Where a finished login goes when no `returnTo` was given (default `/`). */
  successRedirect?: string;
  /** Where a failed login goes, with `?error=<reason>` appended (default `/`). */
  failureRedirect?: string;
  /** Origins (`https://app.example.com`) that `returnTo` may point to and that may POST logout/unlink; the callbackURL's origin always may. */
  allowedRedirectOrigins?: string[];
  /** Consent items `GET login?scope=` may ask for (additional consent); none by default. */
  allowedScopes?: string[];
  /** Maps a Kakao login to the app's user (find-or-create, link to `currentUser`); `false` or `null` refuses the login (`?error=user_rejected`). Default: a `KakaoSessionUser`. */
  validateUser?: (
    login: KakaoLoginAttempt,
  ) => KakaoAppUser | false | null | Promise<KakaoAppUser | false | null>;
  /** Runs when Kakao reports an unlink (webhook) and after `POST unlink`: delete or disable the user here. */
  onUnlink?: (event: KakaoUnlinkEvent) => unknown;
  /** Runs on `POST logout`, before the session ends. */
  onLogout?: (event: KakaoLogoutEvent) => unknown;
  /** `POST logout` settings. */
  logout?: KakaoLogoutOptions;
  /** Keep the login in the session (express-session), default true. With `false`, `onLogin` issues the app's own token and the login state lives in a sealed cookie (`stateSecret` required). */
  session?: boolean;
  /** Session-less mode: issues the app's token or cookie for the mapped user (may write to `res`; when it ends the response, the module does not redirect). */
  onLogin?: (user: KakaoAppUser, context: KakaoLoginContext) => unknown;
  /** `KakaoAuthenticatedGuard` redirects to the login route (with `returnTo`) instead of answering 401. Default false. */
  redirectToLogin?: boolean;
  /** How long the webhook waits for `onUnlink` before answering 200, in ms (default 2500). */
  webhookTimeoutMs?: number;
  /** Enables `GET nonce` and `POST token`: log in with a Kakao access token (and id_token) a native app or the Kakao JS SDK obtained. Needs `appId`. Default off. */
  tokenLogin?: KakaoTokenLoginModuleOptions | boolean;
  /** The callback finishes with a one-time code in the URL fragment (`#code=…`) instead of logging in; the SPA redeems it at `POST exchange` for the session or `onLogin`'s JSON. Default off. */
  spaHandoff?: KakaoSpaHandoffOptions | boolean;
  /** Enables `POST {prefix}/webhooks/account`, Kakao's account-status webhook. Default off (404). */
  accountWebhook?: KakaoAccountWebhookModuleOptions | boolean;
  /** Where nonces and handoff codes wait for redemption (default: in memory, bounded). Pass a shared store (Redis) when several instances serve the app. */
  oneTimeStore?: KakaoOneTimeStore;
  /** Put Kakao's tokens into the default session user (`KakaoSessionUser.tokens`) too. Default false: they stay server-side, readable with `kakaoTokensOf(req)` / `@KakaoTokens()`. */
  exposeTokens?: boolean;
}

/** The module's route settings, an extra of `forRoot` / `forRootAsync`. */
export interface KakaoAuthRoutesOptions {
  /** Route prefix of the controller (default `auth/kakao`). */
  prefix?: string;
}

/** Extras of `forRoot` / `forRootAsync`, kept out of the options token. */
export interface KakaoAuthModuleExtras {
  /** Register the module globally. */
  isGlobal?: boolean;
  /** Route settings, or `false` to register no controller (use `KakaoAuthGuard` on your own routes). */
  routes?: KakaoAuthRoutesOptions | false;
}
