/**
 * `nestjs-kakao-auth`: the framework-free core (`nestjs-kakao-auth/passport`) plus the NestJS
 * module. Importing this entry loads `@nestjs/*`; plain Express apps import `/passport`.
 *
 * The core is re-exported whole: `./passport` is itself an explicit list. The Nest names below are
 * the rest of the public surface (etc/index.api.md records it; CI fails on an unreviewed change).
 */
export * from './passport';

export { KakaoAuthModule } from './nest/kakao-auth.module';
export type {
  KakaoAuthModuleForRootOptions,
  KakaoAuthModuleAsyncOptions,
} from './nest/kakao-auth.module-definition';
export type {
  KakaoAuthModuleOptions,
  KakaoAuthModuleExtras,
  KakaoAuthRoutesOptions,
  KakaoAppUser,
  KakaoSessionUser,
  KakaoLoginTokens,
  KakaoLoginAttempt,
  KakaoLoginContext,
  KakaoLogoutOptions,
  KakaoLogoutEvent,
  KakaoUnlinkEvent,
  KakaoUnlinkReferrerType,
  KakaoTokenLoginModuleOptions,
  KakaoSpaHandoffOptions,
  KakaoAccountWebhookModuleOptions,
} from './nest/kakao-auth.options';
export type { KakaoAuthOptionsFactory } from './nest/kakao-auth.options-factory';
export { InjectKakaoAuthOptions, KakaoLoginOptions } from './nest/kakao-auth.decorators';
export type { KakaoLoginRouteOptions } from './nest/kakao-auth.decorators';
export { KakaoAuthGuard } from './nest/kakao-auth.guard';
export { KakaoAuthenticatedGuard } from './nest/kakao-authenticated.guard';
export { KakaoApiService } from './nest/kakao-api.service';
export { KakaoUser, KakaoTokens } from './nest/kakao-user.decorator';
export { kakaoTokensOf } from './nest/kakao-session';
// Lets an app-wide guard exempt the module's routes (the unlink webhook must stay reachable).
export { KakaoAuthRoute, isKakaoAuthRoute } from './nest/kakao-auth-route.metadata';
export { KAKAO_AUTH_ROUTE } from './nest/kakao-auth.constants';
