import { type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { KAKAO_AUTH_ROUTE } from './kakao-auth.constants';

/** Marks a controller or handler as a route of `KakaoAuthModule` (the module's own controller has it). */
export const KakaoAuthRoute = (): ClassDecorator & MethodDecorator =>
  SetMetadata(KAKAO_AUTH_ROUTE, true);

/**
 * True when the route being handled belongs to `KakaoAuthModule`, so a global deny-all guard can
 * let the login, callback and unlink webhook through:
 *
 * ```ts
 * canActivate(context) { return isKakaoAuthRoute(context, this.reflector) || isLoggedIn(context); }
 * ```
 */
export function isKakaoAuthRoute(context: ExecutionContext, reflector: Reflector): boolean {
  return (
    reflector.getAllAndOverride<boolean | undefined>(KAKAO_AUTH_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]) === true
  );
}
