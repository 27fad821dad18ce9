import { Inject, Injectable, Logger } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import type { KakaoProfile } from '../profile/kakao-profile';
import { KakaoConfigError } from '../errors/kakao-config.error';
import { KakaoStrategy } from '../strategy/kakao.strategy';
import type { KakaoTokenResponse } from '../types/kakao-user.types';
import { KAKAO_STRATEGY_NAME } from './kakao-auth.constants';
import { KAKAO_AUTH_RESOLVED_OPTIONS } from './kakao-auth.internal-constants';
import type { KakaoAppUser, KakaoLoginTokens, KakaoSessionUser } from './kakao-auth.options';
import { rememberLoginResult } from './kakao-login.result';
import { currentUser } from './kakao-session';
import type { ResolvedKakaoAuthOptions } from './resolve-module-options';

/**
 * `KakaoStrategy` registered with Passport as `kakao`. Arity 6 with `passReqToCallback`, so that
 * `validate` gets Kakao's token response (`refresh_token_expires_in`, `id_token`) too.
 */
@Injectable()
export class KakaoNestStrategy extends PassportStrategy(KakaoStrategy, KAKAO_STRATEGY_NAME, 6) {
  constructor(
    @Inject(KAKAO_AUTH_RESOLVED_OPTIONS) private readonly options: ResolvedKakaoAuthOptions,
  ) {
    if (options.strategy.skipUserProfile && !options.strategy.openid)
      throw new KakaoConfigError(
        'KakaoAuthModule: skipUserProfile needs openid: true, so that the profile (and the Kakao id the module logs users in by) comes from the verified id_token',
      );
    // The strategy's warnings (misconfiguration, invalid_state causes, emulator/Kakao mix-ups)
    // go to Nest's logger unless the app gave its own.
    super({
      ...options.strategy,
      logger: options.strategy.logger ?? new Logger('KakaoAuthModule'),
      passReqToCallback: true,
    });
  }

  async validate(
    req: Request,
    accessToken: string,
    refreshToken: string | undefined,
    params: KakaoTokenResponse,
    profile: KakaoProfile,
  ): Promise<KakaoAppUser | false> {
    const tokens = loginTokens(accessToken, refreshToken, params);
    rememberLoginResult(req, { profile, tokens });
    const hook = this.options.raw.validateUser;
    if (!hook) return sessionUser(profile, tokens, this.options.raw.exposeTokens === true);
    const user = await hook({ profile, tokens, params, req, currentUser: currentUser(req) });
    return user && typeof user === 'object' ? user : false;
  }
}

function loginTokens(
  accessToken: string,
  refreshToken: string | undefined,
  params: KakaoTokenResponse,
): KakaoLoginTokens {
  const now = Date.now();
  const seconds = (value: unknown) => (typeof value === 'number' && value > 0 ? value : undefined);
  const expiresIn = seconds(params.expires_in) ?? 0;
  const refreshIn = seconds(params.refresh_token_expires_in);
  return {
    accessToken,
    accessTokenExpiresAt: now + expiresIn * 1000,
    refreshToken,
    refreshTokenExpiresAt: refreshIn === undefined ? undefined : now + refreshIn * 1000,
    idToken: params.id_token,
    scope: params.scope,
  };
}

function sessionUser(
  profile: KakaoProfile,
  tokens: KakaoLoginTokens,
  exposeTokens: boolean,
): KakaoSessionUser {
  return {
    provider: 'kakao',
    id: profile.id,
    nickname: profile.nickname,
    profileImageURL: profile.profileImageURL,
    email: profile.email,
    emailVerified: profile.emailVerified,
    // Tokens stay server-side (the session's login record) unless the app asked for them.
    ...(exposeTokens ? { tokens } : {}),
  };
}
