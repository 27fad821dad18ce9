import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import passport from 'passport';

/** What every bench app keeps in the session after login (the same for every variant). */
export interface BenchUser {
  id: string;
  nickname?: string;
  accessToken: string;
}

/** Ends the callback: an error, a user to log in, or a refused login with a reason. */
export type CallbackDone = (err: Error | null, user?: BenchUser | false, reason?: string) => void;

/** The only part that differs between the bench apps: how a login starts and finishes. */
export interface LoginCode {
  /** GET /auth/kakao: redirect to Kakao's authorize URL. */
  start(req: Request, res: Response, next: NextFunction): void;
  /** GET /auth/kakao/callback: check state, exchange the code, get the profile. */
  callback(req: Request, res: Response, next: NextFunction, done: CallbackDone): void;
}

export interface BenchAppCounters {
  logins: number;
  failures: number;
  errors: number;
}

/**
 * The shell shared by every variant: express-session with a MemoryStore, a Passport instance
 * with `session()`, the login routes, a post-login page. After a successful callback every
 * variant does the same `req.logIn(user, { keepSessionInfo: true })` and redirects to /profile.
 */
export function createBenchApp(
  makeLogin: (auth: passport.PassportStatic) => LoginCode,
  store: session.MemoryStore,
  counters: BenchAppCounters,
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  const auth = new passport.Passport() as passport.PassportStatic;
  auth.serializeUser((user, done) => done(null, user));
  auth.deserializeUser((user: BenchUser, done) => done(null, user));
  const login = makeLogin(auth);

  app.use(
    session({
      store,
      secret: 'bench-session-secret-0123456789abcdef',
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax' },
    }),
  );
  app.use(auth.session());

  app.get('/auth/kakao', (req, res, next) => login.start(req, res, next));
  app.get('/auth/kakao/callback', (req, res, next) =>
    login.callback(req, res, next, (err, user, reason) => {
      if (err) return next(err);
      if (!user) {
        counters.failures += 1;
        return res.redirect(`/login-failed?reason=${encodeURIComponent(reason ?? 'unknown')}`);
      }
      req.logIn(user, { keepSessionInfo: true } as passport.LogInOptions, (loginErr) => {
        if (loginErr) return next(loginErr);
        counters.logins += 1;
        res.redirect('/profile');
      });
    }),
  );
  app.get('/profile', (req, res) => {
    const user = req.user as BenchUser | undefined;
    if (!user) return res.status(401).json({ error: 'not_logged_in' });
    res.json({ id: user.id, nickname: user.nickname });
  });
  app.get('/login-failed', (req, res) => {
    res.status(401).json({ error: 'login_failed', reason: String(req.query.reason ?? '') });
  });
  app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
    counters.errors += 1;
    res.status(500).json({ error: err.name, message: err.message });
  });
  return app;
}
