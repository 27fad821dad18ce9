import { errorFromResponse } from '../http/kakao-error.mapper';
import type { KakaoHttpClient } from '../http/kakao-http.client';
import type { KakaoProfile } from '../profile/kakao-profile';
import { parseKakaoProfile } from '../profile/parse-kakao-profile';
import { isOAuth2HttpError } from './oauth2-transport';
import type { ResolvedStrategyOptions } from './resolve-strategy-options';
import type { KakaoProfileCallback } from './strategy-request';

/** passport-oauth2's `skipUserProfile` option: a boolean, `() => boolean` or `(accessToken, done)`. */
export type SkipUserProfile = boolean | ((...args: unknown[]) => unknown) | undefined;

/** Our `/v2/user/me` (Bearer header, `secure_resource`, `property_keys`), URL built once. */
export class KakaoProfileFetcher {
  private readonly url: string;

  constructor(
    private readonly http: KakaoHttpClient,
    settings: ResolvedStrategyOptions,
  ) {
    const url = new URL(settings.userProfileURL);
    if (settings.secureResource) url.searchParams.set('secure_resource', 'true');
    if (settings.propertyKeys) url.searchParams.set('property_keys', settings.propertyKeys);
    this.url = url.toString();
  }

  fetch(accessToken: string): Promise<KakaoProfile> {
    return this.http
      .send({
        method: 'GET',
        url: this.url,
        endpoint: 'GET /v2/user/me',
        headers: { authorization: `Bearer ${accessToken}` },
        idempotent: true,
      })
      .then((res) => {
        if (res.status < 200 || res.status >= 300)
          throw errorFromResponse('GET /v2/user/me', res, 'kapi');
        return parseKakaoProfile(res.text);
      });
  }
}

/** Whether `skipUserProfile` says to skip `/v2/user/me` for this token. */
export function skipsProfile(
  skip: SkipUserProfile,
  accessToken: string,
): boolean | Promise<boolean> {
  if (typeof skip !== 'function') return skip === true;
  if (skip.length <= 1) return !!skip();
  return new Promise<boolean>((resolve, reject) =>
    skip(accessToken, (err: unknown, value: unknown) => (err ? reject(err) : resolve(!!value))),
  );
}

/** An app's `userProfile` override, called through its callback. */
export function profileFromHook(
  userProfile: (accessToken: string, done: KakaoProfileCallback) => void,
  accessToken: string,
): Promise<KakaoProfile | undefined> {
  return new Promise<KakaoProfile | undefined>((resolve, reject) =>
    userProfile(accessToken, (err, profile) => {
      if (!err) return resolve(profile);
      // node-oauth's `{ statusCode, data }` from `_oauth2.get` becomes Kakao's typed error.
      reject(
        isOAuth2HttpError(err)
          ? errorFromResponse('GET /v2/user/me', { status: err.statusCode, text: err.data }, 'kapi')
          : err,
      );
    }),
  );
}
