/** README.ko snippet (compiled by test/package/readme-snippets.e2e-spec.ts). */
// #region readme
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import { KakaoStrategy } from 'nestjs-kakao-auth/passport';

passport.use(
  new KakaoStrategy(
    {
      clientID: process.env.KAKAO_CLIENT_ID!, // REST API 키
      clientSecret: process.env.KAKAO_CLIENT_SECRET, // 클라이언트 시크릿을 켠 경우에만
      callbackURL: 'http://localhost:3000/auth/kakao/callback',
    },
    (_accessToken, _refreshToken, profile, done) => {
      // profile.id는 정확한 문자열입니다. profile.email은 동의한 경우에만 있으니 emailVerified를 확인하세요.
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
