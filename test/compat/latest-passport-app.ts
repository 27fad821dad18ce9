/**
 * Newest-Passport smoke: a Nest app on KakaoAuthModule next to an app serializer that takes every
 * user (the usual `PassportSerializer`), with `passport.session()`, run with plain node against
 * `passport@latest` and `@nestjs/passport@latest` and the packed tarball installed in a temp
 * folder (.ci/suites/nest-latest.sh). The module uses only Passport's public API, so a new
 * release of either must still log the Kakao user in and give it back on the next request.
 */
import 'reflect-metadata';
import { Controller, Get, Injectable, Module, Req, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PassportSerializer } from '@nestjs/passport';
import session from 'express-session';
import passport from 'passport';
import { KakaoAuthenticatedGuard, KakaoAuthModule } from 'nestjs-kakao-auth';
import { KakaoEmulator } from 'nestjs-kakao-auth/testing';
import { freePort, loginThroughKakao, runCompat, versionOf } from './compat-login';

/** Takes every user, as most apps' serializers do: the module's must still come first. */
@Injectable()
class EveryUserSerializer extends PassportSerializer {
  serializeUser(_user: unknown, done: (err: unknown, id?: unknown) => void): void {
    done(null, { appUser: true });
  }
  deserializeUser(_payload: unknown, done: (err: unknown, user?: unknown) => void): void {
    done(null, { appUser: true });
  }
}

@Controller()
class MeController {
  /** `req.user` as passport.session() deserialized it. */
  @Get('me')
  @UseGuards(KakaoAuthenticatedGuard)
  me(@Req() req: { user?: unknown }): unknown {
    return req.user ?? null;
  }
}

async function main(): Promise<void> {
  const kakao = await KakaoEmulator.start({ autoApprove: true, clientSecret: 'latest-secret' });
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
    providers: [EveryUserSerializer],
  })
  class AppModule {}

  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  app.use(session({ secret: 'latest-session-secret', resave: false, saveUninitialized: false }));
  app.use(passport.session());
  await app.listen(port, '127.0.0.1');
  try {
    const res = await loginThroughKakao(base);
    const user = JSON.parse(res.body) as { provider?: string; id?: string };
    if (res.status !== 200 || user.provider !== 'kakao' || user.id !== kakao.users[0].id) {
      throw new Error(`login did not complete: HTTP ${res.status} ${res.body.slice(0, 200)}`);
    }
    console.log(
      `passport ${versionOf('passport')}, @nestjs/passport ${versionOf('@nestjs/passport')}, NestJS ${versionOf('@nestjs/core')}: Kakao login completed for user ${user.id}, read back through passport.session()`,
    );
  } finally {
    await app.close();
    await kakao.stop();
  }
}

runCompat(main);
