import { KAKAO_PROMPTS } from '../strategy/resolve-strategy-options';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import passport, { type AuthenticateOptions } from 'passport';
import {
  failureCause,
  isMisconfiguration,
  KAKAO_FAILURE_REASONS,
  type KakaoFailureReason,
  reasonForError,
} from '../strategy/failure-reason';
import type { KakaoAuthenticateOptions, KakaoPrompt } from '../strategy/kakao-strategy.options';
import type { KakaoLoginRouteOptions } from './kakao-auth.decorators';
import { KAKAO_AUTH_RESOLVED_OPTIONS } from './kakao-auth.internal-constants';
import type { KakaoAppUser } from './kakao-auth.options';
import { registerKakaoSerializer } from './kakao-auth.serializer';
import { logInToSession } from './kakao-session';
import { KakaoSpaHandoff } from './kakao-spa-handoff';
import { describeError } from './describe-error';
import { loginResultOf } from './kakao-login.result';
import { KakaoNestStrategy } from './kakao.nest-strategy';
import type { ResolvedKakaoAuthOptions } from './resolve-module-options';
import { safeReturnTo } from '../strategy/return-to';
import { appStateFits } from '../strategy/state/cookie-login.store';

const MAX_HINT_LENGTH = 256;

interface AppState {
  returnTo?: string;
}

type AuthenticateCallback = (err: unknown, user: unknown, info: unknown) => void;

/**
 * The Kakao login flow as Nest needs it, shared by the module's controller and `KakaoAuthGuard`:
 * start (redirect to Kakao with a checked `returnTo`, `prompt`, `login_hint`, `scope`) and finish
 * (Passport runs `KakaoStrategy`; then session login with a new session id, or `onLogin`, and a
 * redirect). Every failure becomes `failureRedirect?error=<reason>`; nothing here answers 500.
 *
 * @internal
 */
@Injectable()
export class KakaoAuthFlow {
  private readonly logger = new Logger('KakaoAuthModule');

  constructor(
    @Inject(KAKAO_AUTH_RESOLVED_OPTIONS) private readonly options: ResolvedKakaoAuthOptions,
    private readonly strategy: KakaoNestStrategy,
    private readonly handoff: KakaoSpaHandoff,
  ) {
    // Registered by forRoot() already; this covers a module set up some other way.
    registerKakaoSerializer(passport);
  }

  /** Starts or finishes the login, depending on whether Kakao's `code` / `error` is in the query. */
  run(req: Request, res: Response, routeOptions: KakaoLoginRouteOptions = {}): Promise<void> {
    const query = req.query ?? {};
    return query.code !== undefined || query.error !== undefined
      ? this.finish(req, res)
      : this.start(req, res, routeOptions);
  }

  /** `GET login`: a 302 to Kakao's authorize page. */
  async start(
    req: Request,
    res: Response,
    routeOptions: KakaoLoginRouteOptions = {},
  ): Promise<void> {
    const query = req.query ?? {};
    // Kakao's callback parameters on the login route would make the strategy finish a login
    // here (exchange a code, consume a pending state) outside the callback route: refuse them.
    if (query.code !== undefined || query.error !== undefined)
      return this.fail(res, 'invalid_request');
    const returnTo = safeReturnTo(query.returnTo, this.options.allowedOrigins);
    const authenticate: KakaoAuthenticateOptions = { ...routeOptions, session: false };
    if (returnTo) authenticate.state = { returnTo } satisfies AppState;
    // Session-less: the returnTo rides in the state cookie, whose size is bounded (cookie bombs).
    if (!this.options.session && !appStateFits(authenticate.state))
      return this.fail(res, 'invalid_request');
    if (query.prompt !== undefined) {
      const prompts = typeof query.prompt === 'string' ? query.prompt.split(',') : [];
      if (
        !prompts.length ||
        !prompts.every((p) => (KAKAO_PROMPTS as readonly string[]).includes(p))
      )
        return this.fail(res, 'invalid_request');
      authenticate.prompt = prompts as KakaoPrompt[];
    }
    if (query.login_hint !== undefined) {
      if (typeof query.login_hint !== 'string' || query.login_hint.length > MAX_HINT_LENGTH)
        return this.fail(res, 'invalid_request');
      authenticate.loginHint = query.login_hint;
    }
    if (query.scope !== undefined) {
      const scopes = typeof query.scope === 'string' ? query.scope.split(/[,\s]+/) : [];
      if (!scopes.length || !scopes.every((s) => this.options.allowedScopes.has(s)))
        return this.fail(res, 'invalid_request');
      authenticate.scope = scopes;
    }
    this.handoff.bind(req, res);
    return this.authenticate(req, res, authenticate, (err) => {
      if (!isMisconfiguration(err)) this.logError('could not start the Kakao login', err);
      this.fail(res, reasonForError(err));
    });
  }

  /** `GET callback`: code exchange, user mapping, login, 302 to `returnTo` or `successRedirect`. */
  finish(req: Request, res: Response): Promise<void> {
    return this.authenticate(req, res, { session: false }, (err, user, info) => {
      if (err) {
        // The strategy already logged a misconfiguration once, with its fix.
        if (!isMisconfiguration(err)) this.logError('Kakao login failed', err, req);
        return this.fail(res, reasonForError(err));
      }
      if (!user || typeof user !== 'object') {
        // Kakao's side (outage, bad code, bad id_token…): logged for the operator, reason to the user.
        const cause = failureCause(info);
        if (cause) this.logError('Kakao login failed', cause, req);
        return this.fail(res, failureReason(info));
      }
      const state = (info as { state?: AppState } | undefined)?.state;
      const redirectTo =
        safeReturnTo(state?.returnTo, this.options.allowedOrigins) ?? this.options.successRedirect;
      this.complete(req, res, user, redirectTo).catch((error: unknown) => {
        this.logError('could not complete the Kakao login', error, req);
        this.fail(res, 'server_error');
      });
    });
  }

  private async complete(
    req: Request,
    res: Response,
    user: KakaoAppUser,
    redirectTo: string,
  ): Promise<void> {
    const result = loginResultOf(req);
    if (!result) throw new Error('the Kakao login result is missing');
    if (this.handoff.enabled) {
      const target = await this.handoff.handOff(req, { user, ...result, redirectTo });
      if (!target) return this.fail(res, 'invalid_state');
      return res.redirect(302, target);
    }
    if (this.options.session) {
      await logInToSession(req, user, { userId: result.profile.id, tokens: result.tokens });
    } else {
      await this.options.raw.onLogin!(user, { req, res, ...result, redirectTo, via: 'callback' });
      if (res.headersSent || res.writableEnded) return;
    }
    res.redirect(302, redirectTo);
  }

  /** Runs passport.authenticate with a custom callback; resolves once the response is sent. */
  private authenticate(
    req: Request,
    res: Response,
    options: KakaoAuthenticateOptions,
    callback: AuthenticateCallback,
  ): Promise<void> {
    return new Promise<void>((resolve) => {
      res.once('finish', resolve);
      res.once('close', resolve);
      const guarded: AuthenticateCallback = (err, user, info) => {
        try {
          callback(err, user, info);
        } catch (error) {
          this.logError('the Kakao login callback threw', error, req);
          this.fail(res, 'server_error');
        }
      };
      const next = (err?: unknown) =>
        guarded(err ?? new Error('unexpected next()'), false, undefined);
      try {
        // This module's strategy, not whichever is registered as 'kakao'. Passport sets
        // success/fail/redirect/error on the object it is given: given the shared instance,
        // concurrent logins would answer each other's requests (and log in the wrong user), so
        // each request gets its own object on top of it, as Passport does for a strategy name.
        // Kakao's per-request options (state as app data, prompt, scope) go beyond @types/passport's.
        const perRequest = Object.create(this.strategy) as KakaoNestStrategy;
        passport.authenticate(perRequest, options as AuthenticateOptions, guarded)(req, res, next);
      } catch (error) {
        guarded(error, false, undefined);
      }
    });
  }

  private fail(res: Response, reason: KakaoFailureReason): void {
    if (res.headersSent) {
      if (!res.writableEnded) res.end();
      return;
    }
    const target = this.options.failureRedirect;
    const separator = target.includes('?') ? '&' : '?';
    res.setHeader('cache-control', 'no-store');
    res.redirect(302, `${target}${separator}error=${reason}`);
  }

  private logError(what: string, err: unknown, req?: Request): void {
    // Core errors carry no secrets, tokens or codes; app hook errors might, so they are blanked.
    const tokens = req ? loginResultOf(req)?.tokens : undefined;
    const detail = describeError(err, this.options, [
      tokens?.accessToken,
      tokens?.refreshToken,
      tokens?.idToken,
    ]);
    this.logger.warn(`${what}: ${detail}`);
  }
}

function failureReason(info: unknown): KakaoFailureReason {
  const reason = (Array.isArray(info) ? info[0] : info) as { reason?: unknown } | undefined;
  return KAKAO_FAILURE_REASONS.includes(reason?.reason as KakaoFailureReason)
    ? (reason!.reason as KakaoFailureReason)
    : 'kakao_error';
}
