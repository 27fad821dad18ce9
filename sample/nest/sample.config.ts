import type { LogLevel } from '@nestjs/common';

/** Kakao settings of the sample: real Kakao keys, or the KakaoEmulator's URLs and keys. */
export interface SampleKakaoConfig {
  /** REST API key. */
  clientID: string;
  clientSecret?: string;
  /** Absolute; its origin is the app's origin (same-origin checks, logout redirect). */
  callbackURL: string;
  adminKey?: string;
  /** Set to the emulator's URLs; left out for real Kakao. */
  authBaseURL?: string;
  apiBaseURL?: string;
}

/** Everything `createNestSample` needs; `npm run sample` builds it from the environment. */
export interface NestSampleConfig {
  kakao: SampleKakaoConfig;
  /** Signs the session cookie (set SESSION_SECRET in production). */
  sessionSecret?: string;
  /** Labels the pages: `emulator` when running on the local KakaoEmulator. */
  mode?: 'emulator' | 'kakao';
  /** Nest's logger levels, or false for none (tests). */
  logger?: false | LogLevel[];
}
