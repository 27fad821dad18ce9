/** passport-kakao@1.0.1 ships no type declarations; the bench needs only this much. */
declare module 'passport-kakao' {
  import type { Strategy as PassportStrategy } from 'passport';

  export interface PassportKakaoOptions {
    clientID: string;
    clientSecret?: string;
    callbackURL: string;
    state?: boolean;
  }

  export interface PassportKakaoProfile {
    provider: 'kakao';
    id: number;
    username?: string;
    displayName?: string;
    _raw: string;
    _json: Record<string, unknown>;
  }

  export class Strategy extends PassportStrategy {
    constructor(
      options: PassportKakaoOptions,
      verify: (
        accessToken: string,
        refreshToken: string,
        profile: PassportKakaoProfile,
        done: (err: Error | null, user?: object | false) => void,
      ) => void,
    );
    /** passport-oauth2's node-oauth client ("protected", used by subclasses). */
    _oauth2: { _authorizeUrl: string; _accessTokenUrl: string };
    _userProfileURL: string;
  }
}
