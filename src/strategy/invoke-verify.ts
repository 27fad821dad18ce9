import type { KakaoVerifyCallback } from './kakao-verify.types';

/**
 * Calls an app's verify callback the way passport-oauth2 does: its arity picks the form
 * (`params` before `profile` at 5 arguments, 6 with `req`), and `req` comes first with
 * `passReqToCallback`. A throw ends as `onThrow`, never as an unhandled exception.
 */
export function invokeVerify(
  verify: (...args: never[]) => void,
  call: {
    req?: unknown;
    accessToken: string | undefined;
    refreshToken: string | undefined;
    params: object;
    /** Undefined when `skipUserProfile` skipped it (without `openid`). */
    profile: object | undefined;
    done: KakaoVerifyCallback;
  },
  onThrow: (err: Error) => void,
): void {
  const fn = verify as unknown as (...args: unknown[]) => void;
  const withRequest = call.req !== undefined;
  const args: unknown[] =
    fn.length >= (withRequest ? 6 : 5)
      ? [call.accessToken, call.refreshToken, call.params, call.profile, call.done]
      : [call.accessToken, call.refreshToken, call.profile, call.done];
  if (withRequest) args.unshift(call.req);
  try {
    fn(...args);
  } catch (err) {
    onThrow(err instanceof Error ? err : new Error(String(err)));
  }
}
