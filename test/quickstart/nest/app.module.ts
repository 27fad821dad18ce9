/** Docs snippet: README "Quick start: NestJS" (forRootAsync), booted by .ci/suites/quickstart.sh. */
// #region readme
// src/app.module.ts
import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { KakaoAuthModule } from 'nestjs-kakao-auth';
import { PagesController } from './pages.controller';
import { UsersModule, UsersService } from './users'; // your users module

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true }), // reads .env; global, so the factory can inject it
    KakaoAuthModule.forRootAsync({
      imports: [UsersModule],
      inject: [ConfigService, UsersService],
      useFactory: (config: ConfigService, users: UsersService) => ({
        clientID: config.getOrThrow('KAKAO_CLIENT_ID'), // REST API key
        clientSecret: config.get('KAKAO_CLIENT_SECRET'), // if the client secret is ON
        callbackURL: config.getOrThrow('KAKAO_CALLBACK_URL'), // http://localhost:3000/auth/kakao/callback
        adminKey: config.get('KAKAO_ADMIN_KEY'), // checks Kakao's unlink webhook
        // Unset: real Kakao. The emulator's URLs: your app runs on the emulator.
        authBaseURL: config.get('KAKAO_AUTH_BASE_URL'),
        apiBaseURL: config.get('KAKAO_API_BASE_URL'),
        successRedirect: '/',
        failureRedirect: '/login', // gets ?error=<reason>
        // Find or create your user by Kakao id (never by email); false refuses the login.
        validateUser: ({ profile }) => users.upsertFromKakao(profile),
        onUnlink: ({ userId }) => users.disableByKakaoId(userId),
      }),
    }),
  ],
  controllers: [PagesController],
})
export class AppModule {}
// #endregion
