/** Docs snippet: README "Migrating from passport-kakao", booted by .ci/suites/quickstart.sh. */
// #region readme
// src/kakao.strategy.ts
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import {
  type KakaoProfile,
  KakaoStrategy, // was: import { Strategy } from 'passport-kakao'
  type KakaoTokenResponse,
} from 'nestjs-kakao-auth/passport';

@Injectable()
export class KakaoAuthStrategy extends PassportStrategy(KakaoStrategy, 'kakao', 5) {
  constructor() {
    super({
      clientID: process.env.KAKAO_CLIENT_ID!,
      clientSecret: process.env.KAKAO_CLIENT_SECRET, // no more 'kakao' placeholder
      callbackURL: process.env.KAKAO_CALLBACK_URL!,
      authBaseURL: process.env.KAKAO_AUTH_BASE_URL, // unset: real Kakao
      apiBaseURL: process.env.KAKAO_API_BASE_URL,
    });
  }

  // Arity 5 (above) passes Kakao's token response as `params`.
  async validate(
    _accessToken: string,
    _refreshToken: string | undefined,
    params: KakaoTokenResponse,
    profile: KakaoProfile,
  ) {
    return {
      kakaoId: profile.id, // a string now: store it as text or bigint
      nickname: profile.nickname, // undefined without consent, never '미연동 계정'
      refreshTokenExpiresIn: params.refresh_token_expires_in,
    };
  }
}
// #endregion
