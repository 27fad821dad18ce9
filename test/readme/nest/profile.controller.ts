/** docs/nest.md snippet "Guards and decorators" (type-checked by test/package/readme-snippets.e2e-spec.ts). */
import { Controller, Get, UseGuards } from '@nestjs/common';
import {
  KakaoApiService,
  KakaoAuthenticatedGuard,
  type KakaoLoginTokens,
  type KakaoSessionUser,
  KakaoTokens,
  KakaoUser,
} from 'nestjs-kakao-auth';

// #region readme
@Controller()
export class ProfileController {
  constructor(private readonly kakao: KakaoApiService) {}

  @Get('me')
  @UseGuards(KakaoAuthenticatedGuard) // 401 (or redirect to login) when nobody is logged in
  me(@KakaoUser() user: KakaoSessionUser, @KakaoUser('id') kakaoId: string) {
    return { kakaoId, nickname: user.nickname };
  }

  @Get('me/scopes')
  @UseGuards(KakaoAuthenticatedGuard)
  scopes(@KakaoTokens() tokens: KakaoLoginTokens) {
    return this.kakao.getScopes(tokens.accessToken); // consent state, with the session's token
  }
}
// #endregion
