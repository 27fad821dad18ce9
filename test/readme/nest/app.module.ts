/** README snippet (compiled by test/package/readme-snippets.e2e-spec.ts). */
// #region readme
// app.module.ts
import { Controller, Get, Module, UseGuards } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { KakaoAuthenticatedGuard, KakaoAuthModule, KakaoUser } from 'nestjs-kakao-auth';
import { type User, UsersModule, UsersService } from './users'; // your users module

@Controller()
export class MeController {
  @Get('me')
  @UseGuards(KakaoAuthenticatedGuard) // 401 until logged in
  me(@KakaoUser() user: User) {
    return user; // what validateUser returned
  }
}

@Module({
  imports: [
    ConfigModule.forRoot(), // reads .env
    KakaoAuthModule.forRootAsync({
      imports: [UsersModule],
      inject: [ConfigService, UsersService],
      useFactory: (config: ConfigService, users: UsersService) => ({
        clientID: config.getOrThrow('KAKAO_CLIENT_ID'), // REST API key
        clientSecret: config.get('KAKAO_CLIENT_SECRET'), // if the client secret is ON
        callbackURL: config.getOrThrow('KAKAO_CALLBACK_URL'), // https://example.com/auth/kakao/callback
        adminKey: config.get('KAKAO_ADMIN_KEY'), // checks Kakao's unlink webhook
        successRedirect: '/',
        failureRedirect: '/login', // gets ?error=<reason>
        // Find or create your user by Kakao id (never by email); false refuses the login.
        validateUser: ({ profile }) => users.upsertFromKakao(profile),
        onUnlink: ({ userId }) => users.disableByKakaoId(userId),
      }),
    }),
  ],
  controllers: [MeController],
})
export class AppModule {}
// #endregion
