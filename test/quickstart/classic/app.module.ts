/** Docs snippet: README "Migrating from passport-kakao", booted by .ci/suites/quickstart.sh. */
// #region readme
// src/app.module.ts (src/main.ts is the quick start's: the session keeps the login's state)
import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { KakaoAuthStrategy } from './kakao.strategy';

@Module({ controllers: [AuthController], providers: [KakaoAuthStrategy] })
export class AppModule {}
// #endregion
