import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  KAKAO_AUTH_RESOLVED_OPTIONS,
  KAKAO_AUTH_ROUTE_PREFIX,
} from './kakao-auth.internal-constants';
import { currentUser } from './kakao-session';
import type { ResolvedKakaoAuthOptions } from './resolve-module-options';

/**
 * Lets logged-in users through (`req.user`, or the user the module keeps in the session) and sets
 * `req.user`; others get 401, or with `redirectToLogin` a GET is redirected to the login route
 * with `returnTo`.
 */
@Injectable()
export class KakaoAuthenticatedGuard implements CanActivate {
  /** Nest injects it (the module's own providers); not part of the public API. @internal */
  constructor(
    @Inject(KAKAO_AUTH_RESOLVED_OPTIONS) private readonly options: ResolvedKakaoAuthOptions,
    @Inject(KAKAO_AUTH_ROUTE_PREFIX) private readonly prefix: string | false,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request & { user?: unknown }>();
    const user = currentUser(req);
    if (user) {
      req.user = user;
      return true;
    }
    if (this.options.raw.redirectToLogin && this.prefix !== false && req.method === 'GET') {
      const res = http.getResponse<Response>();
      const returnTo = encodeURIComponent(req.originalUrl ?? req.url);
      res.setHeader('cache-control', 'no-store');
      res.redirect(302, `${this.loginPath()}?returnTo=${returnTo}`);
      return new Promise<boolean>(() => undefined);
    }
    throw new UnauthorizedException();
  }

  /** The login route, under a global prefix too when the callbackURL shows one. */
  private loginPath(): string {
    const callbackPath = new URL(this.options.strategy.callbackURL).pathname;
    const suffix = `/${this.prefix}/callback`;
    return callbackPath.endsWith(suffix)
      ? `${callbackPath.slice(0, -'callback'.length)}login`
      : `/${this.prefix}/login`;
  }
}
