import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { KakaoProfile } from '../profile/kakao-profile';
import { KakaoTokenLoginError } from '../token-login/kakao-token-login.error';
import { toTokenLoginError } from '../token-login/token-login-error.mapper';
import { redactSecrets } from '../util/redact-secrets';
import { KAKAO_AUTH_RESOLVED_OPTIONS } from './kakao-auth.internal-constants';
import type { KakaoAppUser, KakaoLoginTokens } from './kakao-auth.options';
import { logInToSession } from './kakao-session';
import type { ResolvedKakaoAuthOptions } from './resolve-module-options';

/** The Kakao side of a login finished by `POST token` or `POST exchange`. */
export interface KakaoJsonLogin {
  profile: KakaoProfile;
  tokens: KakaoLoginTokens;
  /** Where a redirect login would have gone (`onLogin`'s `redirectTo`). */
  redirectTo: string;
}

/**
 * How `POST token` and `POST exchange` answer: JSON only, `Cache-Control: no-store`; a session
 * login (new session id) or `onLogin`'s result; refusals as `{ error: <reason> }` with the
 * reason's status and, for 503s, `Retry-After`.
 */
@Injectable()
export class KakaoLoginResponder {
  private readonly logger = new Logger('KakaoAuthModule');

  constructor(
    @Inject(KAKAO_AUTH_RESOLVED_OPTIONS) private readonly options: ResolvedKakaoAuthOptions,
  ) {}

  /**
   * Login-CSRF guard of the JSON routes: only `Content-Type: application/json` or an
   * `Authorization: Bearer` header, both of which a cross-site form cannot send (a cross-origin
   * fetch with them needs a CORS preflight the app must allow). Answers 415 otherwise.
   */
  acceptsOnlyJson(req: Request, res: Response, allowBearer: boolean): boolean {
    res.setHeader('cache-control', 'no-store');
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type === 'application/json') return true;
    if (allowBearer && /^Bearer\s/i.test(req.headers.authorization ?? '')) return true;
    res.status(415).json({
      error: 'invalid_request',
      message: allowBearer
        ? 'send the tokens as JSON (Content-Type: application/json) or the access token in Authorization: Bearer'
        : 'send the code as JSON (Content-Type: application/json)',
    });
    return false;
  }

  /** Logs `user` in to the session, or answers with what `onLogin` returns (session-less mode). */
  async logIn(
    req: Request,
    res: Response,
    user: KakaoAppUser,
    login: KakaoJsonLogin,
    via: 'token' | 'exchange',
  ): Promise<void> {
    if (this.options.session) {
      await logInToSession(req, user, { userId: login.profile.id, tokens: login.tokens });
      res.status(200).json({ loggedIn: true });
      return;
    }
    const result = await this.options.raw.onLogin!(user, { req, res, ...login, via });
    if (res.headersSent || res.writableEnded) return;
    res.status(200).json(result === undefined ? { loggedIn: true } : result);
  }

  /** Answers a refusal (or an unexpected error, as 500 `server_error`). */
  refuse(res: Response, err: unknown): void {
    const error = toTokenLoginError(err);
    if (res.headersSent) {
      if (!res.writableEnded) res.end();
      return;
    }
    res.setHeader('cache-control', 'no-store');
    if (!(error instanceof KakaoTokenLoginError)) {
      this.warn('token login failed', error);
      res.status(500).json({ error: 'server_error' });
      return;
    }
    if (error.status >= 500) this.warn('token login failed at Kakao', error);
    if (error.retryAfterSec !== undefined)
      res.setHeader('retry-after', String(error.retryAfterSec));
    res.status(error.status).json({
      error: error.reason,
      ...(error.retryAfterSec !== undefined ? { retryAfter: error.retryAfterSec } : {}),
    });
  }

  private warn(what: string, err: unknown): void {
    // Core errors carry no tokens; app errors are reduced to name and message.
    const detail = err instanceof Error ? `${err.name}: ${err.message}` : 'non-Error thrown';
    this.logger.warn(`${what}: ${redactSecrets(detail)}`);
  }
}
