/** docs/nest.md snippet: KakaoAuthGuard on the app's own routes (type-checked by test/package/readme-snippets.e2e-spec.ts). */
import { Controller, Get, UseGuards } from '@nestjs/common';
import { KakaoAuthGuard, KakaoLoginOptions } from 'nestjs-kakao-auth';

@Controller()
export class SignInController {
  // #region readme
  @Get('signin/kakao')
  @UseGuards(KakaoAuthGuard)
  @KakaoLoginOptions({ prompt: 'login', scope: ['birthday'] })
  signIn() {}

  @Get('signin/kakao/callback') // callbackURL points here
  @UseGuards(KakaoAuthGuard)
  callback() {}
  // #endregion
}
