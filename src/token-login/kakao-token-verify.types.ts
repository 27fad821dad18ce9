import type { IncomingMessage } from 'node:http';
import type { KakaoProfile } from '../profile/kakao-profile';
import type { KakaoVerifyCallback } from '../strategy/kakao-verify.types';
import type { KakaoTokenLoginParams } from './verify-token-login';

/**
 * `(accessToken, refreshToken, profile, done)`, as `KakaoStrategy` and passport-kakao-token:
 * `accessToken` is undefined for an id_token-only login, `refreshToken` is always undefined
 * (the client keeps its refresh token).
 */
export type KakaoTokenVerifyFunction = (
  accessToken: string | undefined,
  refreshToken: undefined,
  profile: KakaoProfile,
  done: KakaoVerifyCallback,
) => void;

/** `(accessToken, refreshToken, params, profile, done)`: `params` carries `id_token`, `expires_in`, `app_id`. */
export type KakaoTokenVerifyFunctionWithParams = (
  accessToken: string | undefined,
  refreshToken: undefined,
  params: KakaoTokenLoginParams,
  profile: KakaoProfile,
  done: KakaoVerifyCallback,
) => void;

/** With `passReqToCallback: true`, `req` comes first. */
export type KakaoTokenVerifyFunctionWithRequest<Req extends IncomingMessage = IncomingMessage> = (
  req: Req,
  accessToken: string | undefined,
  refreshToken: undefined,
  profile: KakaoProfile,
  done: KakaoVerifyCallback,
) => void;

export type KakaoTokenVerifyFunctionWithRequestAndParams<
  Req extends IncomingMessage = IncomingMessage,
> = (
  req: Req,
  accessToken: string | undefined,
  refreshToken: undefined,
  params: KakaoTokenLoginParams,
  profile: KakaoProfile,
  done: KakaoVerifyCallback,
) => void;

export type AnyKakaoTokenVerifyFunction =
  | KakaoTokenVerifyFunction
  | KakaoTokenVerifyFunctionWithParams
  | KakaoTokenVerifyFunctionWithRequest
  | KakaoTokenVerifyFunctionWithRequestAndParams;
