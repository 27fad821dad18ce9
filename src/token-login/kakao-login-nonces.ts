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

const NONCE = /^[A-Za-z0-9_-]{43}$/;
const DEFAULT_TTL_SEC = 300;
const MAX_TTL_SEC = 3600;

/** Options of `KakaoLoginNonces`. */
export interface KakaoLoginNoncesOptions {
  /** Where issued nonces wait for redemption (default: an in-memory store; share one across instances). */
  store?: KakaoOneTimeStore;
  /** How long a nonce may wait for its id_token, in seconds (default 300, at most 3600). */
  ttlSec?: number;
  /** The cookie binding a nonce to the client that asked for it. */
  cookie?: KakaoBindingCookieOptions;
}

/** What `GET nonce` answers: pass `nonce` to the Kakao SDK's login call. */
export interface KakaoIssuedNonce {
  nonce: string;
  /** Seconds the nonce stays redeemable. */
  expiresIn: number;
}

/**
 * Server-issued, one-time, short-lived nonces for id_token logins. `issue` hands a client a
 * random 256-bit nonce bound to it by an HttpOnly cookie; `redeem` accepts it once, from that
 * client, before it expires. An id_token whose nonce was not issued here, was already used, or
 * comes from another client never logs in, so a captured id_token cannot be replayed.
 */
export class KakaoLoginNonces {
  /** Seconds a nonce stays redeemable. */
  readonly ttlSec: number;
  private readonly store: KakaoOneTimeStore;
  private readonly binding: BrowserBinding;

  constructor(options: KakaoLoginNoncesOptions = {}) {
    const ttl = options.ttlSec ?? DEFAULT_TTL_SEC;
    if (typeof ttl !== 'number' || !(ttl > 0) || ttl > MAX_TTL_SEC) {
      throw new KakaoConfigError(
        `KakaoLoginNonces: ttlSec must be between 1 and ${MAX_TTL_SEC} seconds (default ${DEFAULT_TTL_SEC}): long enough for the SDK login, short enough that a nonce cannot linger`,
      );
    }
    this.ttlSec = ttl;
    this.store = options.store ?? new MemoryOneTimeStore();
    this.binding = new BrowserBinding(options.cookie);
  }

  /** A fresh nonce for this client; sets the binding cookie on `res`. */
  async issue(req: IncomingMessage, res: ServerResponse): Promise<KakaoIssuedNonce> {
    const binding = this.binding.ensure(req, res);
    const nonce = randomToken();
    await this.store.set(`nonce:${hashOf(nonce)}`, binding, this.ttlSec);
    return { nonce, expiresIn: this.ttlSec };
  }

  /** True once for a nonce issued to this client and not expired; false ever after. */
  async redeem(req: IncomingMessage, nonce: unknown): Promise<boolean> {
    if (typeof nonce !== 'string' || !NONCE.test(nonce)) return false;
    const bound = await this.store.take(`nonce:${hashOf(nonce)}`);
    const binding = this.binding.current(req);
    return bound !== undefined && binding !== undefined && sameHash(bound, binding);
  }
}
