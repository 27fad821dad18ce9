/** Docs snippet: README "Quick start: NestJS" (forRoot), booted by .ci/suites/quickstart.sh. */
// #region readme
// src/app.module.ts, with forRoot: the options themselves, read from the environment
import { Module } from '@nestjs/common';
import { KakaoAuthModule } from 'nestjs-kakao-auth';
import { PagesController } from './pages.controller';

@Module({
  imports: [
    KakaoAuthModule.forRoot({
      clientID: process.env.KAKAO_CLIENT_ID!,
      clientSecret: process.env.KAKAO_CLIENT_SECRET,
      callbackURL: process.env.KAKAO_CALLBACK_URL ?? 'http://localhost:3000/auth/kakao/callback',
      authBaseURL: process.env.KAKAO_AUTH_BASE_URL, // unset: real Kakao
      apiBaseURL: process.env.KAKAO_API_BASE_URL,
      successRedirect: '/',
      failureRedirect: '/login',
      isGlobal: true, // KakaoAuthenticatedGuard and KakaoApiService in every module
      routes: { prefix: 'auth/kakao' }, // the default; routes: false for no controller
    }),
  ],
  controllers: [PagesController],
})
export class AppModule {}
// #endregion
