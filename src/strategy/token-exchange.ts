import type { OAuth2 } from 'oauth';
import { KakaoResponseError } from '../errors/kakao-response.error';
import { errorFromResponse } from '../http/kakao-error.mapper';
import type { KakaoTokenResponse } from '../types/kakao-user.types';
import { isOAuth2HttpError } from './oauth2-transport';

/** An app's `parseErrorResponse` override (passport-oauth2's hook). */
export type ParseErrorResponse = (body: string, status: number) => Error;

/** The error Kakao's answer maps to, when an app's `parseErrorResponse` returned its own. */
const kakaoCauses = new WeakMap<object, Error>();

/** The typed Kakao error behind `err` (the app's own error from `parseErrorResponse`), or `err`. */
export function kakaoCauseOf(err: Error): Error {
  return kakaoCauses.get(err) ?? err;
}

/**
 * The code exchange through `_oauth2.getOAuthAccessToken` (so an app's replaced `_oauth2` is
 * used, as in passport-oauth2). Kakao's error answers become typed errors, through the app's
 * `parseErrorResponse` when it has one.
 */
export function exchangeCode(
  oauth2: OAuth2,
  code: string,
  params: Record<string, unknown>,
  appParse: ParseErrorResponse | undefined,
): Promise<KakaoTokenResponse> {
  return new Promise<KakaoTokenResponse>((resolve, reject) => {
    oauth2.getOAuthAccessToken(code, params, (err, accessToken, refreshToken, results) => {
      if (err) return reject(tokenError(err, appParse));
      if (typeof accessToken !== 'string' || !accessToken)
        return reject(
          new KakaoResponseError(
            'POST /oauth/token',
            'unexpected',
            'the token response has no access_token',
          ),
        );
      const tokens = { ...(results as object), access_token: accessToken } as KakaoTokenResponse;
      if (typeof refreshToken === 'string') tokens.refresh_token = refreshToken;
      resolve(tokens);
    });
  });
}

/** An error of the token endpoint, through the app's `parseErrorResponse` when it has one. */
function tokenError(err: unknown, appParse: ParseErrorResponse | undefined): Error {
  if (!isOAuth2HttpError(err)) return err instanceof Error ? err : new Error(String(err));
  const own = errorFromResponse(
    'POST /oauth/token',
    { status: err.statusCode, text: err.data },
    'kauth',
  );
  if (!appParse) return own;
  let parsed: unknown;
  try {
    parsed = appParse(err.data, err.statusCode);
  } catch {
    parsed = undefined;
  }
  if (!(parsed instanceof Error)) return own;
  if (parsed !== own) kakaoCauses.set(parsed, own);
  return parsed;
}
