import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { readCookies } from './state/cookie-header';
import type { StateCipher } from './state/state-cipher';

/** Why a callback found no pending login, as far as the request shows. */
export type MissingLoginCause =
  | 'no_state'
  | 'host_mismatch'
  | 'secure_cookie_on_http'
  | 'cookie_path'
  | 'no_cookie'
  | 'other_secret'
  | 'other_instance'
  | 'used_or_expired';

/** What the strategy knows about where its pending logins live. */
export interface DiagnosisContext {
  mode: 'session' | 'cookie';
  /** Host the login started on, when it was not the callback's host. */
  loginHost?: string;
  cookiePrefix: string;
  cookiePath: string;
  cipher?: StateCipher;
}

type DiagnosedRequest = IncomingMessage & {
  secure?: boolean;
  sessionID?: string;
  session?: Record<string, unknown> & { cookie?: { secure?: boolean | 'auto' } };
  sessionStore?: object;
};

/** The most likely cause, checked from the most to the least specific. */
export function diagnoseMissingLogin(
  req: IncomingMessage,
  state: string | undefined,
  ctx: DiagnosisContext,
): MissingLoginCause {
  const r = req as DiagnosedRequest;
  if (!state) return 'no_state';
  if (ctx.loginHost !== undefined && ctx.loginHost !== requestHost(req)) return 'host_mismatch';
  if (ctx.mode === 'session' && r.session?.cookie?.secure === true && !isHttps(r))
    return 'secure_cookie_on_http';
  if (ctx.mode === 'cookie' && !pathCovers(ctx.cookiePath, requestPath(req))) return 'cookie_path';
  if (!req.headers.cookie) return 'no_cookie';
  if (ctx.mode === 'cookie') {
    const cookies = [...readCookies(req, `${ctx.cookiePrefix}.`).values()];
    if (cookies.length && ctx.cipher && cookies.every((c) => ctx.cipher!.open(c) === undefined))
      return 'other_secret';
    return 'used_or_expired';
  }
  return r.session && isNewSession(r) ? 'other_instance' : 'used_or_expired';
}

/** The warning for a cause: what happened and how to fix it. */
export function missingLoginWarning(
  cause: MissingLoginCause,
  req: IncomingMessage,
  ctx: DiagnosisContext,
): string {
  const head = 'KakaoStrategy: invalid_state:';
  switch (cause) {
    case 'no_state':
      return `${head} the callback has no state parameter. Start every login at the app's login route (passport.authenticate('kakao')), never with a hand-made Kakao URL.`;
    case 'host_mismatch':
      return `${head} the login started on ${ctx.loginHost} but the callback came to ${requestHost(req)}; cookies are per host, so the browser did not send the login's cookie back. Open the app on the host of callbackURL, or set callbackURL to the host users open (localhost and 127.0.0.1 are different hosts).`;
    case 'secure_cookie_on_http':
      return `${head} the session cookie is Secure but the request came over http, so the browser never kept it. Serve the app over https (behind a TLS proxy: app.set('trust proxy', 1)), or set cookie.secure only in production.`;
    case 'cookie_path':
      return `${head} the state cookie's path (${ctx.cookiePath}) does not cover the callback path ${requestPath(req)}, so the browser did not send it. Set stateCookiePath to "/" or to a prefix of the callback path.`;
    case 'no_cookie':
      return `${head} the callback came with no cookie at all, so there is no ${ctx.mode === 'session' ? 'session' : 'state cookie'} to find the login in. Check that the login started in this browser on the same host, that cookies are not blocked, and that the session middleware runs before passport.`;
    case 'other_secret':
      return `${head} a state cookie arrived but none opens with this stateSecret: the login was started by an instance with another stateSecret, or before a rotation that dropped the old secret. Give every instance the same stateSecret list; rotate by putting the new secret first and keeping the old one until logins in flight are done.`;
    case 'other_instance':
      return `${head} the session holds no pending Kakao login: the login started on another instance whose session store is not shared${isMemoryStore(req) ? ' (MemoryStore keeps sessions per process)' : ''}, the session expired, or a new session replaced it. Use one shared session store (e.g. Redis) for every instance.`;
    case 'used_or_expired':
      return `${head} no pending login matches this state: it was already used (a replayed or double-submitted callback), it expired (stateTtlSeconds), or it was dropped because more than maxPendingLogins logins were started in this browser.`;
  }
}

/** The host the browser sent the request to (X-Forwarded-Host first, as a proxy rewrites Host). */
export function requestHost(req: IncomingMessage): string {
  const forwarded = req.headers['x-forwarded-host'];
  const value = (Array.isArray(forwarded) ? forwarded[0] : forwarded) ?? req.headers.host ?? '';
  const comma = value.indexOf(',');
  return (comma < 0 ? value : value.slice(0, comma)).trim().toLowerCase();
}

function requestPath(req: IncomingMessage): string {
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/** RFC 6265 path-match. */
function pathCovers(cookiePath: string, path: string): boolean {
  if (path === cookiePath) return true;
  if (!path.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || path[cookiePath.length] === '/';
}

function isHttps(req: DiagnosedRequest): boolean {
  if (typeof req.secure === 'boolean') return req.secure;
  return (req.socket as TLSSocket | undefined)?.encrypted === true;
}

/**
 * A session the store did not know: express-session made a new id, which the browser's cookie
 * does not carry. Without an id (other session libraries), a session holding nothing is new.
 */
function isNewSession(req: DiagnosedRequest): boolean {
  if (typeof req.sessionID === 'string' && req.sessionID)
    return !(req.headers.cookie ?? '').includes(req.sessionID);
  return !!req.session && Object.keys(req.session).every((k) => k === 'cookie');
}

function isMemoryStore(req: IncomingMessage): boolean {
  const store = (req as DiagnosedRequest).sessionStore;
  return !!store && store.constructor?.name === 'MemoryStore';
}
