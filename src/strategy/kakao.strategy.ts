import type { IncomingMessage, ServerResponse } from 'node:http';
import { Strategy as OAuth2Strategy } from 'passport-oauth2';
import { KakaoConfigError } from '../errors/kakao-config.error';
import { KakaoIdTokenError } from '../errors/kakao-id-token.error';
import { KakaoResponseError } from '../errors/kakao-response.error';
import { errorFromResponse } from '../http/kakao-error.mapper';
import { KakaoHttpClient } from '../http/kakao-http.client';
import { IdTokenVerifier } from '../oidc/id-token.verifier';
import { JwksCache } from '../oidc/jwks.cache';
import type { KakaoProfile } from '../profile/kakao-profile';
import { parseKakaoProfile } from '../profile/parse-kakao-profile';
import { profileFromIdToken } from '../profile/profile-from-id-token';
import type { KakaoTokenResponse } from '../types/kakao-user.types';
import { type KakaoFailureReason, reasonForCallbackError } from './failure-reason';
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
import { pkceChallenge, randomToken } from './pkce';
import {
  joinPrompt,
  type ResolvedStrategyOptions,
  resolveStrategyOptions,
  toList,
} from './resolve-strategy-options';
import { CookieLoginStore } from './state/cookie-login.store';
import type { PendingLogin, PendingLoginStore } from './state/pending-login';
import { SessionLoginStore } from './state/session-login.store';
import { StateCipher } from './state/state-cipher';

/** The request `KakaoStrategy` works on: Express's, or any Node request (query parsed from the URL). */
export type KakaoStrategyRequest = IncomingMessage & {
  query?: Record<string, unknown>;
  session?: object;
  res?: ServerResponse;
};
/** Callback of `userProfile()`. */
export type KakaoProfileCallback = (err?: Error | null, profile?: KakaoProfile) => void;

const MAX_PARAM_LENGTH = 2048;

/**
 * Passport strategy for Kakao Login: a drop-in for passport-kakao that adds state, PKCE (S256),
 * OpenID Connect, a typed profile with exact ids and typed Kakao errors. Its HTTP to Kakao goes
 * through `KakaoHttpClient` (keep-alive, timeout, size cap), not node-oauth.
 *
 * ```ts
 * passport.use(new KakaoStrategy({ clientID, clientSecret, callbackURL }, (accessToken, refreshToken, profile, done) => …));
 * ```
 */
export class KakaoStrategy extends OAuth2Strategy {
  /** The resolved options (defaults applied). */
  readonly settings: Readonly<ResolvedStrategyOptions>;
  private readonly http: KakaoHttpClient;
  private readonly kakaoVerify: AnyKakaoVerifyFunction;
  private readonly withRequest: boolean;
  private readonly sessionStore: SessionLoginStore;
  private readonly cookieStore?: CookieLoginStore;
  private readonly idTokens?: IdTokenVerifier;
  /** `/v2/user/me` with `secure_resource` and `property_keys`, built once. */
  private readonly profileURL: string;

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
    const settings = resolveStrategyOptions(options);
    if (typeof verify !== 'function') {
      throw new KakaoConfigError(
        'KakaoStrategy: a verify callback is required: new KakaoStrategy(options, (accessToken, refreshToken, profile, done) => done(null, user))',
      );
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
      },
      // passport-oauth2 never calls this: authenticate() below runs the whole flow.
      () => undefined,
    );
    this.name = 'kakao';
    this.settings = settings;
    this.kakaoVerify = verify;
    this.withRequest = options.passReqToCallback === true;
    this.http = new KakaoHttpClient(options);
    this.sessionStore = new SessionLoginStore(settings.maxPendingLogins);
    const profileURL = new URL(settings.userProfileURL);
    if (settings.secureResource) profileURL.searchParams.set('secure_resource', 'true');
    if (settings.propertyKeys) profileURL.searchParams.set('property_keys', settings.propertyKeys);
    this.profileURL = profileURL.toString();
    if (settings.stateSecret) {
      this.cookieStore = new CookieLoginStore(new StateCipher(settings.stateSecret), {
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
  }

  /** Starts the login (redirect to Kakao) or finishes it (the callback with `code` or `error`). */
  override authenticate(req: KakaoStrategyRequest, options: KakaoAuthenticateOptions = {}): void {
    const query = queryOf(req);
    const isCallback = query.code !== undefined || query.error !== undefined;
    const flow = isCallback ? this.finishLogin(req, query, options) : this.startLogin(req, options);
    flow.catch((err: unknown) => this.error(err instanceof Error ? err : new Error(String(err))));
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

  private async startLogin(
    req: KakaoStrategyRequest,
    options: KakaoAuthenticateOptions,
  ): Promise<void> {
    const s = this.settings;
    const callbackURL =
      typeof options.callbackURL === 'string' ? options.callbackURL : s.callbackURL;
    const scope = [...(options.scope !== undefined ? toList(options.scope, 'scope') : s.scope)];
    if (s.openid && !scope.includes('openid')) scope.push('openid');
    const params = new URLSearchParams({
      client_id: s.clientID,
      redirect_uri: callbackURL,
      response_type: 'code',
    });
    if (scope.length) params.set('scope', scope.join(','));
    for (const [key, value] of Object.entries({ ...this.authorizationParams(options) }))
      params.set(key, value);
    if (s.state) {
      const login: PendingLogin = {
        state: randomToken(),
        expiresAt: Date.now() + s.stateTtlSeconds * 1000,
      };
      if (s.pkce) login.verifier = randomToken();
      if (s.openid) login.nonce = randomToken();
      if (options.state !== undefined && typeof options.state !== 'boolean')
        login.appState = options.state;
      if (callbackURL !== s.callbackURL) login.redirectURI = callbackURL;
      await this.storeFor(req).put(req, login);
      params.set('state', login.state);
      if (login.nonce) params.set('nonce', login.nonce);
      if (login.verifier) {
        params.set('code_challenge', pkceChallenge(login.verifier));
        params.set('code_challenge_method', 'S256');
      }
    }
    const separator = s.authorizationURL.includes('?') ? '&' : '?';
    this.redirect(`${s.authorizationURL}${separator}${params.toString()}`);
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
      if (s.state && state) await this.storeFor(req).take(req, state);
      return this.failWith(reasonForCallbackError(query.error), 401);
    }
    const code = param(query.code);
    if (!code) return this.failWith('invalid_request', 400);
    let login: PendingLogin | undefined;
    if (s.state) {
      login = state ? await this.storeFor(req).take(req, state) : undefined;
      if (!login) return this.failWith('invalid_state', 403);
    }
    const tokens = await this.exchangeCode(code, login, options);
    let profile: KakaoProfile;
    if (s.openid) {
      const { claims, payloadText } = await this.idTokens!.verify(tokens.id_token ?? '', {
        issuer: s.issuer,
        audiences: s.audiences,
        nonce: login?.nonce,
        clockToleranceSec: s.clockToleranceSeconds,
      });
      if (s.profileFrom === 'id_token') {
        profile = profileFromIdToken(claims, payloadText);
      } else {
        profile = await this.fetchProfile(tokens.access_token);
        if (profile.id !== claims.sub)
          throw new KakaoIdTokenError(
            'subject_mismatch',
            'the id_token sub is not the /v2/user/me id',
          );
        profile.idTokenClaims = claims;
      }
    } else {
      profile = await this.fetchProfile(tokens.access_token);
    }
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

  private async exchangeCode(
    code: string,
    login: PendingLogin | undefined,
    options: KakaoAuthenticateOptions,
  ): Promise<KakaoTokenResponse> {
    const s = this.settings;
    const tokens = await this.http.json<KakaoTokenResponse>(
      {
        method: 'POST',
        url: s.tokenURL,
        endpoint: 'POST /oauth/token',
        form: {
          ...this.tokenParams(options),
          grant_type: 'authorization_code',
          client_id: s.clientID,
          redirect_uri: login?.redirectURI ?? s.callbackURL,
          code,
          client_secret: s.clientSecret,
          code_verifier: login?.verifier,
        },
      },
      'kauth',
    );
    if (typeof tokens.access_token !== 'string' || !tokens.access_token) {
      throw new KakaoResponseError(
        'POST /oauth/token',
        'unexpected',
        'the token response has no access_token',
      );
    }
    return tokens;
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

  private storeFor(req: KakaoStrategyRequest): PendingLoginStore {
    const mode = this.settings.stateStore;
    if (mode === 'session' || (mode === 'auto' && req.session)) return this.sessionStore;
    if (this.cookieStore) return this.cookieStore;
    throw new KakaoConfigError(
      'KakaoStrategy: no session to keep the login state in; add express-session before passport, or set stateSecret (32+ random characters) to keep it in a sealed cookie',
    );
  }

  private failWith(reason: KakaoFailureReason, status: number): void {
    this.fail({ message: reason, reason }, status);
  }
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
