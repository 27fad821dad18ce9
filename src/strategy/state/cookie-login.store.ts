import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KakaoConfigError } from '../../errors/kakao-config.error';
import { appendSetCookie, readCookie, readCookies } from './cookie-header';
import { checkStateCookiePath } from './cookie-path';
import type { PendingLogin, PendingLoginStore } from './pending-login';
import type { StateCipher } from './state-cipher';

/** App data (`{ returnTo }` …) a pending login may carry, as JSON: the cookie must stay small. */
export const MAX_APP_STATE_BYTES = 512;
/** One state cookie (`name=value`) at most; a login that would need more is refused. */
export const MAX_STATE_COOKIE_BYTES = 1200;
/**
 * All state cookies of a browser together: older pending logins are dropped to stay within it,
 * so that with the app's own cookies the Cookie header stays far below the 8 KB proxies accept
 * (a browser must never be locked out of the login route by its own pending logins).
 */
export const STATE_COOKIES_BUDGET_BYTES = 2048;
/** State cookies looked at per request beyond `max`: junk cookies must not cost a decryption each. */
const EXTRA_COOKIES_LOOKED_AT = 3;
const BINDING = /^[A-Za-z0-9_-]{22}$/;

/** Whether app data fits in a state cookie (a login with more is refused). */
export function appStateFits(appState: unknown): boolean {
  return (
    appState === undefined || Buffer.byteLength(JSON.stringify(appState)) <= MAX_APP_STATE_BYTES
  );
}

export interface CookieStoreOptions {
  /** Cookie names start with this (default `kakao_login`); `__Host-` is added on https. */
  prefix: string;
  path: string;
  /** https: `Secure`, `__Host-` names, Path=/. */
  secure: boolean;
  ttlSec: number;
  max: number;
  /**
   * Claims a used state once, for `ttlSec` (a shared store across instances: Redis SET NX PX).
   * Default: an in-process set.
   */
  claim?: (key: string, ttlSec: number) => Promise<boolean> | boolean;
  now?: () => number;
}

/** Compact form kept in the cookie: every byte counts against the cookie budget. */
interface SealedLogin {
  s: string;
  v?: string;
  n?: string;
  a?: unknown;
  r?: string;
  e: number;
  /** The browser binding the login was started from. */
  b?: string;
}

/**
 * Pending logins in sealed (AES-GCM), HttpOnly, SameSite=Lax, short-lived cookies, one per
 * login so two tabs do not overwrite each other; for apps without sessions. On https the cookies
 * are `__Host-` cookies (a sibling subdomain cannot plant one), and every pending login is bound
 * to a random per-browser value in a cookie of its own, so a sealed state copied into another
 * browser is refused there. A used state is cleared from the browser and claimed once (in this
 * process, or in the shared store given as `claim`), so it cannot be replayed with a copy.
 */
export class CookieLoginStore implements PendingLoginStore {
  private readonly used = new Map<string, number>();
  private readonly now: () => number;
  private readonly prefix: string;
  private readonly path: string;
  private readonly bindingName: string;
  private checkedLoginRoute?: string;

  constructor(
    private readonly cipher: StateCipher,
    private readonly options: CookieStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.prefix = options.secure ? `__Host-${options.prefix}` : options.prefix;
    this.path = options.secure ? '/' : options.path;
    this.bindingName = `${this.prefix}-bind`;
  }

  async put(req: IncomingMessage, login: PendingLogin): Promise<void> {
    const appState = login.appState === undefined ? undefined : JSON.stringify(login.appState);
    if (appState !== undefined && Buffer.byteLength(appState) > MAX_APP_STATE_BYTES) {
      throw new KakaoConfigError(
        `KakaoStrategy: the app state of this login (the per-request state option, e.g. { returnTo }) is ${Buffer.byteLength(appState)} bytes of JSON; at most ${MAX_APP_STATE_BYTES} fit in the state cookie: keep a short returnTo or an id of data kept elsewhere`,
      );
    }
    if (this.path !== '/') this.checkLoginRoute(req);
    const res = responseOf(req);
    const current = this.currentBinding(req);
    const binding = current ?? randomBytes(16).toString('base64url');
    const sealed: SealedLogin = {
      s: login.state,
      v: login.verifier,
      n: login.nonce,
      a: login.appState,
      r: login.redirectURI,
      e: login.expiresAt,
      b: binding,
    };
    const name = this.nameFor(login.state);
    const value = this.cipher.seal(JSON.stringify(sealed));
    const size = name.length + 1 + value.length;
    if (size > MAX_STATE_COOKIE_BYTES) {
      throw new KakaoConfigError(
        `KakaoStrategy: this pending login needs a ${size}-byte state cookie, more than the ${MAX_STATE_COOKIE_BYTES} allowed; shorten the per-request state option and callbackURL`,
      );
    }
    // Set once, as a browser-session cookie: no renewal, no cost on later logins.
    if (current === undefined)
      appendSetCookie(res, this.bindingName, binding, {
        path: this.path,
        secure: this.options.secure,
      });
    this.dropOldest(req, res, size);
    appendSetCookie(res, name, value, {
      path: this.path,
      secure: this.options.secure,
      maxAgeSec: this.options.ttlSec,
    });
  }

  async take(req: IncomingMessage, state: string): Promise<PendingLogin | undefined> {
    const name = this.nameFor(state);
    const value = readCookie(req, name);
    if (value === undefined) return undefined;
    this.clear(responseOf(req), name);
    const login = this.openOne(value);
    const now = this.now();
    if (!login || login.s !== state || login.e <= now) return undefined;
    if (!sameBinding(login.b, this.currentBinding(req))) return undefined;
    // login.s, not the query's state: V8 would keep the whole request URL alive behind the slice.
    if (!(await this.claimOnce(login.s, login.e, now))) return undefined;
    return {
      state: login.s,
      verifier: login.v,
      nonce: login.n,
      appState: login.a,
      redirectURI: login.r,
      expiresAt: login.e,
    };
  }

  /** The login route must see the pending logins (for the cap), so the cookie path must cover it. */
  private checkLoginRoute(req: IncomingMessage): void {
    const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
    const path = url.split('?')[0];
    if (this.checkedLoginRoute === path) return;
    checkStateCookiePath('KakaoStrategy', this.path, [['login', path]]);
    this.checkedLoginRoute = path;
  }

  /** The cookie name is derived from the state, so the callback finds its cookie directly. */
  private nameFor(state: string): string {
    return `${this.prefix}.${createHash('sha256').update(state).digest('base64url').slice(0, 12)}`;
  }

  /** Drops the oldest pending logins (and unreadable cookies) beyond `max` or the byte budget. */
  private dropOldest(req: IncomingMessage, res: ServerResponse, incoming: number): void {
    const limit = this.options.max + EXTRA_COOKIES_LOOKED_AT;
    const existing: Array<{ name: string; size: number; expiresAt: number }> = [];
    for (const [name, value] of readCookies(req, `${this.prefix}.`, limit)) {
      const login = value.length <= MAX_STATE_COOKIE_BYTES ? this.openOne(value) : undefined;
      // Unreadable (junk, tampered, another secret's): useless, cleared at once.
      if (login === undefined) this.clear(res, name);
      else existing.push({ name, size: name.length + 1 + value.length, expiresAt: login.e });
    }
    existing.sort((a, b) => a.expiresAt - b.expiresAt);
    let count = existing.length + 1;
    let bytes = existing.reduce((sum, c) => sum + c.size, incoming);
    for (const old of existing) {
      if (count <= this.options.max && bytes <= STATE_COOKIES_BUDGET_BYTES) break;
      this.clear(res, old.name);
      count -= 1;
      bytes -= old.size;
    }
  }

  private openOne(value: string): SealedLogin | undefined {
    const plain = this.cipher.open(value);
    if (plain === undefined) return undefined;
    try {
      const parsed = JSON.parse(plain) as SealedLogin;
      return typeof parsed.s === 'string' && typeof parsed.e === 'number' ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  private currentBinding(req: IncomingMessage): string | undefined {
    const value = readCookie(req, this.bindingName);
    return value !== undefined && BINDING.test(value) ? value : undefined;
  }

  private clear(res: ServerResponse, name: string): void {
    appendSetCookie(res, name, '', { path: this.path, secure: this.options.secure, maxAgeSec: 0 });
  }

  private async claimOnce(state: string, expiresAt: number, now: number): Promise<boolean> {
    if (this.options.claim) {
      const ttlSec = Math.max(1, Math.ceil((expiresAt - now) / 1000));
      return this.options.claim(
        `state:${createHash('sha256').update(state).digest('base64url')}`,
        ttlSec,
      );
    }
    this.forgetExpired(now);
    if (this.used.has(state)) return false;
    this.used.set(state, expiresAt);
    return true;
  }

  private forgetExpired(now: number): void {
    if (this.used.size < 1000) return;
    // Every state gets the same TTL, so insertion order is close to expiry order: stop at the
    // first live entry instead of walking the whole map on every callback.
    for (const [state, expiresAt] of this.used) {
      if (expiresAt > now) break;
      this.used.delete(state);
    }
  }
}

function sameBinding(sealed: string | undefined, current: string | undefined): boolean {
  if (sealed === undefined || current === undefined || sealed.length !== current.length)
    return false;
  return timingSafeEqual(Buffer.from(sealed), Buffer.from(current));
}

function responseOf(req: IncomingMessage): ServerResponse {
  const res = (req as IncomingMessage & { res?: ServerResponse }).res;
  if (!res || typeof res.setHeader !== 'function') {
    throw new KakaoConfigError(
      'KakaoStrategy: cookie state needs req.res (Express or NestJS on Express); use express-session with stateStore "session" on other servers',
    );
  }
  return res;
}
