/**
 * A consumer with passport and no @nestjs/* installed (test/package/check-packed.sh): the
 * `nestjs-kakao-auth/passport` types must not need NestJS.
 */
import passport from 'passport';
import { KakaoStrategy, parseKakaoProfile } from 'nestjs-kakao-auth/passport';

passport.use(
  new KakaoStrategy(
    {
      clientID: 'rest-api-key',
      callbackURL: 'https://example.com/auth/kakao/callback',
      stateSecret: 'a-long-random-state-secret-of-32+chars',
    },
    (_accessToken, _refreshToken, profile, done) => done(null, { id: profile.id }),
  ),
);

export const id: string = parseKakaoProfile('{"id":1376016924426111111}').id;
