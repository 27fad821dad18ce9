/**
 * NestJS 12 compat smoke: a tiny Nest app on KakaoAuthModule, compiled to CommonJS and run with
 * plain node against @nestjs/*@12 and the packed nestjs-kakao-auth tarball installed in a temp
 * folder (.ci/suites/nest12-compat.sh). It completes one login on the KakaoEmulator and exits 0.
 */
import 'reflect-metadata';
import { Controller, Get, Module, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import session from 'express-session';
import { KakaoAuthenticatedGuard, KakaoAuthModule, KakaoUser } from 'nestjs-kakao-auth';
import { KakaoEmulator } from 'nestjs-kakao-auth/testing';
import { freePort, loginThroughKakao, runCompat, versionOf } from './compat-login';

@Controller()
class MeController {
  @Get('me')
  @UseGuards(KakaoAuthenticatedGuard)
  me(@KakaoUser() user: unknown): unknown {
    return user;
  }
}

async function main(): Promise<void> {
  const nestVersion = versionOf('@nestjs/core');
  const kakao = await KakaoEmulator.start({ autoApprove: true, clientSecret: 'compat-secret' });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;

  @Module({
    imports: [
      KakaoAuthModule.forRoot({
        clientID: kakao.clientID,
        clientSecret: kakao.clientSecret,
        callbackURL: `${base}/auth/kakao/callback`,
        authBaseURL: kakao.authBaseURL,
        apiBaseURL: kakao.apiBaseURL,
        successRedirect: '/me',
        failureRedirect: '/failed',
      }),
    ],
    controllers: [MeController],
  })
  class AppModule {}

  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  app.use(session({ secret: 'compat-session-secret', resave: false, saveUninitialized: false }));
  await app.listen(port, '127.0.0.1');
  try {
    const res = await loginThroughKakao(base);
    const user = JSON.parse(res.body) as { id?: string };
    if (res.status !== 200 || user.id !== kakao.users[0].id) {
      throw new Error(`login did not complete: HTTP ${res.status} ${res.body.slice(0, 200)}`);
    }
    console.log(`NestJS ${nestVersion}: login on the emulator completed for user ${user.id}`);
  } finally {
    await app.close();
    await kakao.stop();
  }
}

runCompat(main);
