import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import passport from 'passport';
import {
  KakaoError,
  type KakaoProfile,
  KakaoStrategy,
  type KakaoStrategyOptions,
  reasonForError,
} from '../../src/passport';

export interface ExpressSampleOptions {
  kakao: KakaoStrategyOptions;
  /** Use express-session (default true); without it, login state lives in sealed cookies. */
  session?: boolean;
  sessionSecret?: string;
}

interface SampleUser {
  id: string;
  nickname?: string;
  email?: string;
  emailVerified?: boolean;
  accessToken: string;
}

/**
 * Kakao Login with plain Express + passport + `KakaoStrategy`. Kept tiny: this app is also the
 * fixture of the Express e2e tests, so what the README shows is what is tested.
 */
export function createExpressSample(options: ExpressSampleOptions): express.Express {
  const useSession = options.session !== false;
  const app = express();
  const auth = new passport.Passport();

  auth.use(
    new KakaoStrategy(options.kakao, (accessToken, _refreshToken, profile: KakaoProfile, done) => {
      const user: SampleUser = {
        id: profile.id,
        nickname: profile.displayName,
        email: profile.email,
        emailVerified: profile.emailVerified,
        accessToken,
      };
      done(null, user);
    }),
  );
  auth.serializeUser((user, done) => done(null, user));
  auth.deserializeUser((user: SampleUser, done) => done(null, user));

  if (useSession) {
    app.use(
      session({
        secret: options.sessionSecret ?? 'sample-session-secret-change-me',
        resave: false,
        saveUninitialized: false,
        cookie: { httpOnly: true, sameSite: 'lax' },
      }),
    );
    app.use(auth.session());
  }

  app.get('/', (req, res) => {
    const user = req.user as SampleUser | undefined;
    res
      .type('html')
      .send(
        user
          ? `<p>Logged in as ${escapeHtml(user.nickname ?? user.id)}</p><a href="/profile">Profile</a>`
          : '<a href="/auth/kakao">카카오 로그인</a>',
      );
  });

  app.get('/auth/kakao', (req, res, next) => {
    const returnTo = safeReturnTo(req.query.returnTo);
    auth.authenticate('kakao', {
      state: returnTo ? { returnTo } : undefined,
      session: useSession,
    } as passport.AuthenticateOptions)(req, res, next);
  });

  app.get('/auth/kakao/callback', (req, res, next) => {
    auth.authenticate(
      'kakao',
      (
        err: Error | null,
        user: SampleUser | false,
        info?: { reason?: string; state?: { returnTo?: string } },
      ) => {
        if (err) return next(err);
        if (!user)
          return res.redirect(
            `/login-failed?reason=${encodeURIComponent(info?.reason ?? 'kakao_error')}`,
          );
        const returnTo = safeReturnTo(info?.state?.returnTo) ?? '/profile';
        if (!useSession)
          return res.json({ user: { id: user.id, nickname: user.nickname }, returnTo });
        // keepSessionInfo keeps other tabs' pending logins across passport's session regeneration.
        req.logIn(user, { keepSessionInfo: true } as passport.LogInOptions, (loginErr) =>
          loginErr ? next(loginErr) : res.redirect(returnTo),
        );
      },
    )(req, res, next);
  });

  app.get('/profile', (req, res) => {
    const user = req.user as SampleUser | undefined;
    if (!user) return res.status(401).json({ error: 'not_logged_in' });
    res.json({
      id: user.id,
      nickname: user.nickname,
      email: user.email,
      emailVerified: user.emailVerified,
    });
  });

  app.get('/login-failed', (req, res) => {
    res
      .status(401)
      .type('html')
      .send(`<p>Login failed: ${escapeHtml(String(req.query.reason ?? ''))}</p>`);
  });

  app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
    const status = err instanceof KakaoError ? 502 : 500;
    res.status(status).json({
      error: err.name,
      reason: reasonForError(err),
      code: (err as { errorCode?: string }).errorCode,
      message: err.message,
    });
  });
  return app;
}

/** Only same-site relative paths (`/x`, not `//x` or `/\x`). */
function safeReturnTo(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : undefined;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
