/** Stand-in for "your app" in the README's emulator snippet: an app that takes its Kakao settings as arguments. */
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
