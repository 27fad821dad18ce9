/**
 * "Your app" of the README's emulator-in-tests example: an Express app that takes its Kakao
 * settings as arguments. Run by .ci/suites/quickstart.sh from the packed tarball.
 */
import express from 'express';
import passport from 'passport';
import { KakaoStrategy, type KakaoStrategyOptions } from 'nestjs-kakao-auth/passport';

export function createApp(kakao: KakaoStrategyOptions): express.Express {
  const app = express();
  const auth = new passport.Passport();
  auth.use(
    new KakaoStrategy(
      { ...kakao, stateSecret: 'a-test-only-state-secret-of-32-chars!' },
      (_a, _r, profile, done) => done(null, { id: profile.id }),
    ),
  );
  app.get('/auth/kakao', auth.authenticate('kakao', { session: false }));
  app.get(
    '/auth/kakao/callback',
    auth.authenticate('kakao', { session: false, failureRedirect: '/login-failed' }),
    (_req, res) => res.redirect('/'),
  );
  return app;
}
