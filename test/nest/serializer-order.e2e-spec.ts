import { Controller, Get, Req, UseGuards } from '@nestjs/common';
import passport from 'passport';
import { KakaoAuthenticatedGuard, KakaoAuthModule } from '../../src';
import { KakaoEmulator } from '../../src/testing';
import { TestBrowser } from '../support/test-browser';
import { type NestKakaoApp, startNestKakaoApp } from '../support/nest-kakao-app';

/**
 * The module never reorders Passport's serializers (private state): it registers its own when
 * `forRoot()` runs. An app serializer registered even earlier (here: at import time, before any
 * module is declared) comes first; passing on what it does not know keeps Kakao logins working,
 * and one that takes every user gets a warning that says how to fix it.
 */
let greedy = false;
passport.serializeUser((user: unknown, done: (err: unknown, stored?: unknown) => void) => {
  if (greedy || (user as { mine?: boolean }).mine) return done(null, { early: true });
  done('pass');
});
passport.deserializeUser((stored: unknown, done: (err: unknown, user?: unknown) => void) => {
  if ((stored as { early?: boolean }).early) return done(null, { mine: true });
  done('pass');
});

@Controller()
class MeController {
  @Get('me')
  @UseGuards(KakaoAuthenticatedGuard)
  me(@Req() req: { user?: unknown }): unknown {
    return req.user ?? null;
  }
}

describe('a Passport serializer registered before the module', () => {
  let kakao: KakaoEmulator;
  let app: NestKakaoApp;
  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
    app = await startNestKakaoApp(kakao, ({ kakaoOptions }) => ({
      module: class EarlySerializerApp {},
      imports: [KakaoAuthModule.forRoot({ ...kakaoOptions, successRedirect: '/me' })],
      controllers: [MeController],
    }));
  });
  afterAll(async () => {
    await app.close();
    await kakao.stop();
  });

  async function logIn(): Promise<TestBrowser> {
    const browser = new TestBrowser();
    await browser.follow(`${app.url}/auth/kakao/login`, (url) => url === `${app.url}/me`);
    return browser;
  }

  it("passes on the module's users: the Kakao user is stored and read back by passport.session()", async () => {
    greedy = false;
    const browser = await logIn();
    const me = await browser.get(`${app.url}/me`);
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body)).toMatchObject({ provider: 'kakao', id: kakao.users[0].id });
    expect(app.logs.join('\n')).not.toMatch(/another Passport serializer/);
  });

  it('takes every user: the module warns once, naming the fix', async () => {
    greedy = true;
    await logIn();
    await logIn();
    const warnings = app.logs.filter((line) => line.includes('another Passport serializer'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/KakaoAuthModule\.forRoot\(\)/);
    expect(warnings[0]).toMatch(/done\('pass'\)/);
  });
});
