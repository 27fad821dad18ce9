/** Docs snippet: README "Quick start: NestJS", booted by .ci/suites/quickstart.sh. */
// #region readme
// src/pages.controller.ts: the pages the login redirects to
import { Controller, Get, Header, Query, UseGuards } from '@nestjs/common';
import { KakaoAuthenticatedGuard, KakaoUser } from 'nestjs-kakao-auth';

const html = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

@Controller()
export class PagesController {
  @Get() // successRedirect
  @Header('Content-Type', 'text/html; charset=utf-8')
  home(@KakaoUser() user?: { nickname?: string }) {
    if (!user) return '<a href="/auth/kakao/login">Log in with Kakao</a>';
    return `<p>Hello, ${html(user.nickname ?? 'Kakao user')}</p>
      <form method="post" action="/auth/kakao/logout"><button>Log out</button></form>`;
  }

  @Get('login') // failureRedirect, with ?error=<reason>
  @Header('Content-Type', 'text/html; charset=utf-8')
  loginFailed(@Query('error') reason?: string) {
    return `<p>Kakao login failed: ${html(String(reason))}</p>
      <a href="/auth/kakao/login">Try again</a>`;
  }

  @Get('me')
  @UseGuards(KakaoAuthenticatedGuard) // 401 until logged in
  me(@KakaoUser() user: object) {
    return user; // what validateUser returned; never Kakao's tokens
  }
}
// #endregion
