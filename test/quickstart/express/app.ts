/** Docs snippet: README "Quick start: plain Express", booted by .ci/suites/quickstart.sh. */
// #region readme
// src/app.ts
import express, { type ErrorRequestHandler } from 'express';
import session from 'express-session';
import passport from 'passport';
import { KakaoStrategy } from 'nestjs-kakao-auth/passport';

passport.use(
  new KakaoStrategy(
    {
      clientID: process.env.KAKAO_CLIENT_ID!, // REST API key
      clientSecret: process.env.KAKAO_CLIENT_SECRET, // only if the client secret is ON
      callbackURL: process.env.KAKAO_CALLBACK_URL ?? 'http://localhost:3000/auth/kakao/callback',
      authBaseURL: process.env.KAKAO_AUTH_BASE_URL, // unset: real Kakao
      apiBaseURL: process.env.KAKAO_API_BASE_URL,
    },
    (_accessToken, _refreshToken, profile, done) => {
      // profile.id is an exact string. profile.email comes only with consent: check emailVerified.
      done(null, { id: profile.id, nickname: profile.nickname });
    },
  ),
);
passport.serializeUser((user, done) => done(null, user));
passport.deserializeUser((user: Express.User, done) => done(null, user));

const html = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const app = express();
app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));
app.use(passport.session());
app.get('/auth/kakao', passport.authenticate('kakao'));
app.get(
  '/auth/kakao/callback',
  passport.authenticate('kakao', { failureRedirect: '/login', keepSessionInfo: true }),
  (_req, res) => res.redirect('/'),
);
app.get('/', (req, res) => {
  const user = req.user as { nickname?: string } | undefined;
  if (!user) return res.send('<a href="/auth/kakao">Log in with Kakao</a>');
  res.send(`<p>Hello, ${html(user.nickname ?? 'Kakao user')}</p>`);
});
app.get('/login', (_req, res) => {
  res.send('<p>Kakao login did not complete.</p><a href="/auth/kakao">Try again</a>');
});
// Last: errors get a page, never a stack trace (the error is logged without secrets).
app.use(((err, _req, res, _next) => {
  console.error(err);
  res.status(500).send('<p>Something went wrong.</p><a href="/">Home</a>');
}) as ErrorRequestHandler);

const port = Number(process.env.PORT ?? 3000);
app
  .listen(port)
  .on('listening', () => console.log(`http://localhost:${port}`))
  .on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EADDRINUSE') throw err;
    console.error(`Port ${port} is in use: stop the other server, or start with PORT=${port + 1}.`);
    process.exit(1);
  });
// #endregion
