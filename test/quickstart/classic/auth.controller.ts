/** Docs snippet: README "Migrating from passport-kakao", booted by .ci/suites/quickstart.sh. */
// #region readme
// src/auth.controller.ts
import { Controller, Get, Req, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';

@Controller('auth/kakao')
export class AuthController {
  @Get()
  @UseGuards(AuthGuard('kakao')) // redirects to Kakao
  login() {}

  @Get('callback')
  @UseGuards(AuthGuard('kakao')) // a cancelled or failed login is a 401
  callback(@Req() req: Request) {
    return req.user; // what validate returned: issue your session or JWT here
  }
}
// #endregion
