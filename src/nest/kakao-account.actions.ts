import { describeError } from './describe-error';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { KakaoApiError } from '../errors/kakao-api.error';
import { KakaoApiService } from './kakao-api.service';
import { KAKAO_AUTH_RESOLVED_OPTIONS } from './kakao-auth.internal-constants';
import { endSession, sessionLogin } from './kakao-session';
import type { ResolvedKakaoAuthOptions } from './resolve-module-options';
import { isSameOriginRequest } from './same-origin';

/** Kakao's "this access token does not exist" (expired, or already logged out). */
const TOKEN_GONE = -401;

/** `POST logout` and `POST unlink`: cross-site requests are refused before anything happens. */
@Injectable()
export class KakaoAccountActions {
  private readonly logger = new Logger('KakaoAuthModule');

  constructor(
    @Inject(KAKAO_AUTH_RESOLVED_OPTIONS) private readonly options: ResolvedKakaoAuthOptions,
    private readonly api: KakaoApiService,
  ) {}

  /** Kakao token logout (an expired token counts as done), `onLogout`, local session end. */
  async logout(req: Request, res: Response): Promise<void> {
    if (!this.refuseCrossSite(req, res)) return;
    const login = sessionLogin(req);
    if (login && this.options.logoutAtKakao) {
      try {
        await this.api.logout(login.tokens.accessToken);
      } catch (err) {
        if (!(err instanceof KakaoApiError && err.code === TOKEN_GONE))
          this.warn('Kakao token logout failed; the local session ends anyway', err);
      }
    }
    await this.runHook('onLogout', () =>
      this.options.raw.onLogout?.({ userId: login?.userId, req }),
    );
    await endSession(req);
    const accountLogout =
      this.options.accountLogoutRedirectURI &&
      (!this.options.accountLogoutOnRequest || asksForAccountLogout(req))
        ? this.api.accountLogoutURL({ logoutRedirectURI: this.options.accountLogoutRedirectURI })
        : undefined;
    noStore(res);
    if (wantsHtml(req)) return res.redirect(302, accountLogout ?? this.options.logoutRedirect);
    res
      .status(200)
      .json({ loggedOut: true, ...(accountLogout ? { redirectTo: accountLogout } : {}) });
  }

  /** Kakao unlink (by token, else by admin key), `onUnlink`, local session end. */
  async unlink(req: Request, res: Response): Promise<void> {
    if (!this.refuseCrossSite(req, res)) return;
    const login = sessionLogin(req);
    noStore(res);
    if (!login) {
      res.status(401).json({ error: 'not_logged_in' });
      return;
    }
    try {
      await this.unlinkAtKakao(login.userId, login.tokens.accessToken);
    } catch (err) {
      this.warn('Kakao unlink failed; the session is kept so that the user can retry', err);
      res.status(502).json({ error: 'kakao_error' });
      return;
    }
    // Kakao sends no webhook when the app itself unlinks, so the hook runs here.
    await this.runHook('onUnlink', () =>
      this.options.raw.onUnlink?.({
        userId: login.userId,
        referrerType: 'UNLINK_FROM_SERVICE',
        appId: this.options.raw.appId,
      }),
    );
    await endSession(req);
    if (wantsHtml(req)) return res.redirect(302, this.options.unlinkRedirect);
    res.status(200).json({ unlinked: true });
  }

  private async unlinkAtKakao(userId: string, accessToken: string): Promise<void> {
    try {
      await this.api.unlink(accessToken);
    } catch (err) {
      if (!(err instanceof KakaoApiError && err.code === TOKEN_GONE && this.options.raw.adminKey))
        throw err;
      await this.api.unlinkUser(userId);
    }
  }

  /** False (and a 403 sent) for a cross-site request. */
  private refuseCrossSite(req: Request, res: Response): boolean {
    if (isSameOriginRequest(req.headers, this.options.allowedOrigins)) return true;
    noStore(res);
    res.status(403).json({ error: 'cross_site_request' });
    return false;
  }

  private async runHook(name: string, hook: () => unknown): Promise<void> {
    try {
      await hook();
    } catch (err) {
      this.warn(`${name} threw`, err);
    }
  }

  private warn(what: string, err: unknown): void {
    this.logger.warn(`${what}: ${describeError(err, this.options)}`);
  }
}

function noStore(res: Response): void {
  res.setHeader('cache-control', 'no-store');
}

/** `kakaoAccount=true` in the form or JSON body, or in the query. */
function asksForAccountLogout(req: Request): boolean {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const value = body.kakaoAccount ?? req.query?.kakaoAccount;
  return value === true || value === 'true' || value === '1';
}

/** A form POST (navigation) wants a redirect; fetch / XHR callers get JSON. */
function wantsHtml(req: Request): boolean {
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html');
}
