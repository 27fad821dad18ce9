import type { KakaoHttpOptions } from '../http/kakao-http.client';
import type { KakaoLogger } from './strategy-log';
import type { KakaoStateStore } from './user-state.store';
import type { KakaoOneTimeStore } from '../token-login/kakao-one-time.store';

/** Values of Kakao's `prompt` authorize parameter. */
export type KakaoPrompt = 'login' | 'none' | 'create' | 'select_account';

/**
 * Options of `KakaoStrategy`, shared with `KakaoAuthModule`. Kakao docs:
 * https://developers.kakao.com/docs/latest/ko/kakaologin/rest-api
 */
export interface KakaoStrategyOptions extends KakaoHttpOptions {
  /** REST API key of the app ([App] > [Platform Keys] > [REST API key]). Required. */
  clientID: string;
  /** Client secret ([Kakao Login] > [Security]); sent in the token request body only when set. */
  clientSecret?: string;
  /** Absolute redirect URI registered under [Kakao Login] > [Redirect URI]. */
  callbackURL: string;
  /** Consent items to ask for (additional consent), joined with `,`; none by default. */
  scope?: string | string[];
  /** CSRF `state` on every login (default true). */
  state?: boolean;
  /** PKCE S256 on every login (default true). */
  pkce?: boolean;
  /** OpenID Connect: adds the `openid` scope, sends a nonce and verifies the id_token (default false). */
  openid?: boolean;
  /** Default `prompt` (`login`, `none`, `create`, `select_account`). */
  prompt?: KakaoPrompt | KakaoPrompt[];
  /** Default `login_hint` (email or phone pre-filled on Kakao's login page). */
  loginHint?: string;
  /** Kakao Sync service terms tags (`service_terms`). */
  serviceTerms?: string | string[];
  /** `property_keys` for `/v2/user/me` (e.g. `['kakao_account.email']`); all by default. */
  propertyKeys?: string[];
  /** Ask Kakao for https image URLs (default true). */
  secureResource?: boolean;
  /** Kakao auth server (default `https://kauth.kakao.com`; point it at the `KakaoEmulator` in tests). */
  authBaseURL?: string;
  /** Kakao API server (default `https://kapi.kakao.com`). */
  apiBaseURL?: string;
  /** Overrides `${authBaseURL}/oauth/authorize`. */
  authorizationURL?: string;
  /** Overrides `${authBaseURL}/oauth/token`. */
  tokenURL?: string;
  /** Overrides `${apiBaseURL}/v2/user/me`. */
  userProfileURL?: string;
  /** Expected id_token `iss` (default `https://kauth.kakao.com`, or `authBaseURL` when that is overridden). */
  issuer?: string;
  /** Overrides `${authBaseURL}/.well-known/jwks.json`. */
  jwksURL?: string;
  /** id_token audiences accepted besides `clientID` (the app's native or JavaScript keys). */
  audiences?: string[];
  /** With `openid`: build the profile from the verified id_token alone, skipping `/v2/user/me` (one Kakao round trip less). */
  profileFrom?: 'user_me' | 'id_token';
  /** Where pending logins live: `auto` (session when `req.session` exists, else cookie), `session` or `cookie`. */
  stateStore?: 'auto' | 'session' | 'cookie';
  /** Secret (32+ characters) sealing the state cookie when there is no session; a list rotates keys (first seals, all open). */
  stateSecret?: string | string[];
  /** Prefix of the state cookies (default `kakao_login`). */
  stateCookieName?: string;
  /** Path of the state cookies (default `/`). */
  stateCookiePath?: string;
  /** How long a started login may take, in seconds (default 600, Kakao's code lifetime). */
  stateTtlSeconds?: number;
  /** Pending logins kept per browser (default 5); the oldest are dropped. */
  maxPendingLogins?: number;
  /** Clock skew allowed on id_token times, in seconds (default 30). */
  clockToleranceSeconds?: number;
  // passport-oauth2 options and logging (issues #12, #13)
  /**
   * A passport-oauth2 state store (plain or PKCE form). It then keeps the state, and with the PKCE
   * form the code verifier (a plain-form store means no PKCE); OIDC nonces stay with the strategy.
   */
  store?: KakaoStateStore | boolean;
  /**
   * passport-oauth2's `skipUserProfile`: `true`, `() => boolean` or `(accessToken, done) => …`.
   * With `openid` the profile then comes from the verified id_token; without it the verify
   * callback gets no profile.
   */
  skipUserProfile?:
    | boolean
    | (() => boolean)
    | ((accessToken: string, done: (err: Error | null, skip?: boolean) => void) => void);
  /** Where the strategy's warnings go (default `console.warn`); `false` silences them. */
  logger?: KakaoLogger | false;
}

/** The strategy's own store option (the Nest module takes it as its `oneTimeStore`). */
export interface KakaoStrategyStoreOption {
  /**
   * Shared one-time store (e.g. `new KakaoRedisOneTimeStore(redis)`): in cookie mode a used
   * state is claimed there (`claim`, Redis SET NX PX), so it works once across all instances.
   * Default: remembered per process.
   */
  oneTimeStore?: KakaoOneTimeStore;
}

/** `passReqToCallback: true` passes `req` as the first argument of the verify callback. */
export interface KakaoPassReqOption {
  passReqToCallback?: boolean;
}

/** Per-request options of `passport.authenticate('kakao', { … })`. */
export interface KakaoAuthenticateOptions {
  prompt?: KakaoPrompt | KakaoPrompt[];
  loginHint?: string;
  scope?: string | string[];
  serviceTerms?: string | string[];
  /** App data (e.g. `{ returnTo }`) kept with the pending login and given back as `info.state`. */
  state?: unknown;
  callbackURL?: string;
  /** Passport's own options pass through. */
  [key: string]: unknown;
}
