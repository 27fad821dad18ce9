import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KakaoConfigError } from '../../errors/kakao-config.error';
import { appendSetCookie, readCookies } from './cookie-header';
import type { PendingLogin, PendingLoginStore } from './pending-login';
import type { StateCipher } from './state-cipher';

export interface CookieStoreOptions {
  /** Cookie names start with this (default `kakao_login`). */
  prefix: string;
  path: string;
  secure: boolean;
  ttlSec: number;
  max: number;
  now?: () => number;
}

/** Compact form kept in the cookie: every byte counts against the 4 KB cookie limit. */
interface SealedLogin {
  s: string;
  v?: string;
  n?: string;
  a?: unknown;
  r?: string;
  e: number;
}

/**
 * Pending logins in sealed (AES-GCM), HttpOnly, SameSite=Lax, short-lived cookies, one per
 * login so two tabs do not overwrite each other; for apps without sessions. A used state is
 * cleared from the browser and remembered in memory until it expires, so it cannot be replayed
 * against this process even with a copy of the cookie.
 */
export class CookieLoginStore implements PendingLoginStore {
  private readonly used = new Map<string, number>();
  private readonly now: () => number;

  constructor(
    private readonly cipher: StateCipher,
    private readonly options: CookieStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async put(req: IncomingMessage, login: PendingLogin): Promise<void> {
    const res = responseOf(req);
    const existing = this.openAll(req);
    const excess = existing.length + 1 - this.options.max;
    if (excess > 0) {
      existing.sort((a, b) => a.login.e - b.login.e);
      for (const old of existing.slice(0, excess)) this.clear(res, old.name);
    }
    const sealed: SealedLogin = {
      s: login.state,
      v: login.verifier,
      n: login.nonce,
      a: login.appState,
      r: login.redirectURI,
      e: login.expiresAt,
    };
    appendSetCookie(res, this.nameFor(login.state), this.cipher.seal(JSON.stringify(sealed)), {
      path: this.options.path,
      secure: this.options.secure,
      maxAgeSec: this.options.ttlSec,
    });
  }

  async take(req: IncomingMessage, state: string): Promise<PendingLogin | undefined> {
    const name = this.nameFor(state);
    const value = readCookies(req, name).get(name);
    if (value === undefined) return undefined;
    this.clear(responseOf(req), name);
    const login = this.openOne(value);
    const now = this.now();
    if (!login || login.s !== state || login.e <= now) return undefined;
    this.forgetExpired(now);
    if (this.used.has(state)) return undefined;
    // login.s, not the query's state: V8 would keep the whole request URL alive behind the slice.
    this.used.set(login.s, login.e);
    return {
      state: login.s,
      verifier: login.v,
      nonce: login.n,
      appState: login.a,
      redirectURI: login.r,
      expiresAt: login.e,
    };
  }

  /** The cookie name is derived from the state, so the callback finds its cookie directly. */
  private nameFor(state: string): string {
    return `${this.options.prefix}.${createHash('sha256').update(state).digest('base64url').slice(0, 12)}`;
  }

  private openAll(req: IncomingMessage): Array<{ name: string; login: SealedLogin }> {
    const out: Array<{ name: string; login: SealedLogin }> = [];
    for (const [name, value] of readCookies(req, `${this.options.prefix}.`)) {
      const login = this.openOne(value);
      out.push({ name, login: login ?? { s: '', e: 0 } });
    }
    return out;
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

  private clear(res: ServerResponse, name: string): void {
    appendSetCookie(res, name, '', {
      path: this.options.path,
      secure: this.options.secure,
      maxAgeSec: 0,
    });
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

function responseOf(req: IncomingMessage): ServerResponse {
  const res = (req as IncomingMessage & { res?: ServerResponse }).res;
  if (!res || typeof res.setHeader !== 'function') {
    throw new KakaoConfigError(
      'KakaoStrategy: cookie state needs req.res (Express or NestJS on Express); use express-session with stateStore "session" on other servers',
    );
  }
  return res;
}
