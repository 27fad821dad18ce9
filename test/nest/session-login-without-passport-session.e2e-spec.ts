import { Controller, Get, UseGuards } from '@nestjs/common';
import { KakaoAuthenticatedGuard, KakaoAuthModule, KakaoUser } from '../../src';
import { KakaoEmulator } from '../../src/testing';
import { TestBrowser } from '../support/test-browser';
import { type NestKakaoApp, startNestKakaoApp } from '../support/nest-kakao-app';

/**
 * The README's NestJS app uses express-session without `passport.session()`. A login that does
 * not go through `passport.authenticate` (POST token from a mobile app) must still log in to the
 * session: it used to answer `{ error: 'server_error' }` ("no session on the request").
 */
@Controller()
class MeController {
  @Get('me')
  @UseGuards(KakaoAuthenticatedGuard)
  me(@KakaoUser('id') id: string): { id: string } {
    return { id };
  }
}

describe('session login without passport.session()', () => {
  let kakao: KakaoEmulator;
  let app: NestKakaoApp;
  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
    app = await startNestKakaoApp(
      kakao,
      ({ kakaoOptions }) => ({
        module: class NoPassportSessionApp {},
        imports: [KakaoAuthModule.forRoot({ ...kakaoOptions, tokenLogin: true })],
        controllers: [MeController],
      }),
      { passportSession: false },
    );
  });
  afterAll(async () => {
    await app.close();
    await kakao.stop();
  });

  it('POST token logs the user in to the session', async () => {
    const browser = new TestBrowser();
    const user = kakao.users[1];
    const { access_token } = kakao.issueTokens(user.id);
    const res = await browser.request(`${app.url}/auth/kakao/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ access_token }),
    });
    expect(JSON.parse(res.body)).toEqual({ loggedIn: true });
    expect(res.status).toBe(200);
    const me = await browser.get(`${app.url}/me`);
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body)).toEqual({ id: user.id });
  });

  it('the redirect login still works', async () => {
    const browser = new TestBrowser();
    const done = await browser.follow(
      `${app.url}/auth/kakao/login`,
      (url) => url === `${app.url}/`,
    );
    expect(done.location).toBe(`${app.url}/`);
    expect(JSON.parse((await browser.get(`${app.url}/me`)).body)).toEqual({
      id: kakao.users[0].id,
    });
  });
});
