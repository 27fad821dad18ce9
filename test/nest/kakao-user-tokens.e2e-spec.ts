import { Controller, Get, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import {
  KakaoAuthenticatedGuard,
  KakaoAuthModule,
  type KakaoLoginTokens,
  KakaoTokens,
  KakaoUser,
} from '../../src';
import { KakaoEmulator } from '../../src/testing';
import { TestBrowser } from '../support/test-browser';
import { type NestKakaoApp, startNestKakaoApp } from '../support/nest-kakao-app';

/**
 * The default user (no validateUser) is what apps return as JSON, as the README's MeController
 * does: it must not carry Kakao's tokens unless the app sets `exposeTokens: true`. The tokens
 * stay in the server-side session, readable with `@KakaoTokens()` / `kakaoTokensOf(req)`.
 */
@Controller()
class UserJsonController {
  @Get('me')
  @UseGuards(KakaoAuthenticatedGuard)
  me(@KakaoUser() user: unknown, @Req() req: Request): unknown {
    return { decorator: user, reqUser: req.user };
  }

  @Get('tokens')
  @UseGuards(KakaoAuthenticatedGuard)
  tokens(@KakaoTokens() tokens: KakaoLoginTokens | undefined): unknown {
    return tokens ?? null;
  }
}

describe.each([
  ['by default', false],
  ['with exposeTokens: true', true],
])('the default session user %s', (_title, exposeTokens) => {
  let kakao: KakaoEmulator;
  let app: NestKakaoApp;
  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true, oidc: true });
    app = await startNestKakaoApp(kakao, ({ kakaoOptions }) => ({
      module: class TokensApp {},
      imports: [KakaoAuthModule.forRoot({ ...kakaoOptions, openid: true, exposeTokens })],
      controllers: [UserJsonController],
    }));
  });
  afterAll(async () => {
    await app.close();
    await kakao.stop();
  });

  it(`${exposeTokens ? 'carries' : 'carries no'} token when serialized; @KakaoTokens() has them`, async () => {
    const browser = new TestBrowser();
    const done = await browser.follow(
      `${app.url}/auth/kakao/login`,
      (url) => url === `${app.url}/`,
    );
    expect(done.location).toBe(`${app.url}/`);

    const tokens = JSON.parse((await browser.get(`${app.url}/tokens`)).body) as KakaoLoginTokens;
    expect(tokens.accessToken).toEqual(expect.any(String));
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(tokens.idToken).toEqual(expect.any(String));

    const body = (await browser.get(`${app.url}/me`)).body;
    const { decorator, reqUser } = JSON.parse(body) as Record<string, Record<string, unknown>>;
    expect(decorator).toMatchObject({ provider: 'kakao', id: kakao.users[0].id });
    expect(reqUser).toEqual(decorator);
    for (const secret of [tokens.accessToken, tokens.refreshToken!, tokens.idToken!]) {
      if (exposeTokens) expect(body).toContain(secret);
      else expect(body).not.toContain(secret);
    }
    if (exposeTokens) expect(decorator.tokens).toEqual(tokens);
    else expect(decorator).not.toHaveProperty('tokens');
  });

  it('@KakaoTokens() is undefined when nobody is logged in', async () => {
    // The guard answers first; the accessor is checked directly on a bare request.
    const { kakaoTokensOf } = await import('../../src');
    expect(kakaoTokensOf({} as Request)).toBeUndefined();
    expect(kakaoTokensOf({ session: {} } as unknown as Request)).toBeUndefined();
  });
});
