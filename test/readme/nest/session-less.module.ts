/** docs/nest.md snippet "Session-less apps" (type-checked by test/package/readme-snippets.e2e-spec.ts). */
import { KakaoAuthModule } from 'nestjs-kakao-auth';
import type { KakaoProfile } from 'nestjs-kakao-auth';

declare const users: { findOrCreateFromKakao(profile: KakaoProfile): Promise<{ id: string }> };
declare const jwt: { sign(payload: object): string };

export const sessionLess =
  // #region readme
  KakaoAuthModule.forRoot({
    clientID: process.env.KAKAO_CLIENT_ID!,
    callbackURL: process.env.KAKAO_CALLBACK_URL!,
    session: false,
    stateSecret: process.env.KAKAO_STATE_SECRET, // 32+ random characters
    validateUser: ({ profile }) => users.findOrCreateFromKakao(profile),
    onLogin: (user, { res }) => {
      res.cookie('access_token', jwt.sign(user), { httpOnly: true, secure: true, sameSite: 'lax' });
    },
  });
// #endregion
