import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { currentUser, kakaoTokensOf } from './kakao-session';

/**
 * Injects the logged-in user (`KakaoSessionUser` by default, or what `validateUser` returned), or
 * one of its properties: `@KakaoUser() user`, `@KakaoUser('id') id`. `undefined` when nobody is
 * logged in; guard the route with `KakaoAuthenticatedGuard`.
 */
export const KakaoUser = createParamDecorator(
  (property: string | undefined, context: ExecutionContext): unknown => {
    const user = currentUser(context.switchToHttp().getRequest<Request>());
    if (!property) return user;
    return user && typeof user === 'object'
      ? (user as Record<string, unknown>)[property]
      : undefined;
  },
);

/**
 * Injects Kakao's tokens of the session's login (`KakaoLoginTokens`), or `undefined`. They are
 * kept out of the user object so that returning the user as JSON cannot leak them.
 */
export const KakaoTokens = createParamDecorator(
  (_data: unknown, context: ExecutionContext): unknown =>
    kakaoTokensOf(context.switchToHttp().getRequest<Request>()),
);
