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
import { request } from 'node:http';
import { createServer } from 'node:net';
import passport from 'passport';
import { KakaoAuthenticatedGuard, KakaoAuthModule } from 'nestjs-kakao-auth';
import { KakaoEmulator } from 'nestjs-kakao-auth/testing';

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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const jar = new Map<string, string>();
let appPort = '';

function get(url: string): Promise<{ status: number; location?: string; body: string }> {
  const u = new URL(url);
  const cookie = u.port === appPort ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  return new Promise((resolve, reject) => {
    const req = request(u, { headers: cookie ? { cookie } : {} }, (res) => {
      if (u.port === appPort) {
        for (const line of res.headers['set-cookie'] ?? []) {
          const [pair] = line.split(';');
          jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
        }
      }
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          location: res.headers.location && new URL(res.headers.location, url).toString(),
          body,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

function versionOf(name: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(`${name}/package.json`) as { version: string }).version;
}

async function main(): Promise<void> {
  const kakao = await KakaoEmulator.start({ autoApprove: true, clientSecret: 'latest-secret' });
  const port = await freePort();
  appPort = String(port);
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
    let res = await get(`${base}/auth/kakao/login`);
    for (let i = 0; i < 5 && res.location; i++) res = await get(res.location);
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

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
