/** README snippet (compiled by test/package/readme-snippets.e2e-spec.ts). */
// #region readme
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import { KakaoStrategy } from 'nestjs-kakao-auth/passport';

passport.use(
  new KakaoStrategy(
    {
      clientID: process.env.KAKAO_CLIENT_ID!, // REST API key
      clientSecret: process.env.KAKAO_CLIENT_SECRET, // only if the client secret is ON
      callbackURL: 'http://localhost:3000/auth/kakao/callback',
    },
    (_accessToken, _refreshToken, profile, done) => {
      // profile.id is an exact string. profile.email comes only with consent: check emailVerified.
      done(null, { id: profile.id, nickname: profile.nickname });
    },
  ),
);
passport.serializeUser((user, done) => done(null, user));
passport.deserializeUser((user: Express.User, done) => done(null, user));

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));
app.use(passport.session());
app.get('/auth/kakao', passport.authenticate('kakao'));
app.get(
  '/auth/kakao/callback',
  passport.authenticate('kakao', { failureRedirect: '/login', keepSessionInfo: true }),
  (_req, res) => res.redirect('/'),
);
app.listen(3000);
// #endregion
