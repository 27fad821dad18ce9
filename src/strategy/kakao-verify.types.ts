import type { IncomingMessage } from 'node:http';
import type { KakaoProfile } from '../profile/kakao-profile';
import type { KakaoTokenResponse } from '../types/kakao-user.types';

/** Passport's `done`: a user logs in, `false` refuses the login (with `info`), an error aborts. */
export type KakaoVerifyCallback = (err?: Error | null, user?: unknown, info?: object) => void;

/** `(accessToken, refreshToken, profile, done)`: the passport-kakao form. */
export type KakaoVerifyFunction = (
  accessToken: string,
  refreshToken: string | undefined,
  profile: KakaoProfile,
  done: KakaoVerifyCallback,
) => void;

/** `(accessToken, refreshToken, params, profile, done)`: `params` is Kakao's token response. */
export type KakaoVerifyFunctionWithParams = (
  accessToken: string,
  refreshToken: string | undefined,
  params: KakaoTokenResponse,
  profile: KakaoProfile,
  done: KakaoVerifyCallback,
) => void;

/** With `passReqToCallback: true`, `req` comes first. */
export type KakaoVerifyFunctionWithRequest<Req extends IncomingMessage = IncomingMessage> = (
  req: Req,
  accessToken: string,
  refreshToken: string | undefined,
  profile: KakaoProfile,
  done: KakaoVerifyCallback,
) => void;

export type KakaoVerifyFunctionWithRequestAndParams<Req extends IncomingMessage = IncomingMessage> =
  (
    req: Req,
    accessToken: string,
    refreshToken: string | undefined,
    params: KakaoTokenResponse,
    profile: KakaoProfile,
    done: KakaoVerifyCallback,
  ) => void;

export type AnyKakaoVerifyFunction =
  | KakaoVerifyFunction
  | KakaoVerifyFunctionWithParams
  | KakaoVerifyFunctionWithRequest
  | KakaoVerifyFunctionWithRequestAndParams;
