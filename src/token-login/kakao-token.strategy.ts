import { invokeVerify } from '../strategy/invoke-verify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KakaoConfigError } from '../errors/kakao-config.error';
import type { KakaoVerifyCallback } from '../strategy/kakao-verify.types';
import { KakaoLoginNonces } from './kakao-login-nonces';
import { KakaoTokenLoginError } from './kakao-token-login.error';
import type {
  AnyKakaoTokenVerifyFunction,
  KakaoTokenVerifyFunction,
  KakaoTokenVerifyFunctionWithParams,
  KakaoTokenVerifyFunctionWithRequest,
  KakaoTokenVerifyFunctionWithRequestAndParams,
} from './kakao-token-verify.types';
import { KakaoTokenVerifier, type KakaoTokenVerifierOptions } from './kakao-token.verifier';
import { toTokenLoginError } from './token-login-error.mapper';
import { readTokenLoginInput } from './token-login.input';
import { type KakaoTokenLoginResult, verifyTokenLogin } from './verify-token-login';

/** The request `KakaoTokenStrategy` reads tokens from (body or Authorization header). */
export type KakaoTokenStrategyRequest = IncomingMessage & { body?: unknown; res?: ServerResponse };

/** Options of `KakaoTokenStrategy`. */
export interface KakaoTokenStrategyOptions extends KakaoTokenVerifierOptions {
  /** The App ID ([App] > [General]): access tokens issued to any other app are refused. */
  appId: string;
  /** Issues and redeems id_token nonces (default: one with an in-memory store, as `strategy.nonces`). */
  nonces?: KakaoLoginNonces;
  /** id_tokens must carry a nonce from `nonces` (default true). Turn off only for SDKs that cannot pass a nonce. */
  requireNonce?: boolean;
  /** Pass `req` as the first argument of the verify callback. */
  passReqToCallback?: boolean;
}

/** The failure `info` of the `kakao-token` strategy. */
export interface KakaoTokenFailureInfo {
  message: string;
  reason: KakaoTokenLoginError['reason'];
  /** For 503s: seconds to wait before retrying (also sent as `Retry-After`). */
  retryAfterSec?: number;
}

/**
 * Passport strategy `kakao-token`: logs in a user whose Kakao access token or id_token a native
 * app or the Kakao JS SDK obtained. Tokens come from the parsed body (`access_token`,
 * `id_token`, `nonce`) or `Authorization: Bearer`, never from the query string. An access token
 * must belong to `appId`; an id_token must pass `KakaoTokenVerifier.verifyIdToken` and carry a
 * nonce issued by `nonces`. Refusals are Passport failures with a fixed `reason` and status 401
 * (400 for a malformed request), or 503 with `Retry-After` when Kakao is temporarily unavailable.
 *
 * ```ts
 * const kakaoToken = new KakaoTokenStrategy({ clientID, appId, audiences: [nativeAppKey] },
 *   (accessToken, _refreshToken, profile, done) => users.findOrCreate(profile).then((u) => done(null, u), done));
 * passport.use(kakaoToken);
 * app.get('/auth/kakao/nonce', (req, res, next) => kakaoToken.nonces.issue(req, res).then((n) => res.json(n), next));
 * app.post('/auth/kakao/token', express.json(), passport.authenticate('kakao-token', { session: false }), …);
 * ```
 */
export class KakaoTokenStrategy {
  /** The Passport strategy name. */
  readonly name = 'kakao-token';
  /** The verifier the strategy checks tokens with. */
  readonly verifier: KakaoTokenVerifier;
  /** Issue nonces from your `GET …/nonce` route with `nonces.issue(req, res)`. */
  readonly nonces: KakaoLoginNonces;
  private readonly requireNonce: boolean;
  private readonly kakaoVerify: AnyKakaoTokenVerifyFunction;
  private readonly withRequest: boolean;

  // Set by Passport on the per-request object it derives from this strategy.
  declare success: (user: unknown, info?: object) => void;
  declare fail: (challenge?: object, status?: number) => void;
  declare error: (err: Error) => void;

  constructor(
    options: KakaoTokenStrategyOptions & { passReqToCallback?: false },
    verify: KakaoTokenVerifyFunction,
  );
  constructor(
    options: KakaoTokenStrategyOptions & { passReqToCallback?: false },
    verify: KakaoTokenVerifyFunctionWithParams,
  );
  constructor(
    options: KakaoTokenStrategyOptions & { passReqToCallback: true },
    verify: KakaoTokenVerifyFunctionWithRequest,
  );
  constructor(
    options: KakaoTokenStrategyOptions & { passReqToCallback: true },
    verify: KakaoTokenVerifyFunctionWithRequestAndParams,
  );
  constructor(options: KakaoTokenStrategyOptions, verify: AnyKakaoTokenVerifyFunction) {
    if (!options || typeof options !== 'object' || !options.appId) {
      throw new KakaoConfigError(
        'KakaoTokenStrategy: appId is required (a token issued to another Kakao app must not log in): new KakaoTokenStrategy({ clientID, appId, audiences: [nativeAppKey, javascriptKey] }, verify); the App ID is under [App] > [General]',
      );
    }
    if (typeof verify !== 'function') {
      throw new KakaoConfigError(
        'KakaoTokenStrategy: a verify callback is required: new KakaoTokenStrategy(options, (accessToken, refreshToken, profile, done) => done(null, user))',
      );
    }
    this.verifier = new KakaoTokenVerifier(options);
    this.nonces = options.nonces ?? new KakaoLoginNonces();
    this.requireNonce = options.requireNonce !== false;
    this.kakaoVerify = verify;
    this.withRequest = options.passReqToCallback === true;
  }

  /** Verifies the request's token and calls the verify callback; Passport calls this. */
  authenticate(req: KakaoTokenStrategyRequest, _options?: object): void {
    req.res?.setHeader('cache-control', 'no-store');
    this.verify(req).then(
      (result) => this.callVerify(req, result),
      (err: unknown) => {
        const error = toTokenLoginError(err);
        if (error instanceof KakaoTokenLoginError) return this.refuse(req, error);
        this.error(error);
      },
    );
  }

  private async verify(req: KakaoTokenStrategyRequest): Promise<KakaoTokenLoginResult> {
    return verifyTokenLogin(this.verifier, readTokenLoginInput(req), {
      requireNonce: this.requireNonce,
      redeemNonce: (nonce) => this.nonces.redeem(req, nonce),
    });
  }

  private callVerify(req: KakaoTokenStrategyRequest, result: KakaoTokenLoginResult): void {
    const done: KakaoVerifyCallback = (err, user, info) => {
      if (err) return this.error(err);
      if (!user) return this.refuse(req, new KakaoTokenLoginError('user_rejected'), info);
      this.success(user, info);
    };
    invokeVerify(
      this.kakaoVerify,
      {
        req: this.withRequest ? req : undefined,
        accessToken: result.accessToken,
        refreshToken: undefined,
        params: result.params,
        profile: result.profile,
        done,
      },
      (err) => this.error(err),
    );
  }

  private refuse(req: KakaoTokenStrategyRequest, err: KakaoTokenLoginError, extra?: object): void {
    if (err.retryAfterSec !== undefined)
      req.res?.setHeader('retry-after', String(err.retryAfterSec));
    const info: KakaoTokenFailureInfo = { message: err.reason, reason: err.reason };
    if (err.retryAfterSec !== undefined) info.retryAfterSec = err.retryAfterSec;
    this.fail({ ...extra, ...info }, err.status);
  }
}
