import type { Request } from 'express';
import type { KakaoProfile } from '../profile/kakao-profile';
import type { KakaoLoginTokens } from './kakao-auth.options';

/** The Kakao side of a finished login, kept per request for the flow that stores it. */
export interface KakaoLoginResult {
  profile: KakaoProfile;
  tokens: KakaoLoginTokens;
}

// On the request itself: Passport runs the strategy on a per-request copy, and the result must
// die with the request. A Symbol keeps it out of the way of the app's own request properties.
const LOGIN_RESULT = Symbol('kakao-auth.login-result');

type WithResult = Request & { [LOGIN_RESULT]?: KakaoLoginResult };

/** Set by `validate`, read by the flow once Passport hands the user over. */
export function rememberLoginResult(req: Request, result: KakaoLoginResult): void {
  (req as WithResult)[LOGIN_RESULT] = result;
}

export function loginResultOf(req: Request): KakaoLoginResult | undefined {
  return (req as WithResult)[LOGIN_RESULT];
}
