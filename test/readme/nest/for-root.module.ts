/** README snippet (compiled by test/package/readme-snippets.e2e-spec.ts). */
// #region readme
import { Module } from '@nestjs/common';
import { KakaoAuthModule } from 'nestjs-kakao-auth';

@Module({
  imports: [
    KakaoAuthModule.forRoot({
      clientID: process.env.KAKAO_CLIENT_ID!,
      clientSecret: process.env.KAKAO_CLIENT_SECRET,
      callbackURL: 'http://localhost:3000/auth/kakao/callback',
      isGlobal: true, // KakaoAuthenticatedGuard and KakaoApiService in every module
      routes: { prefix: 'auth/kakao' }, // the default; routes: false for no controller
    }),
  ],
})
export class AppModule {}
// #endregion
