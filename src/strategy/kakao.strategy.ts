import type { OAuth2 } from 'oauth';
import { Strategy as OAuth2Strategy } from 'passport-oauth2';
import { KakaoConfigError } from '../errors/kakao-config.error';
import { KakaoError } from '../errors/kakao.error';
import { errorFromResponse } from '../http/kakao-error.mapper';
import { KakaoHttpClient } from '../http/kakao-http.client';
import { bindIdToken, LoginIdTokenCheck, profileOfIdToken } from '../oidc/login-id-token.check';
import type { VerifiedIdToken } from '../oidc/id-token.verifier';
import type { KakaoProfile } from '../profile/kakao-profile';
import type { KakaoTokenResponse } from '../types/kakao-user.types';
import { emulatorMixWarning } from './emulator-mix.check';
import {
  AuthorizeURL,
  FixedAuthorizeURL,
  MARK_CHALLENGE,
  MARK_NONCE,
  MARK_STATE,
} from './authorize-url';
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
import { LoginHosts } from './login-hosts';
import { LoginStateStores } from './login-state.stores';
import { KakaoOAuth2Transport } from './oauth2-transport';
import { pkceChallenge, randomToken } from './pkce';
import {
  checkAbsolute,
  joinPrompt,
  type ResolvedStrategyOptions,
  resolveStrategyOptions,
  toList,
} from './resolve-strategy-options';
import type { CheckedLogin, PendingLogin, PendingLoginStore } from './state/pending-login';
import { StrategyLog } from './strategy-log';
import {
  type KakaoProfileCallback,
  type KakaoStrategyRequest,
  param,
  queryOf,
} from './strategy-request';
import { exchangeCode, kakaoCauseOf } from './token-exchange';
import {
  KakaoProfileFetcher,
  profileFromHook,
  type SkipUserProfile,
  skipsProfile,
} from './user-profile.hooks';
import { type UserStoreActions, UserStoreFlow } from './user-store.flow';
import { withUserStore } from './user-store.settings';

export type { KakaoProfileCallback, KakaoStrategyRequest } from './strategy-request';

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
  private readonly stores: LoginStateStores;
  /** Logins whose state the app's passport-oauth2 `store` keeps. */
  private readonly userStoreFlow?: UserStoreFlow;
  private readonly idTokens?: LoginIdTokenCheck;
  private readonly log: StrategyLog;
  private readonly profiles: KakaoProfileFetcher;
  private readonly authorize: AuthorizeURL;
  private readonly loginHosts: LoginHosts;
  /** The authorize URL of a login without per-request options, when it can be built once. */
  private readonly fixedAuthorize?: FixedAuthorizeURL;

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
    const resolved = resolveStrategyOptions(options);
    if (typeof verify !== 'function') {
      throw new KakaoConfigError(
        'KakaoStrategy: a verify callback is required: new KakaoStrategy(options, (accessToken, refreshToken, profile, done) => done(null, user))',
      );
    }
    const { settings, userStore } = withUserStore(resolved, options);
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
    this.log = new StrategyLog(options.logger);
    this.http = new KakaoHttpClient(options);
    this._oauth2 = new KakaoOAuth2Transport(this.http, {
      ...settings,
      customHeaders: options.customHeaders,
    }) as unknown as OAuth2;
    this.stores = new LoginStateStores(settings, options.oneTimeStore);
    this.profiles = new KakaoProfileFetcher(this.http, settings);
    this.authorize = new AuthorizeURL(settings.authorizationURL, settings.clientID);
    this.loginHosts = new LoginHosts(settings.callbackURL);
    if (userStore)
      this.userStoreFlow = new UserStoreFlow(userStore, settings, this.authorize, this.stores);
    if (settings.openid) this.idTokens = new LoginIdTokenCheck(settings, this.http);
    this.fixedAuthorize = this.fixedAuthorizeURL();
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
    this.profiles.fetch(accessToken).then(
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
    const appState = options.state;
    // The common login takes the template: only the state, the challenge and the nonce differ.
    const template =
      callbackURL === s.callbackURL && this.usesFixedAuthorize(options)
        ? this.fixedAuthorize
        : undefined;
    const params = template ? undefined : this.authorizeParams(options, callbackURL);
    if (params && this.userStoreFlow) {
      const act = this.userStoreActions(req);
      return this.userStoreFlow.start(req, params, callbackURL, appState, act);
    }
    if (params && !s.state) {
      // As passport-oauth2 does without a store: the app's string goes to Kakao as is.
      if (typeof appState === 'string' && appState) params.state = appState;
      return this.redirect(this.authorize.build(params));
    }
    const login: PendingLogin = {
      state: randomToken(),
      expiresAt: Date.now() + s.stateTtlSeconds * 1000,
    };
    if (s.pkce) login.verifier = randomToken();
    if (s.openid) login.nonce = randomToken();
    if (appState !== undefined && typeof appState !== 'boolean') login.appState = appState;
    if (callbackURL !== s.callbackURL) login.redirectURI = callbackURL;
    const stored = this.storeFor(req).put(req, login);
    if (stored) await stored;
    this.loginHosts.remember(req, callbackURL, login.state);
    const challenge = login.verifier ? pkceChallenge(login.verifier) : '';
    if (template) return this.redirect(template.fill(login.state, challenge, login.nonce));
    const query = params!; // built above whenever there is no template
    if (challenge) {
      query.code_challenge = challenge;
      query.code_challenge_method = 'S256';
    }
    query.state = login.state;
    if (login.nonce) query.nonce = login.nonce;
    this.redirect(this.authorize.build(query));
  }

  /** The authorize parameters before state, PKCE and nonce, in passport-oauth2's order. */
  private authorizeParams(
    options: KakaoAuthenticateOptions,
    callbackURL: string,
  ): Record<string, unknown> {
    const s = this.settings;
    // passport-oauth2's order: the hook's parameters, then the protocol's, which win.
    const params: Record<string, unknown> = { ...this.authorizationParams(options) };
    params.response_type = 'code';
    params.redirect_uri = callbackURL;
    const scope = options.scope !== undefined ? toList(options.scope, 'scope') : s.scope;
    if (s.openid && !scope.includes('openid')) {
      params.scope = [...scope, 'openid'].join(',');
    } else if (scope.length) params.scope = scope.join(',');
    return params;
  }

  /**
   * True when the login's authorize URL is the template's: no per-request parameters, and our
   * hook still in place (apps also assign `strategy.authorizationParams = …` after construction).
   */
  private usesFixedAuthorize(options: KakaoAuthenticateOptions): boolean {
    return (
      options.scope === undefined &&
      options.prompt === undefined &&
      options.loginHint === undefined &&
      options.serviceTerms === undefined &&
      this.authorizationParams === KakaoStrategy.prototype.authorizationParams
    );
  }

  /** The authorize URL of a login without per-request options, built once around markers. */
  private fixedAuthorizeURL(): FixedAuthorizeURL | undefined {
    const s = this.settings;
    if (!s.state || this.userStoreFlow) return undefined;
    if (this.authorizationParams !== KakaoStrategy.prototype.authorizationParams) return undefined;
    const params = this.authorizeParams({}, s.callbackURL);
    if (s.pkce) {
      params.code_challenge = MARK_CHALLENGE;
      params.code_challenge_method = 'S256';
    }
    params.state = MARK_STATE;
    if (s.openid) params.nonce = MARK_NONCE;
    return FixedAuthorizeURL.of(this.authorize.build(params));
  }

  /** Passport's actions of this request's strategy object, for the app's state store. */
  private userStoreActions(req: KakaoStrategyRequest, state?: string): UserStoreActions {
    return {
      redirect: (url) => this.redirect(url),
      error: (err) => this.error(err),
      refuseState: (diagnose) =>
        diagnose ? this.invalidState(req, state) : this.failWith('invalid_state'),
      end: (thrown) => this.endWith(thrown),
    };
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
      if (s.state && state && !this.userStoreFlow) await this.storeFor(req).take(req, state);
      return this.failWith(reasonForCallbackError(query.error));
    }
    const code = param(query.code);
    if (!code) return this.failWith('invalid_request');
    const callbackURL = this.callbackFor(options);
    let login: CheckedLogin | undefined;
    if (this.userStoreFlow) {
      const act = this.userStoreActions(req, state);
      login = await this.userStoreFlow.verify(req, state, callbackURL, act);
      if (!login) return;
    } else if (s.state) {
      let taken = state ? this.storeFor(req).take(req, state) : undefined;
      if (taken instanceof Promise) taken = await taken;
      login = taken;
      if (!login) return this.invalidState(req, state);
      this.loginHosts.take(state);
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
    const appParse =
      this.parseErrorResponse === KakaoStrategy.prototype.parseErrorResponse
        ? undefined
        : (body: string, status: number) => this.parseErrorResponse(body, status);
    return exchangeCode(this._oauth2, code, params, appParse);
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
    let idToken: VerifiedIdToken | undefined;
    if (this.idTokens) idToken = await this.idTokens.verify(tokens.id_token, nonce);
    let skip: boolean | Promise<boolean> = this.settings.profileFrom === 'id_token';
    if (!skip) skip = skipsProfile(this.skipUserProfileOption(), tokens.access_token);
    if (typeof skip !== 'boolean') skip = await skip;
    if (skip) return idToken ? profileOfIdToken(idToken) : undefined;
    const profile = await this.userProfileOf(tokens.access_token);
    return idToken ? bindIdToken(profile, idToken) : profile;
  }

  /** passport-oauth2 keeps the `skipUserProfile` option on the instance. */
  private skipUserProfileOption(): SkipUserProfile {
    return (this as unknown as { _skipUserProfile: SkipUserProfile })._skipUserProfile;
  }

  /** Our `/v2/user/me` directly, or an app's `userProfile` override through its callback. */
  private userProfileOf(accessToken: string): Promise<KakaoProfile | undefined> {
    if (this.userProfile === KakaoStrategy.prototype.userProfile)
      return this.profiles.fetch(accessToken);
    return profileFromHook((token, done) => this.userProfile(token, done), accessToken);
  }

  /**
   * How a login that did not happen ends. Kakao's or the user's state (outage, rate limit,
   * bad code, bad id_token…) is a `fail` with a fixed reason, so `failureRedirect` handles it;
   * the app's misconfiguration is an `error` with the typed error, logged once with its fix;
   * anything else (the app's own code) is an `error` as in passport-oauth2.
   */
  private endWith(thrown: unknown): void {
    const err = thrown instanceof Error ? thrown : new Error(String(thrown));
    const cause = kakaoCauseOf(err);
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
      mode: this.storeFor(req) === this.stores.session ? 'session' : 'cookie',
      loginHost: this.loginHosts.take(state),
      cookiePrefix: this.settings.stateCookieName,
      cookiePath: this.settings.stateCookiePath,
      cipher: this.stores.cipher,
    };
    const cause = diagnoseMissingLogin(req, state, ctx);
    this.log.warn(`invalid_state:${cause}`, missingLoginWarning(cause, req, ctx));
    this.failWith('invalid_state');
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

  private storeFor(req: KakaoStrategyRequest): PendingLoginStore {
    return this.stores.for(req);
  }

  private failWith(reason: KakaoFailureReason, cause?: Error): void {
    this.fail(failureInfo(reason, cause), statusForReason(reason));
  }
}
