import { Inject, Injectable } from '@nestjs/common';
import { KakaoApiClient } from '../api/kakao-api.client';
import { KAKAO_AUTH_RESOLVED_OPTIONS } from './kakao-auth.internal-constants';
import type { ResolvedKakaoAuthOptions } from './resolve-module-options';

/**
 * `KakaoApiClient` as a Nest provider, configured from the module options (client id and
 * secret, admin key, base URLs, timeout). Same methods: `logout`, `unlink`, `unlinkUser`, `getUser`, …
 */
@Injectable()
export class KakaoApiService extends KakaoApiClient {
  /** Nest injects it (the module's own providers); not part of the public API. @internal */
  constructor(@Inject(KAKAO_AUTH_RESOLVED_OPTIONS) { raw }: ResolvedKakaoAuthOptions) {
    super({
      clientID: raw.clientID,
      clientSecret: raw.clientSecret,
      adminKey: raw.adminKey,
      authBaseURL: raw.authBaseURL,
      apiBaseURL: raw.apiBaseURL,
      timeoutMs: raw.timeoutMs,
      maxResponseBytes: raw.maxResponseBytes,
      ca: raw.ca,
      agent: raw.agent,
    });
  }
}
