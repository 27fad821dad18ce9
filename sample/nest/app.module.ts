import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { KakaoAuthModule, type KakaoAuthModuleOptions } from '../../src';
import { toSampleUser } from '../shared/sample-user';
import type { NestSampleConfig, SampleKakaoConfig } from './sample.config';
import { SamplePagesController } from './sample-pages.controller';

/**
 * The NestJS sample: KakaoAuthModule configured from ConfigService. In your app,
 * `ConfigModule.forRoot()` reads `.env` and the factory calls
 * `config.getOrThrow('KAKAO_CLIENT_ID')`; here the settings come in as an object so that tests
 * and `npm run sample` can point the app at the KakaoEmulator.
 */
@Module({})
export class AppModule {
  static register(settings: NestSampleConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          load: [() => ({ kakao: settings.kakao, sample: { mode: settings.mode ?? 'kakao' } })],
        }),
        KakaoAuthModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService): KakaoAuthModuleOptions => ({
            ...config.getOrThrow<SampleKakaoConfig>('kakao'),
            successRedirect: '/profile',
            failureRedirect: '/', // gets ?error=<reason>
            allowedScopes: ['account_email'], // GET /auth/kakao/login?scope=account_email
            redirectToLogin: true, // KakaoAuthenticatedGuard sends logged-out GETs to Kakao
            logout: { redirect: '/?signedOut=1', unlinkRedirect: '/?unlinked=1' },
            validateUser: ({ profile, tokens }) => toSampleUser(profile, tokens.accessToken),
            onUnlink: ({ userId, referrerType }) =>
              new Logger('Sample').log(`Kakao user ${userId} unlinked (${referrerType})`),
          }),
        }),
      ],
      controllers: [SamplePagesController],
    };
  }
}
