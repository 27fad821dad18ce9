/** docs/nest.md snippet "A global deny-all guard" (type-checked by test/package/readme-snippets.e2e-spec.ts). */
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isKakaoAuthRoute } from 'nestjs-kakao-auth';

// #region readme
@Injectable()
export class AuthRequiredGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (isKakaoAuthRoute(context, this.reflector)) return true;
    return Boolean(context.switchToHttp().getRequest().user);
  }
}
// app.module.ts: providers: [{ provide: APP_GUARD, useClass: AuthRequiredGuard }]
// #endregion
