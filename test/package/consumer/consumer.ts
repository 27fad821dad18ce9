/**
 * A TypeScript consumer of the packed package (test/package/check-packed.sh type-checks it with
 * `moduleResolution: node16` and `node`, `skipLibCheck: false`). In this repository tsconfig's
 * `paths` resolve the same imports to src/, so it also drifts with the source.
 */
import { Module } from '@nestjs/common';
import {
  KakaoAuthenticatedGuard,
  KakaoAuthError,
  KakaoAuthModule,
  type KakaoSessionUser,
} from 'nestjs-kakao-auth';
import {
  KakaoApiClient,
  type KakaoProfile,
  KakaoStrategy,
  type KakaoTokenResponse,
  type KakaoVerifyCallback,
} from 'nestjs-kakao-auth/passport';
import { KakaoEmulator } from 'nestjs-kakao-auth/testing';

export async function startEmulator(): Promise<{ kakao: KakaoEmulator; strategy: KakaoStrategy }> {
  const kakao = await KakaoEmulator.start({ autoApprove: true });
  const strategy = new KakaoStrategy(
    {
      clientID: kakao.clientID,
      callbackURL: 'http://127.0.0.1:3000/auth/kakao/callback',
      authBaseURL: kakao.authBaseURL,
      apiBaseURL: kakao.apiBaseURL,
      scope: ['account_email'],
    },
    (accessToken, refreshToken, profile, done) => {
      const id: string = profile.id;
      done(null, { id, accessToken, refreshToken, verified: profile.emailVerified === true });
    },
  );
  return { kakao, strategy };
}

export const withParams = new KakaoStrategy(
  { clientID: 'rest-api-key', callbackURL: 'https://example.com/auth/kakao/callback' },
  // The 5-argument form needs its parameters annotated: TypeScript cannot pick an overload by
  // the arity of an unannotated callback.
  (
    _at: string,
    _rt: string | undefined,
    params: KakaoTokenResponse,
    profile: KakaoProfile,
    done: KakaoVerifyCallback,
  ) => done(null, { id: profile.id, expiresIn: params.expires_in }),
);

@Module({
  imports: [
    KakaoAuthModule.forRoot({
      clientID: 'rest-api-key',
      clientSecret: 'client-secret',
      callbackURL: 'https://example.com/auth/kakao/callback',
      allowedScopes: ['account_email'],
      validateUser: ({ profile }) => ({ kakaoId: profile.id }),
      onUnlink: ({ userId }) => userId.length,
      isGlobal: true,
    }),
  ],
  providers: [KakaoAuthenticatedGuard],
})
export class AppModule {}

export function describeError(err: unknown, user?: KakaoSessionUser): string {
  if (err instanceof KakaoAuthError) return `${err.errorCode ?? err.error}: ${err.hint ?? ''}`;
  return user?.id ?? new KakaoApiClient({ clientID: 'rest-api-key' }).constructor.name;
}
