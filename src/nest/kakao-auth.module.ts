import { Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { KakaoConfigError } from '../errors/kakao-config.error';
import { KakaoAccountActions } from './kakao-account.actions';
import { KakaoApiService } from './kakao-api.service';
import { KakaoAuthFlow } from './kakao-auth.flow';
import { KakaoAuthGuard } from './kakao-auth.guard';
import {
  KAKAO_AUTH_RESOLVED_OPTIONS,
  KAKAO_AUTH_ROUTE_PREFIX,
} from './kakao-auth.internal-constants';
import { ConfigurableModuleClass, KAKAO_AUTH_OPTIONS } from './kakao-auth.module-definition';
import { KakaoAuthenticatedGuard } from './kakao-authenticated.guard';
import { KakaoLoginResponder } from './kakao-login.responder';
import { KakaoSpaHandoff } from './kakao-spa-handoff';
import { KakaoTokenLoginHandler } from './kakao-token-login.handler';
import { KakaoNestStrategy } from './kakao.nest-strategy';
import { type ResolvedKakaoAuthOptions, resolveModuleOptions } from './resolve-module-options';
import { UnlinkWebhookHandler } from './unlink-webhook.handler';
import { AccountWebhookHandler } from './account-webhook.handler';
import { checkStateCookieRoutes } from './state-cookie-routes';

/**
 * Kakao Login for NestJS: the `kakao` Passport strategy, routes under `auth/kakao` (login,
 * callback, logout, unlink, unlink webhook; token login and SPA handoff when on), `KakaoAuthGuard`, `KakaoAuthenticatedGuard`,
 * `@KakaoUser()` and `KakaoApiService`.
 *
 * ```ts
 * KakaoAuthModule.forRootAsync({
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({ clientID: config.getOrThrow('KAKAO_CLIENT_ID'), … }),
 * })
 * ```
 * @publicApi
 */
@Module({
  providers: [
    {
      provide: KAKAO_AUTH_RESOLVED_OPTIONS,
      useFactory: resolveModuleOptions,
      inject: [KAKAO_AUTH_OPTIONS],
    },
    KakaoNestStrategy,
    KakaoApiService,
    KakaoAuthFlow,
    KakaoAccountActions,
    UnlinkWebhookHandler,
    KakaoLoginResponder,
    KakaoTokenLoginHandler,
    KakaoSpaHandoff,
    AccountWebhookHandler,
    KakaoAuthGuard,
    KakaoAuthenticatedGuard,
  ],
  exports: [
    KAKAO_AUTH_OPTIONS,
    KAKAO_AUTH_RESOLVED_OPTIONS,
    KAKAO_AUTH_ROUTE_PREFIX,
    KakaoApiService,
    KakaoAuthFlow,
    KakaoAuthGuard,
    KakaoAuthenticatedGuard,
  ],
})
export class KakaoAuthModule extends ConfigurableModuleClass implements OnModuleInit {
  /** Nest injects it (the module's own providers); not part of the public API. @internal */
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(KAKAO_AUTH_RESOLVED_OPTIONS) private readonly options: ResolvedKakaoAuthOptions,
    @Inject(KAKAO_AUTH_ROUTE_PREFIX) private readonly prefix: string | false,
  ) {
    super();
  }

  /** Fails the startup on adapters the module cannot drive yet; warns about a callbackURL no route serves. */
  onModuleInit(): void {
    const type = this.adapterHost.httpAdapter?.getType();
    if (type && type !== 'express') {
      throw new KakaoConfigError(
        `KakaoAuthModule: the ${type} HTTP adapter is not supported yet; create the app with the Express adapter (NestFactory.create(AppModule), @nestjs/platform-express), or use KakaoStrategy from nestjs-kakao-auth/passport directly`,
      );
    }
    if (this.prefix === false && (this.options.tokenLogin || this.options.spaHandoff)) {
      throw new KakaoConfigError(
        'KakaoAuthModule: tokenLogin and spaHandoff serve POST token / POST exchange, which need the module routes; remove routes: false, or use KakaoTokenStrategy / KakaoHandoffCodes from nestjs-kakao-auth/passport on your own routes',
      );
    }
    if (this.prefix !== false) checkStateCookieRoutes(this.options, this.prefix);
    const callbackPath = new URL(this.options.strategy.callbackURL).pathname;
    if (this.prefix !== false && !callbackPath.endsWith(`/${this.prefix}/callback`)) {
      new Logger('KakaoAuthModule').warn(
        `callbackURL path ${callbackPath} is not the module's callback route /${this.prefix}/callback; Kakao will redirect where no route finishes the login unless a route with KakaoAuthGuard serves it`,
      );
    }
  }
}
