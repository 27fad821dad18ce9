import { Inject, SetMetadata } from '@nestjs/common';
import type { KakaoAuthenticateOptions } from '../strategy/kakao-strategy.options';
import { KAKAO_AUTHENTICATE_OPTIONS } from './kakao-auth.internal-constants';
import { KAKAO_AUTH_OPTIONS } from './kakao-auth.module-definition';

/** Injects the `KakaoAuthModuleOptions` given to `forRoot` / `forRootAsync`. */
export const InjectKakaoAuthOptions = (): ParameterDecorator & PropertyDecorator =>
  Inject(KAKAO_AUTH_OPTIONS);

/** The options token, for `moduleRef.get()` or custom providers; prefer `@InjectKakaoAuthOptions()`. */
export const getKakaoAuthOptionsToken = (): string | symbol => KAKAO_AUTH_OPTIONS;

/** Per-route login options of a route guarded by `KakaoAuthGuard` (trusted: not checked against `allowedScopes`). */
export type KakaoLoginRouteOptions = Pick<
  KakaoAuthenticateOptions,
  'prompt' | 'loginHint' | 'scope' | 'serviceTerms' | 'callbackURL'
>;

/** Sets the Kakao login options (`prompt`, `scope`, …) of a route guarded by `KakaoAuthGuard`. */
export const KakaoLoginOptions = (
  options: KakaoLoginRouteOptions,
): ClassDecorator & MethodDecorator => SetMetadata(KAKAO_AUTHENTICATE_OPTIONS, options);
