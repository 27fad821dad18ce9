export { KakaoAuthModule } from './kakao-auth.module';
export {
  type KakaoAuthModuleForRootOptions,
  type KakaoAuthModuleAsyncOptions,
} from './kakao-auth.module-definition';
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
} from './kakao-auth.options';
export type { KakaoAuthOptionsFactory } from './kakao-auth.options-factory';
export { KakaoAuthGuard } from './kakao-auth.guard';
export { KakaoAuthenticatedGuard } from './kakao-authenticated.guard';
export { KakaoApiService } from './kakao-api.service';
export { KakaoUser, KakaoTokens } from './kakao-user.decorator';
export { kakaoTokensOf } from './kakao-session';
export {
  InjectKakaoAuthOptions,
  getKakaoAuthOptionsToken,
  KakaoLoginOptions,
  type KakaoLoginRouteOptions,
} from './kakao-auth.decorators';
export { KakaoAuthRoute, isKakaoAuthRoute } from './kakao-auth-route.metadata';
export { KAKAO_AUTH_ROUTE, KAKAO_STRATEGY_NAME } from './kakao-auth.constants';
/** Exported for typing subclasses of the module's guards and services; not a stable API. */
export type { KakaoAuthFlow } from './kakao-auth.flow';
export type { ResolvedKakaoAuthOptions } from './resolve-module-options';
export type { ResolvedTokenLogin } from './resolve-token-login-options';
