import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { KakaoLoginRouteOptions } from './kakao-auth.decorators';
import { KakaoAuthFlow } from './kakao-auth.flow';
import { KAKAO_AUTHENTICATE_OPTIONS } from './kakao-auth.internal-constants';

/**
 * Starts or finishes the Kakao login on any route, doing explicitly what @nestjs/passport's
 * `AuthGuard` does not: without `code` it redirects to Kakao; on the callback it logs the user in
 * (new session id), redirects to `returnTo` / `successRedirect`, and turns every failure into
 * `failureRedirect?error=<reason>`. The guard always answers the request itself, so the route
 * handler never runs. Per-route options: `@KakaoLoginOptions({ prompt, scope })` or a subclass
 * overriding `getLoginOptions`.
 */
@Injectable()
export class KakaoAuthGuard implements CanActivate {
  /** Nest injects it (the module's own providers); not part of the public API. @internal */
  constructor(
    private readonly flow: KakaoAuthFlow,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    await this.flow.run(
      http.getRequest<Request>(),
      http.getResponse<Response>(),
      this.getLoginOptions(context),
    );
    // The response is sent: like AuthGuard on a redirect, never let the handler run.
    return new Promise<boolean>(() => undefined);
  }

  /** The Kakao login options of this route; override to compute them per request. */
  protected getLoginOptions(context: ExecutionContext): KakaoLoginRouteOptions {
    return (
      this.reflector.getAllAndOverride<KakaoLoginRouteOptions | undefined>(
        KAKAO_AUTHENTICATE_OPTIONS,
        [context.getHandler(), context.getClass()],
      ) ?? {}
    );
  }
}
