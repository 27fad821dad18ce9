/**
 * NestJS 12 compat smoke: a tiny Nest app on KakaoAuthModule, compiled to CommonJS and run with
 * plain node against @nestjs/*@12 and the packed nestjs-kakao-auth tarball installed in a temp
 * folder (.ci/suites/nest12-compat.sh). It completes one login on the KakaoEmulator and exits 0.
 */
import 'reflect-metadata';
import { Controller, Get, Module, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import session from 'express-session';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { KakaoAuthenticatedGuard, KakaoAuthModule, KakaoUser } from 'nestjs-kakao-auth';
import { KakaoEmulator } from 'nestjs-kakao-auth/testing';

@Controller()
class MeController {
  @Get('me')
  @UseGuards(KakaoAuthenticatedGuard)
  me(@KakaoUser() user: unknown): unknown {
    return user;
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

let appPort = '';

async function main(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nestVersion = (require('@nestjs/core/package.json') as { version: string }).version;
  const kakao = await KakaoEmulator.start({ autoApprove: true, clientSecret: 'compat-secret' });
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
  })
  class AppModule {}

  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  app.use(session({ secret: 'compat-session-secret', resave: false, saveUninitialized: false }));
  await app.listen(port, '127.0.0.1');
  try {
    let res = await get(`${base}/auth/kakao/login`);
    for (let i = 0; i < 5 && res.location; i++) res = await get(res.location);
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

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
