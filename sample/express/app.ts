import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import passport from 'passport';
import {
  KakaoApiClient,
  KakaoApiError,
  KakaoError,
  type KakaoProfile,
  KakaoStrategy,
  type KakaoStrategyOptions,
  reasonForError,
  safeReturnTo,
} from '../../src/passport';
import {
  type HomeNotice,
  PAGE_HEADERS,
  renderHome,
  renderProfile,
  type SampleInfo,
  type SampleLinks,
} from '../shared/sample-pages.html';
import { isSameOrigin, type SampleUser, toSampleUser } from '../shared/sample-user';

export interface ExpressSampleOptions {
  kakao: KakaoStrategyOptions;
  /** Use express-session (default true); without it, login state lives in sealed cookies. */
  session?: boolean;
  sessionSecret?: string;
  /** Labels the pages: `emulator` when running on the local KakaoEmulator. */
  mode?: 'emulator' | 'kakao';
}

const LINKS: SampleLinks = {
  login: '/auth/kakao',
  consent: (scope) => `/auth/kakao?scope=${encodeURIComponent(scope)}`,
  logout: '/logout',
  accountLogout: '/logout/kakao-account',
  unlink: '/unlink',
  profile: '/profile',
};

/** Consent items `GET /auth/kakao?scope=` may ask for (additional consent). */
const ALLOWED_SCOPES = new Set(['account_email']);
/** `state` the Kakao account logout echoes back to the home page. */
const ACCOUNT_LOGOUT_STATE = 'kakao-logout';

/**
 * Kakao Login with plain Express + passport + `KakaoStrategy`, and `KakaoApiClient` for logout
 * and unlink. This app is also the fixture of the Express e2e tests, so what the README shows is
 * what is tested. `/profile` answers JSON to API clients and HTML to browsers.
 */
export function createExpressSample(options: ExpressSampleOptions): express.Express {
  const useSession = options.session !== false;
  const app = express();
  const auth = new passport.Passport();
  const kakaoApi = new KakaoApiClient({
    clientID: options.kakao.clientID,
    clientSecret: options.kakao.clientSecret,
    authBaseURL: options.kakao.authBaseURL,
    apiBaseURL: options.kakao.apiBaseURL,
    ca: options.kakao.ca,
  });
  const origin = new URL(options.kakao.callbackURL).origin;
  const info: SampleInfo = { framework: 'Express', kakao: options.mode ?? 'kakao' };

  auth.use(
    new KakaoStrategy(options.kakao, (accessToken, _refreshToken, profile: KakaoProfile, done) =>
      done(null, toSampleUser(profile, accessToken)),
    ),
  );
  auth.serializeUser((user, done) => done(null, user));
  auth.deserializeUser((user: SampleUser, done) => done(null, user));

  if (useSession) {
    app.use(
      session({
        name: 'sample.sid',
        secret: options.sessionSecret ?? 'sample-session-secret-change-me',
        resave: false,
        saveUninitialized: false,
        cookie: { httpOnly: true, sameSite: 'lax', secure: origin.startsWith('https:') },
      }),
    );
    app.use(auth.session());
  }

  const page = (res: Response, html: string, status = 200) =>
    res.status(status).set(PAGE_HEADERS).type('html').send(html);

  app.get('/', (req, res) => {
    const user = req.user as SampleUser | undefined;
    const notice: HomeNotice = {
      signedOut:
        req.query.state === ACCOUNT_LOGOUT_STATE
          ? 'kakao'
          : req.query.unlinked
            ? 'unlinked'
            : req.query.signedOut
              ? 'app'
              : undefined,
    };
    page(res, renderHome(info, LINKS, notice, user ? (user.nickname ?? user.id) : undefined));
  });

  app.get('/auth/kakao', (req, res, next) => {
    const returnTo = safeReturnTo(req.query.returnTo);
    const scope = typeof req.query.scope === 'string' ? req.query.scope : undefined;
    auth.authenticate('kakao', {
      state: returnTo ? { returnTo } : undefined,
      scope: scope && ALLOWED_SCOPES.has(scope) ? [scope] : undefined,
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
    res.format({
      json: () => {
        if (!user) return res.status(401).json({ error: 'not_logged_in' });
        res.json({
          id: user.id,
          nickname: user.nickname,
          email: user.email,
          emailVerified: user.emailVerified,
          missingConsents: user.missingConsents,
        });
      },
      html: () =>
        user
          ? page(res, renderProfile(info, LINKS, user))
          : res.redirect(`/auth/kakao?returnTo=${encodeURIComponent('/profile')}`),
    });
  });

  app.get('/login-failed', (req, res) => {
    const reason = String(req.query.reason ?? 'kakao_error');
    page(res, renderHome(info, LINKS, { failure: reason }), 401);
  });

  /** Logout, account logout and unlink: same-origin form POSTs from a logged-in session. */
  const accountAction =
    (action: (user: SampleUser) => Promise<string>) =>
    async (req: Request, res: Response, next: NextFunction) => {
      const user = req.user as SampleUser | undefined;
      if (!isSameOrigin(req.headers, origin))
        return res.status(403).json({ error: 'cross_site_request' });
      if (!user) return res.status(401).json({ error: 'not_logged_in' });
      try {
        const target = await action(user);
        await new Promise<void>((resolve, reject) =>
          req.session.destroy((err: unknown) => (err ? reject(err) : resolve())),
        );
        res.redirect(303, target);
      } catch (err) {
        next(err);
      }
    };

  app.post(
    '/logout',
    accountAction(async (user) => {
      await logoutAtKakao(kakaoApi, user.accessToken);
      return '/?signedOut=1';
    }),
  );

  app.post(
    '/logout/kakao-account',
    accountAction(async (user) => {
      await logoutAtKakao(kakaoApi, user.accessToken);
      // Kakao logs the browser out of the Kakao account, then comes back to `/` (register it
      // under [Kakao Login] > [Logout Redirect URI]).
      return kakaoApi.accountLogoutURL({
        logoutRedirectURI: `${origin}/`,
        state: ACCOUNT_LOGOUT_STATE,
      });
    }),
  );

  app.post(
    '/unlink',
    accountAction(async (user) => {
      await kakaoApi.unlink(user.accessToken);
      // Kakao sends no unlink webhook when the app unlinks: delete or disable the user here.
      return '/?unlinked=1';
    }),
  );

  // The one place errors end: a misconfiguration (KOE101, KOE006, KOE010) or a bug. The log gets
  // the typed error with its hint (no secrets: the library redacts them); the browser gets the
  // failure page with a reason, an API client the reason only, never a stack trace.
  app.use((err: Error, req: Request, res: Response, _next: NextFunction) => {
    console.error(`${req.method} ${req.path}: ${err.name}: ${err.message}`);
    const status = err instanceof KakaoError ? 502 : 500;
    const reason = reasonForError(err);
    res.format({
      html: () => page(res, renderHome(info, LINKS, { failure: reason }), status),
      default: () => res.status(status).json({ error: reason }),
    });
  });
  return app;
}

/** Token logout; -401 means the token already expired, which is as good as logged out. */
async function logoutAtKakao(kakaoApi: KakaoApiClient, accessToken: string): Promise<void> {
  try {
    await kakaoApi.logout(accessToken);
  } catch (err) {
    if (!(err instanceof KakaoApiError && err.code === -401)) throw err;
  }
}
