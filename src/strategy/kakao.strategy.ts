import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OAuth2 } from 'oauth';
import { Strategy as OAuth2Strategy } from 'passport-oauth2';
import { KakaoConfigError } from '../errors/kakao-config.error';
import { KakaoError } from '../errors/kakao.error';
import { KakaoIdTokenError } from '../errors/kakao-id-token.error';
import { KakaoResponseError } from '../errors/kakao-response.error';
import { errorFromResponse } from '../http/kakao-error.mapper';
import { KakaoHttpClient } from '../http/kakao-http.client';
import { IdTokenVerifier } from '../oidc/id-token.verifier';
import { JwksCache } from '../oidc/jwks.cache';
import type { KakaoProfile } from '../profile/kakao-profile';
import { parseKakaoProfile } from '../profile/parse-kakao-profile';
import { profileFromIdToken } from '../profile/profile-from-id-token';
import type { KakaoIdTokenClaims, KakaoTokenResponse } from '../types/kakao-user.types';
import { emulatorMixWarning } from './emulator-mix.check';
import { AuthorizeURL } from './authorize-url';
import {
  failureInfo,
  isMisconfiguration,
  misconfigurationWarning,
  type KakaoFailureReason,
  reasonForCallbackError,
  reasonForError,
  statusForReason,
} from './failure-reason';
import {
  type DiagnosisContext,
  diagnoseMissingLogin,
  missingLoginWarning,
  requestHost,
} from './invalid-state.diagnosis';
import type {
  KakaoAuthenticateOptions,
  KakaoPassReqOption,
  KakaoStrategyOptions,
  KakaoStrategyStoreOption,
} from './kakao-strategy.options';
import type {
  AnyKakaoVerifyFunction,
  KakaoVerifyCallback,
  KakaoVerifyFunction,
  KakaoVerifyFunctionWithParams,
  KakaoVerifyFunctionWithRequest,
  KakaoVerifyFunctionWithRequestAndParams,
} from './kakao-verify.types';
import { invokeVerify } from './invoke-verify';
import { isOAuth2HttpError, KakaoOAuth2Transport } from './oauth2-transport';
import { pkceChallenge, randomToken } from './pkce';
import {
  checkAbsolute,
  joinPrompt,
  type ResolvedStrategyOptions,
  resolveStrategyOptions,
  toList,
} from './resolve-strategy-options';
import { CookieLoginStore } from './state/cookie-login.store';
import type { PendingLogin, PendingLoginStore } from './state/pending-login';
import { SessionLoginStore } from './state/session-login.store';
import { StateCipher } from './state/state-cipher';
import { StrategyLog } from './strategy-log';
import {
  type KakaoStateStore,
  type KakaoStateStoreMeta,
  keepsVerifier,
  storeState,
  verifyState,
} from './user-state.store';

/** The request `KakaoStrategy` works on: Express's, or any Node request (query parsed from the URL). */
export type KakaoStrategyRequest = IncomingMessage & {
  query?: Record<string, unknown>;
  session?: object;
  res?: ServerResponse;
};
/** Callback of `userProfile()`. */
export type KakaoProfileCallback = (err?: Error | null, profile?: KakaoProfile) => void;

const MAX_PARAM_LENGTH = 2048;
/** Hosts of logins that started on a host other than the callback's, for the invalid_state warning. */
const MAX_LOGIN_HOSTS = 500;

/** The error Kakao's answer maps to, when an app's `parseErrorResponse` returned its own. */
const kakaoCauses = new WeakMap<object, Error>();

type SkipUserProfile = boolean | ((...args: unknown[]) => unknown) | undefined;

/** Where a started login is checked at the callback and what it carries. */
interface CheckedLogin {
  verifier?: string;
  nonce?: string;
  appState?: unknown;
  redirectURI?: string;
}

/**
 * Passport strategy for Kakao Login: a drop-in for passport-kakao and a real passport-oauth2
 * `OAuth2Strategy` (its hooks `authorizationParams`, `tokenParams`, `userProfile`,
 * `parseErrorResponse`, the `store` and `skipUserProfile` options work as there), adding state,
 * PKCE (S256), OpenID Connect, a typed profile with exact ids and typed Kakao errors. Its HTTP to
 * Kakao goes through `KakaoHttpClient` (keep-alive, timeout, size cap), also behind `_oauth2`.
 *
 * ```ts
 * passport.use(new KakaoStrategy({ clientID, clientSecret, callbackURL }, (accessToken, refreshToken, profile, done) => …));
 * ```
 */
export class KakaoStrategy extends OAuth2Strategy {
  /** The resolved options (defaults applied). @internal */
  readonly settings: Readonly<ResolvedStrategyOptions>;
  private readonly http: KakaoHttpClient;
  private readonly kakaoVerify: AnyKakaoVerifyFunction;
  private readonly withRequest: boolean;
  private readonly sessionStore: SessionLoginStore;
  private readonly cookieStore?: CookieLoginStore;
  private readonly cipher?: StateCipher;
  private readonly userStore?: KakaoStateStore;
  private readonly idTokens?: IdTokenVerifier;
  private readonly log: StrategyLog;
  /** `/v2/user/me` with `secure_resource` and `property_keys`, built once. */
  private readonly profileURL: string;
  private readonly authorize: AuthorizeURL;
  private readonly callbackHost: string;
  private readonly loginHosts = new Map<string, string>();

  // The 4-argument forms come first so that `(accessToken, refreshToken, profile, done)` is typed
  // as the passport-kakao form, never with `params` where `profile` should be.
  constructor(
    options: KakaoStrategyOptions & KakaoStrategyStoreOption & { passReqToCallback?: false },
    verify: KakaoVerifyFunction,
  );
  constructor(
    options: KakaoStrategyOptions & KakaoStrategyStoreOption & { passReqToCallback?: false },
    verify: KakaoVerifyFunctionWithParams,
  );
  constructor(
    options: KakaoStrategyOptions & KakaoStrategyStoreOption & { passReqToCallback: true },
    verify: KakaoVerifyFunctionWithRequest,
  );
  constructor(
    options: KakaoStrategyOptions & KakaoStrategyStoreOption & { passReqToCallback: true },
    verify: KakaoVerifyFunctionWithRequestAndParams,
  );
  constructor(
    options: KakaoStrategyOptions & KakaoStrategyStoreOption & KakaoPassReqOption,
    verify: AnyKakaoVerifyFunction,
  ) {
    let settings = resolveStrategyOptions(options);
    if (typeof verify !== 'function') {
      throw new KakaoConfigError(
        'KakaoStrategy: a verify callback is required: new KakaoStrategy(options, (accessToken, refreshToken, profile, done) => done(null, user))',
      );
    }
    const userStore = resolveUserStore(options.store);
    if (userStore) {
      // The app's store owns the state; the PKCE verifier only when it has the PKCE form.
      if (!keepsVerifier(userStore)) {
        if (options.pkce === true)
          throw new KakaoConfigError(
            'KakaoStrategy: pkce: true needs a store with the PKCE form store(req, verifier, state, meta, callback) / verify(req, state, callback); set pkce: false to use store(req, meta, callback)',
          );
        settings = { ...settings, pkce: false };
      }
      settings = { ...settings, state: true };
    }
    if (!settings.state && (settings.pkce || settings.openid)) {
      throw new KakaoConfigError(
        'KakaoStrategy: state: false needs pkce: false and openid: false (PKCE verifiers and nonces are kept with the state)',
      );
    }
    super(
      {
        clientID: settings.clientID,
        clientSecret: settings.clientSecret ?? '',
        callbackURL: settings.callbackURL,
        authorizationURL: settings.authorizationURL,
        tokenURL: settings.tokenURL,
        scopeSeparator: ',',
        skipUserProfile: options.skipUserProfile,
      },
      // passport-oauth2 never calls this: authenticate() below runs the flow and calls the hooks.
      () => undefined,
    );
    this.name = 'kakao';
    this.settings = settings;
    this.kakaoVerify = verify;
    this.withRequest = options.passReqToCallback === true;
    this.userStore = userStore;
    this.log = new StrategyLog(options.logger);
    this.http = new KakaoHttpClient(options);
    this._oauth2 = new KakaoOAuth2Transport(this.http, {
      ...settings,
      customHeaders: options.customHeaders,
    }) as unknown as OAuth2;
    this.sessionStore = new SessionLoginStore(settings.maxPendingLogins);
    const profileURL = new URL(settings.userProfileURL);
    if (settings.secureResource) profileURL.searchParams.set('secure_resource', 'true');
    if (settings.propertyKeys) profileURL.searchParams.set('property_keys', settings.propertyKeys);
    this.profileURL = profileURL.toString();
    this.authorize = new AuthorizeURL(settings.authorizationURL, settings.clientID);
    this.callbackHost = new URL(settings.callbackURL).host;
    if (settings.stateSecret) {
      this.cipher = new StateCipher(settings.stateSecret);
      this.cookieStore = new CookieLoginStore(this.cipher, {
        prefix: settings.stateCookieName,
        path: settings.stateCookiePath,
        secure: settings.callbackURL.startsWith('https:'),
        ttlSec: settings.stateTtlSeconds,
        max: settings.maxPendingLogins,
        claim: claimOf(options.oneTimeStore),
      });
    }
    if (settings.openid)
      this.idTokens = new IdTokenVerifier(new JwksCache(settings.jwksURL, this.http));
    const mix = emulatorMixWarning(settings);
    if (mix) this.log.warn('emulator-mix', mix);
  }

  /** Starts the login (redirect to Kakao) or finishes it (the callback with `code` or `error`). */
  override authenticate(req: KakaoStrategyRequest, options: KakaoAuthenticateOptions = {}): void {
    const query = queryOf(req);
    const isCallback = query.code !== undefined || query.error !== undefined;
    const flow = isCallback ? this.finishLogin(req, query, options) : this.startLogin(req, options);
    flow.catch((err: unknown) => this.endWith(err));
  }

  /** Kakao's per-request authorize parameters (`prompt`, `login_hint`, `service_terms`). */
  override authorizationParams(options: KakaoAuthenticateOptions): Record<string, string> {
    const params: Record<string, string> = {};
    const prompt = options.prompt !== undefined ? joinPrompt(options.prompt) : this.settings.prompt;
    if (prompt) params.prompt = prompt;
    const loginHint =
      typeof options.loginHint === 'string' ? options.loginHint : this.settings.loginHint;
    if (loginHint) params.login_hint = loginHint;
    const terms =
      options.serviceTerms !== undefined
        ? toList(options.serviceTerms, 'serviceTerms').join(',')
        : this.settings.serviceTerms;
    if (terms) params.service_terms = terms;
    return params;
  }

  /** Fetches `/v2/user/me` (Bearer header, `secure_resource`, `property_keys`) and parses it. */
  override userProfile(accessToken: string, done: KakaoProfileCallback): void {
    this.fetchProfile(accessToken).then(
      (profile) => done(null, profile),
      (err: Error) => done(err),
    );
  }

  /** Kakao's error answer from the token endpoint as a typed `KakaoAuthError` (or `KakaoResponseError`). */
  override parseErrorResponse(body: string, status: number): Error {
    return errorFromResponse('POST /oauth/token', { status, text: body }, 'kauth');
  }

  private async startLogin(
    req: KakaoStrategyRequest,
    options: KakaoAuthenticateOptions,
  ): Promise<void> {
    const s = this.settings;
    const callbackURL = this.callbackFor(options);
    // passport-oauth2's order: the hook's parameters, then the protocol's, which win.
    const params: Record<string, unknown> = { ...this.authorizationParams(options) };
    params.response_type = 'code';
    params.redirect_uri = callbackURL;
    const scope = options.scope !== undefined ? toList(options.scope, 'scope') : s.scope;
    if (s.openid && !scope.includes('openid')) {
      params.scope = [...scope, 'openid'].join(',');
    } else if (scope.length) params.scope = scope.join(',');
    const appState = options.state;
    if (this.userStore) return this.startWithUserStore(req, params, callbackURL, appState);
    if (!s.state) {
      // As passport-oauth2 does without a store: the app's string goes to Kakao as is.
      if (typeof appState === 'string' && appState) params.state = appState;
      return this.redirect(this.authorize.build(params));
    }
    const login: PendingLogin = {
      state: randomToken(),
      expiresAt: Date.now() + s.stateTtlSeconds * 1000,
    };
    if (s.pkce) {
      login.verifier = randomToken();
      params.code_challenge = pkceChallenge(login.verifier);
      params.code_challenge_method = 'S256';
    }
    if (s.openid) login.nonce = randomToken();
    if (appState !== undefined && typeof appState !== 'boolean') login.appState = appState;
    if (callbackURL !== s.callbackURL) login.redirectURI = callbackURL;
    await this.storeFor(req).put(req, login);
    params.state = login.state;
    if (login.nonce) params.nonce = login.nonce;
    this.rememberLoginHost(req, callbackURL, login.state);
    this.redirect(this.authorize.build(params));
  }

  /** The app's passport-oauth2 store keeps state (and the verifier); the nonce stays ours. */
  private startWithUserStore(
    req: KakaoStrategyRequest,
    params: Record<string, unknown>,
    callbackURL: string,
    appState: unknown,
  ): void {
    const s = this.settings;
    let verifier: string | undefined;
    if (s.pkce) {
      verifier = randomToken();
      params.code_challenge = pkceChallenge(verifier);
      params.code_challenge_method = 'S256';
    }
    const stored = (err: Error | null, state?: string) => {
      if (err) return this.error(err);
      if (state) params.state = state;
      if (!s.openid) return this.redirect(this.authorize.build(params));
      if (!state) throw new KakaoConfigError('KakaoStrategy: the state store gave no state');
      const nonce = randomToken();
      const login: PendingLogin = {
        state,
        nonce,
        expiresAt: Date.now() + s.stateTtlSeconds * 1000,
      };
      params.nonce = nonce;
      this.storeFor(req)
        .put(req, login)
        .then(() => this.redirect(this.authorize.build(params)))
        .catch((e: unknown) => this.endWith(e));
    };
    if (typeof this.userStore!.store !== 'function')
      throw new KakaoConfigError(
        'KakaoStrategy: the state store has no store(req, …, callback) method, so it cannot start a login',
      );
    storeState(
      this.userStore!,
      req,
      verifier,
      appState,
      this.storeMeta(callbackURL),
      (err, state) => {
        try {
          stored(err, state);
        } catch (e) {
          this.endWith(e);
        }
      },
    );
  }

  private async finishLogin(
    req: KakaoStrategyRequest,
    query: Record<string, unknown>,
    options: KakaoAuthenticateOptions,
  ): Promise<void> {
    const s = this.settings;
    req.res?.setHeader('cache-control', 'no-store');
    req.res?.setHeader('referrer-policy', 'no-referrer');
    const state = param(query.state);
    if (query.error !== undefined) {
      if (s.state && state && !this.userStore) await this.storeFor(req).take(req, state);
      return this.failWith(reasonForCallbackError(query.error));
    }
    const code = param(query.code);
    if (!code) return this.failWith('invalid_request');
    const callbackURL = this.callbackFor(options);
    let login: CheckedLogin | undefined;
    if (this.userStore) {
      login = await this.verifyWithUserStore(req, state, callbackURL);
      if (!login) return;
    } else if (s.state) {
      login = state ? await this.storeFor(req).take(req, state) : undefined;
      if (!login) return this.invalidState(req, state);
      if (this.loginHosts.size) this.loginHosts.delete(state!);
    }
    const tokens = await this.exchangeCode(code, login, callbackURL, options);
    const profile = await this.loadProfile(tokens, login?.nonce);
    const done: KakaoVerifyCallback = (err, user, info) => {
      if (err) return this.error(err);
      if (!user)
        return this.fail({ message: 'user_rejected', reason: 'user_rejected', ...info }, 401);
      const out: Record<string, unknown> = { ...(info ?? {}) };
      if (login?.appState !== undefined) out.state = login.appState;
      this.success(user, out);
    };
    invokeVerify(
      this.kakaoVerify,
      {
        req: this.withRequest ? req : undefined,
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token,
        params: tokens,
        profile,
        done,
      },
      (err) => this.error(err),
    );
  }

  /** The app's store verifies the state; undefined when the login ended here (fail or error). */
  private verifyWithUserStore(
    req: KakaoStrategyRequest,
    state: string | undefined,
    callbackURL: string,
  ): Promise<CheckedLogin | undefined> {
    return new Promise<CheckedLogin | undefined>((resolve, reject) => {
      verifyState(this.userStore!, req, state, this.storeMeta(callbackURL), (err, ok, info) => {
        if (err) {
          this.error(err);
          return resolve(undefined);
        }
        if (!ok) {
          this.failWith('invalid_state');
          return resolve(undefined);
        }
        const login: CheckedLogin = {
          verifier: typeof ok === 'string' ? ok : undefined,
          appState: info === undefined || info === null || info === true ? undefined : info,
        };
        if (!this.settings.openid) return resolve(login);
        this.storeFor(req)
          .take(req, state ?? '')
          .then((pending) => {
            if (!pending) {
              this.invalidState(req, state);
              return resolve(undefined);
            }
            login.nonce = pending.nonce;
            resolve(login);
          }, reject);
      });
    });
  }

  /** The code exchange through `_oauth2.getOAuthAccessToken` with `tokenParams(options)`. */
  private exchangeCode(
    code: string,
    login: CheckedLogin | undefined,
    callbackURL: string,
    options: KakaoAuthenticateOptions,
  ): Promise<KakaoTokenResponse> {
    const params: Record<string, unknown> = { ...this.tokenParams(options) };
    params.grant_type = 'authorization_code';
    params.redirect_uri = login?.redirectURI ?? callbackURL;
    if (login?.verifier) params.code_verifier = login.verifier;
    return new Promise<KakaoTokenResponse>((resolve, reject) => {
      this._oauth2.getOAuthAccessToken(code, params, (err, accessToken, refreshToken, results) => {
        if (err) return reject(this.tokenError(err));
        if (typeof accessToken !== 'string' || !accessToken)
          return reject(
            new KakaoResponseError(
              'POST /oauth/token',
              'unexpected',
              'the token response has no access_token',
            ),
          );
        const tokens = { ...(results as object), access_token: accessToken } as KakaoTokenResponse;
        if (typeof refreshToken === 'string') tokens.refresh_token = refreshToken;
        resolve(tokens);
      });
    });
  }

  /** An error of the token endpoint, through the app's `parseErrorResponse` when it has one. */
  private tokenError(err: unknown): Error {
    if (!isOAuth2HttpError(err)) return err instanceof Error ? err : new Error(String(err));
    const own = errorFromResponse(
      'POST /oauth/token',
      { status: err.statusCode, text: err.data },
      'kauth',
    );
    if (this.parseErrorResponse === KakaoStrategy.prototype.parseErrorResponse) return own;
    let parsed: unknown;
    try {
      parsed = this.parseErrorResponse(err.data, err.statusCode);
    } catch {
      parsed = undefined;
    }
    if (!(parsed instanceof Error)) return own;
    if (parsed !== own) kakaoCauses.set(parsed, own);
    return parsed;
  }

  /**
   * The profile the verify callback gets: `userProfile()` (ours or the app's), unless
   * `skipUserProfile` says so; with `openid`, the id_token is verified first and its `sub` must
   * be the profile's id, and a skipped profile comes from the id_token.
   */
  private async loadProfile(
    tokens: KakaoTokenResponse,
    nonce: string | undefined,
  ): Promise<KakaoProfile | undefined> {
    const s = this.settings;
    let claims: KakaoIdTokenClaims | undefined;
    let payloadText = '';
    if (s.openid) {
      ({ claims, payloadText } = await this.idTokens!.verify(tokens.id_token ?? '', {
        issuer: s.issuer,
        audiences: s.audiences,
        nonce,
        clockToleranceSec: s.clockToleranceSeconds,
      }));
    }
    const skip = s.profileFrom === 'id_token' || (await this.skipsProfile(tokens.access_token));
    if (skip) return claims ? profileFromIdToken(claims, payloadText) : undefined;
    const profile = await this.userProfileOf(tokens.access_token);
    if (claims) {
      if (!profile || String(profile.id) !== claims.sub)
        throw new KakaoIdTokenError(
          'subject_mismatch',
          'the id_token sub is not the /v2/user/me id',
        );
      profile.idTokenClaims = claims;
    }
    return profile;
  }

  /** passport-oauth2's `skipUserProfile`: a boolean, `() => boolean` or `(accessToken, done)`. */
  private skipsProfile(accessToken: string): boolean | Promise<boolean> {
    const skip = (this as unknown as { _skipUserProfile: SkipUserProfile })._skipUserProfile;
    if (typeof skip !== 'function') return skip === true;
    if (skip.length <= 1) return !!skip();
    return new Promise<boolean>((resolve, reject) =>
      skip(accessToken, (err: unknown, value: unknown) => (err ? reject(err) : resolve(!!value))),
    );
  }

  /** Our `/v2/user/me` directly, or an app's `userProfile` override through its callback. */
  private userProfileOf(accessToken: string): Promise<KakaoProfile | undefined> {
    if (this.userProfile === KakaoStrategy.prototype.userProfile)
      return this.fetchProfile(accessToken);
    return new Promise<KakaoProfile | undefined>((resolve, reject) =>
      this.userProfile(accessToken, (err, profile) => {
        if (!err) return resolve(profile);
        // node-oauth's `{ statusCode, data }` from `_oauth2.get` becomes Kakao's typed error.
        reject(
          isOAuth2HttpError(err)
            ? errorFromResponse(
                'GET /v2/user/me',
                { status: err.statusCode, text: err.data },
                'kapi',
              )
            : err,
        );
      }),
    );
  }

  private async fetchProfile(accessToken: string): Promise<KakaoProfile> {
    const res = await this.http.send({
      method: 'GET',
      url: this.profileURL,
      endpoint: 'GET /v2/user/me',
      headers: { authorization: `Bearer ${accessToken}` },
      idempotent: true,
    });
    if (res.status < 200 || res.status >= 300)
      throw errorFromResponse('GET /v2/user/me', res, 'kapi');
    return parseKakaoProfile(res.text);
  }

  /**
   * How a login that did not happen ends. Kakao's or the user's state (outage, rate limit,
   * bad code, bad id_token…) is a `fail` with a fixed reason, so `failureRedirect` handles it;
   * the app's misconfiguration is an `error` with the typed error, logged once with its fix;
   * anything else (the app's own code) is an `error` as in passport-oauth2.
   */
  private endWith(thrown: unknown): void {
    const err = thrown instanceof Error ? thrown : new Error(String(thrown));
    const cause = kakaoCauses.get(err) ?? err;
    if (isMisconfiguration(cause)) {
      const warning = misconfigurationWarning(cause);
      this.log.warn(warning.key, warning.line);
      return this.error(err);
    }
    if (cause instanceof KakaoError) return this.failWith(reasonForError(cause), err);
    this.error(err);
  }

  private invalidState(req: KakaoStrategyRequest, state: string | undefined): void {
    const ctx: DiagnosisContext = {
      mode: this.storeFor(req) === this.sessionStore ? 'session' : 'cookie',
      loginHost: state ? this.loginHosts.get(state) : undefined,
      cookiePrefix: this.settings.stateCookieName,
      cookiePath: this.settings.stateCookiePath,
      cipher: this.cipher,
    };
    if (state) this.loginHosts.delete(state);
    const cause = diagnoseMissingLogin(req, state, ctx);
    this.log.warn(`invalid_state:${cause}`, missingLoginWarning(cause, req, ctx));
    this.failWith('invalid_state');
  }

  /**
   * Remembers the host a login started on when it is not the callback's: the browser will not
   * send that host's cookies to the callback, which the invalid_state warning then names.
   */
  private rememberLoginHost(req: KakaoStrategyRequest, callbackURL: string, state: string): void {
    const host = requestHost(req);
    const callbackHost =
      callbackURL === this.settings.callbackURL ? this.callbackHost : new URL(callbackURL).host;
    if (!host || host === callbackHost) return;
    if (this.loginHosts.size >= MAX_LOGIN_HOSTS)
      this.loginHosts.delete(this.loginHosts.keys().next().value as string);
    this.loginHosts.set(state, host);
  }

  /** The per-request `callbackURL`, held to the constructor's rule (absolute http(s)), or the configured one. */
  private callbackFor(options: KakaoAuthenticateOptions): string {
    const url = options.callbackURL;
    if (url === undefined || url === this.settings.callbackURL) return this.settings.callbackURL;
    checkAbsolute(
      'the per-request callbackURL',
      url,
      'pass the full redirect URI registered under [Kakao Login] > [Redirect URI]',
    );
    return url;
  }

  private storeMeta(callbackURL: string): KakaoStateStoreMeta {
    const s = this.settings;
    return {
      authorizationURL: s.authorizationURL,
      tokenURL: s.tokenURL,
      clientID: s.clientID,
      callbackURL,
    };
  }

  private storeFor(req: KakaoStrategyRequest): PendingLoginStore {
    const mode = this.settings.stateStore;
    if (mode === 'session' || (mode === 'auto' && req.session)) return this.sessionStore;
    if (this.cookieStore) return this.cookieStore;
    throw new KakaoConfigError(
      'KakaoStrategy: no session to keep the login state in; add express-session before passport, or set stateSecret (32+ random characters) to keep it in a sealed cookie',
    );
  }

  private failWith(reason: KakaoFailureReason, cause?: Error): void {
    this.fail(failureInfo(reason, cause), statusForReason(reason));
  }
}

/** An object `store` is the app's; `true` or nothing means the built-in one. */
function resolveUserStore(store: KakaoStrategyOptions['store']): KakaoStateStore | undefined {
  if (!store || typeof store !== 'object') return undefined;
  // passport-oauth2 takes a verify-only store for callback routes: `store` is checked at login start.
  if (typeof store.verify !== 'function')
    throw new KakaoConfigError(
      'KakaoStrategy: store must have verify(req, state, …, callback) (and store(req, …, callback) to start logins), as passport-oauth2 state stores do',
    );
  return store;
}

/** The shared store's atomic claim (used states once across instances), if it has one. */
function claimOf(store: KakaoStrategyStoreOption['oneTimeStore']) {
  return store?.claim ? (key: string, ttlSec: number) => store.claim!(key, ttlSec) : undefined;
}

/** The query of a request, from Express's `req.query` or parsed from the URL. */
function queryOf(req: KakaoStrategyRequest): Record<string, unknown> {
  if (req.query && typeof req.query === 'object') return req.query;
  const url = req.url ?? '';
  const at = url.indexOf('?');
  return at < 0 ? {} : Object.fromEntries(new URLSearchParams(url.slice(at + 1)));
}

/** A single, reasonably sized string parameter; arrays and objects (`?code[]=`) are refused. */
function param(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_PARAM_LENGTH
    ? value
    : undefined;
}
