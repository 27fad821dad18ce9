/** README.ko snippet (compiled by test/package/readme-snippets.e2e-spec.ts). */
// #region readme
// app.module.ts
import { Controller, Get, Module, UseGuards } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { KakaoAuthenticatedGuard, KakaoAuthModule, KakaoUser } from 'nestjs-kakao-auth';
import { type User, UsersModule, UsersService } from './users'; // 앱의 사용자 모듈

@Controller()
export class MeController {
  @Get('me')
  @UseGuards(KakaoAuthenticatedGuard) // 로그인 전에는 401
  me(@KakaoUser() user: User) {
    return user; // validateUser가 돌려준 사용자
  }
}

@Module({
  imports: [
    ConfigModule.forRoot(), // .env를 읽습니다
    KakaoAuthModule.forRootAsync({
      imports: [UsersModule],
      inject: [ConfigService, UsersService],
      useFactory: (config: ConfigService, users: UsersService) => ({
        clientID: config.getOrThrow('KAKAO_CLIENT_ID'), // REST API 키
        clientSecret: config.get('KAKAO_CLIENT_SECRET'), // 클라이언트 시크릿을 켰다면
        callbackURL: config.getOrThrow('KAKAO_CALLBACK_URL'), // https://example.com/auth/kakao/callback
        adminKey: config.get('KAKAO_ADMIN_KEY'), // 카카오 연결 끊기 웹훅 검증
        successRedirect: '/',
        failureRedirect: '/login', // ?error=<사유>가 붙습니다
        // 카카오 회원번호로 사용자를 찾거나 만듭니다 (이메일로 연결하지 마세요). false면 로그인 거부.
        validateUser: ({ profile }) => users.upsertFromKakao(profile),
        onUnlink: ({ userId }) => users.disableByKakaoId(userId),
      }),
    }),
  ],
  controllers: [MeController],
})
export class AppModule {}
// #endregion
