/** Docs snippet: README "Token login for mobile apps and SPAs", booted by .ci/suites/quickstart.sh. */
// #region readme
// src/app.module.ts, with token login for a mobile app that uses the Kakao SDK
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
      appId: process.env.KAKAO_APP_ID!, // [App] > [General] > App ID: tokens of other apps fail
      tokenLogin: true, // GET /auth/kakao/nonce, POST /auth/kakao/token
      successRedirect: '/',
      failureRedirect: '/login',
    }),
  ],
  controllers: [PagesController],
})
export class AppModule {}
// #endregion
