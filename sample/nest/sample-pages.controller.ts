import {
  Controller,
  ForbiddenException,
  Get,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request, Response } from 'express';
import { KakaoApiError, KakaoApiService, KakaoAuthenticatedGuard, KakaoUser } from '../../src';
import {
  type HomeNotice,
  PAGE_HEADERS,
  renderHome,
  renderProfile,
  type SampleInfo,
  type SampleLinks,
} from '../shared/sample-pages.html';
import { isSameOrigin, type SampleUser } from '../shared/sample-user';
import type { SampleKakaoConfig } from './sample.config';

/** The module's routes (login, callback, logout, unlink) live under /auth/kakao. */
const LINKS: SampleLinks = {
  login: '/auth/kakao/login',
  consent: (scope) => `/auth/kakao/login?scope=${encodeURIComponent(scope)}`,
  logout: '/auth/kakao/logout',
  accountLogout: '/logout/kakao-account',
  unlink: '/auth/kakao/unlink',
  profile: '/profile',
};

/** `state` the Kakao account logout echoes back to the home page. */
const ACCOUNT_LOGOUT_STATE = 'kakao-logout';

/** The sample's own pages. Everything Kakao-specific is done by KakaoAuthModule. */
@Controller()
export class SamplePagesController {
  private readonly info: SampleInfo;
  private readonly origin: string;

  constructor(
    private readonly kakao: KakaoApiService,
    config: ConfigService,
  ) {
    this.info = { framework: 'NestJS', kakao: config.get('sample.mode') ?? 'kakao' };
    this.origin = new URL(config.getOrThrow<SampleKakaoConfig>('kakao').callbackURL).origin;
  }

  @Get()
  home(
    @Res({ passthrough: true }) res: Response,
    @KakaoUser() user: SampleUser | undefined,
    @Query('error') error?: string,
    @Query('signedOut') signedOut?: string,
    @Query('unlinked') unlinked?: string,
    @Query('state') state?: string,
  ): string {
    const notice: HomeNotice = {
      failure: error,
      signedOut:
        state === ACCOUNT_LOGOUT_STATE
          ? 'kakao'
          : unlinked
            ? 'unlinked'
            : signedOut
              ? 'app'
              : undefined,
    };
    res.set(PAGE_HEADERS);
    return renderHome(this.info, LINKS, notice, user ? (user.nickname ?? user.id) : undefined);
  }

  /** Logged-out visitors are sent to Kakao and come back here (`redirectToLogin`). */
  @Get('profile')
  @UseGuards(KakaoAuthenticatedGuard)
  profile(@Res({ passthrough: true }) res: Response, @KakaoUser() user: SampleUser): string {
    res.set(PAGE_HEADERS);
    return renderProfile(this.info, LINKS, user);
  }

  /**
   * "카카오계정과 함께 로그아웃": token logout, local session end, then Kakao's account logout
   * page, which comes back to `/` (register it under [Kakao Login] > [Logout Redirect URI]).
   */
  @Post('logout/kakao-account')
  @UseGuards(KakaoAuthenticatedGuard)
  async logoutWithKakaoAccount(
    @Req() req: Request,
    @Res() res: Response,
    @KakaoUser() user: SampleUser,
  ): Promise<void> {
    if (!isSameOrigin(req.headers, this.origin)) throw new ForbiddenException();
    await this.kakao.logout(user.accessToken).catch((err: unknown) => {
      // -401: the token already expired, which is as good as logged out.
      if (!(err instanceof KakaoApiError && err.code === -401)) throw err;
    });
    await new Promise<void>((resolve, reject) =>
      req.session.destroy((err: unknown) => (err ? reject(err) : resolve())),
    );
    res.redirect(
      303,
      this.kakao.accountLogoutURL({
        logoutRedirectURI: `${this.origin}/`,
        state: ACCOUNT_LOGOUT_STATE,
      }),
    );
  }
}
