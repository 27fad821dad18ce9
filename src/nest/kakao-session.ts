import { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import passport from 'passport';
import {
  SERIALIZED_USER_KEY,
  SESSION_LOGIN_KEY,
  SESSION_PENDING_KEY,
} from './kakao-auth.internal-constants';
import type { KakaoAppUser, KakaoLoginTokens } from './kakao-auth.options';

/** The Kakao side of the session's login: what POST logout / unlink need. */
export interface KakaoSessionLogin {
  userId: string;
  tokens: KakaoLoginTokens;
}

type SessionData = Record<string, unknown> & {
  passport?: { user?: unknown };
  regenerate?(cb: (err?: unknown) => void): void;
  save?(cb: (err?: unknown) => void): void;
  destroy?(cb: (err?: unknown) => void): void;
};
type SessionRequest = Request & {
  session?: SessionData;
  logIn?(user: unknown, options: object, done: (err?: unknown) => void): void;
};

/**
 * The user the module is logging in on this request, so that its serializer (which Passport
 * hands the request) tells the module's users from other strategies' users.
 */
const LOGGING_IN = Symbol('kakao-auth.logging-in');

export function isLoggingIn(req: unknown, user: unknown): boolean {
  return (
    typeof req === 'object' &&
    req !== null &&
    (req as { [LOGGING_IN]?: unknown })[LOGGING_IN] === user
  );
}

/** The logged-in user: `req.user` (passport.session()), else what the module's serializer stored. */
export function currentUser(req: Request): unknown {
  const { user } = req as { user?: unknown };
  if (user) return user;
  const stored = (req as SessionRequest).session?.passport?.user;
  return isSerializedUser(stored) ? stored[SERIALIZED_USER_KEY] : undefined;
}

export function isSerializedUser(value: unknown): value is { [SERIALIZED_USER_KEY]: unknown } {
  return typeof value === 'object' && value !== null && SERIALIZED_USER_KEY in value;
}

export function sessionLogin(req: Request): KakaoSessionLogin | undefined {
  const login = (req as SessionRequest).session?.[SESSION_LOGIN_KEY] as
    KakaoSessionLogin | undefined;
  return login && typeof login.userId === 'string' && login.tokens ? login : undefined;
}

/**
 * Kakao's tokens of the session's login (access, refresh, id_token, expiry times), or `undefined`
 * when nobody logged in with Kakao. They live in the server-side session, never in the user
 * object, so pass them to `KakaoApiService` from here.
 */
export function kakaoTokensOf(req: Request): KakaoLoginTokens | undefined {
  return sessionLogin(req)?.tokens;
}

/**
 * Logs `user` in through Passport, which regenerates the session id (no session fixation), and
 * carries only the other tabs' pending Kakao logins over into the new session.
 */
export async function logInToSession(
  req: Request,
  user: KakaoAppUser,
  login: KakaoSessionLogin,
): Promise<void> {
  const r = req as SessionRequest;
  if (r.session && typeof r.logIn !== 'function') {
    // A login without passport.authenticate (token login, SPA exchange) in an app that does not
    // use passport.session(): passport.initialize() is what gives the request its logIn().
    const initialize = passport.initialize();
    await new Promise<void>((resolve) => initialize(req, {} as Response, () => resolve()));
  }
  if (!r.session || typeof r.logIn !== 'function') {
    throw new Error(
      'KakaoAuthModule: no session on the request; add express-session before the app routes (app.use(session({ … }))), or use session: false with an onLogin hook',
    );
  }
  const pending = r.session[SESSION_PENDING_KEY];
  const marked = r as SessionRequest & { [LOGGING_IN]?: unknown };
  marked[LOGGING_IN] = user;
  try {
    await new Promise<void>((resolve, reject) =>
      r.logIn!(user, { keepSessionInfo: false }, (err) => (err ? reject(err) : resolve())),
    );
  } finally {
    delete marked[LOGGING_IN];
  }
  const session = r.session;
  if (!isSerializedUser(session.passport?.user)) warnForeignSerializer();
  if (pending !== undefined) session[SESSION_PENDING_KEY] = pending;
  session[SESSION_LOGIN_KEY] = login;
  await call(session, 'save');
}

let warned = false;

function warnForeignSerializer(): void {
  if (warned) return;
  warned = true;
  new Logger('KakaoAuthModule').warn(
    "another Passport serializer stored the Kakao user before the module's own, so later requests will not find it; register yours after KakaoAuthModule.forRoot()/forRootAsync() runs (a PassportSerializer provider is), or make it pass on users it does not know (done('pass'))",
  );
}

/** Ends the local session: the stored user, the Kakao tokens, everything. */
export async function endSession(req: Request): Promise<void> {
  const r = req as SessionRequest & { user?: unknown };
  r.user = undefined;
  if (r.session) await call(r.session, 'destroy');
}

function call(session: SessionData, method: 'save' | 'destroy'): Promise<void> {
  const fn = session[method];
  if (typeof fn !== 'function') return Promise.resolve();
  return new Promise((resolve, reject) =>
    fn.call(session, (err?: unknown) => (err ? reject(err) : resolve())),
  );
}
