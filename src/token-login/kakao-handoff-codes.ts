import type { IncomingMessage, ServerResponse } from 'node:http';
import { KakaoConfigError } from '../errors/kakao-config.error';
import { randomToken } from '../strategy/pkce';
import {
  BrowserBinding,
  hashOf,
  type KakaoBindingCookieOptions,
  sameHash,
} from './browser-binding';
import { type KakaoOneTimeStore, MemoryOneTimeStore } from './kakao-one-time.store';

const CODE = /^[A-Za-z0-9_-]{43}$/;
const DEFAULT_TTL_SEC = 30;
const MAX_TTL_SEC = 60;

/** Options of `KakaoHandoffCodes`. */
export interface KakaoHandoffCodesOptions {
  /** Where codes wait for redemption (default: an in-memory store; share one across instances). */
  store?: KakaoOneTimeStore;
  /** How long a code stays redeemable, in seconds (default 30, at most 60). */
  ttlSec?: number;
  /** The cookie binding a code to the browser that started the login. */
  cookie?: KakaoBindingCookieOptions;
}

interface StoredCode {
  /** Hash of the browser binding. */
  b: string;
  /** The payload. */
  p: unknown;
}

/**
 * One-time codes that hand a finished login to a single-page app without putting tokens in a
 * URL: `bind` at login start sets the browser's binding cookie, `issue` at the callback stores
 * the payload under a random 256-bit code (delivered in the URL fragment), and `redeem` returns
 * it once, within `ttlSec`, to the same browser only. Payloads must be JSON-serializable.
 */
export class KakaoHandoffCodes<T> {
  /** Seconds a code stays redeemable. */
  readonly ttlSec: number;
  private readonly store: KakaoOneTimeStore;
  private readonly binding: BrowserBinding;

  constructor(options: KakaoHandoffCodesOptions = {}) {
    const ttl = options.ttlSec ?? DEFAULT_TTL_SEC;
    if (typeof ttl !== 'number' || !(ttl > 0) || ttl > MAX_TTL_SEC) {
      throw new KakaoConfigError(
        `KakaoHandoffCodes: ttlSec must be between 1 and ${MAX_TTL_SEC} seconds (default ${DEFAULT_TTL_SEC}); the SPA redeems the code as soon as it loads`,
      );
    }
    this.ttlSec = ttl;
    this.store = options.store ?? new MemoryOneTimeStore();
    this.binding = new BrowserBinding(options.cookie);
  }

  /** At login start: binds this browser (sets or renews the binding cookie). */
  bind(req: IncomingMessage, res: ServerResponse): void {
    this.binding.ensure(req, res);
  }

  /** A code for `payload`, bound to the browser of `req`; undefined when it has no binding cookie. */
  async issue(req: IncomingMessage, payload: T): Promise<string | undefined> {
    const binding = this.binding.current(req);
    if (binding === undefined) return undefined;
    const code = randomToken();
    const stored: StoredCode = { b: binding, p: payload };
    await this.store.set(`code:${hashOf(code)}`, JSON.stringify(stored), this.ttlSec);
    return code;
  }

  /**
   * The payload of `code`, once, for the browser it was issued to. A code presented by another
   * browser is burnt too: a stolen code is dead whoever tries it first.
   */
  async redeem(req: IncomingMessage, code: unknown): Promise<T | undefined> {
    if (typeof code !== 'string' || !CODE.test(code)) return undefined;
    const text = await this.store.take(`code:${hashOf(code)}`);
    const binding = this.binding.current(req);
    if (text === undefined || binding === undefined) return undefined;
    let stored: StoredCode;
    try {
      stored = JSON.parse(text) as StoredCode;
    } catch {
      return undefined;
    }
    return typeof stored.b === 'string' && sameHash(stored.b, binding)
      ? (stored.p as T)
      : undefined;
  }
}
