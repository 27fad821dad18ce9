import type { IncomingMessage, ServerResponse } from 'node:http';
import { BoundTickets, clientOf, ttlOption } from './bound-tickets';
import { BrowserBinding, type KakaoBindingCookieOptions } from './browser-binding';
import { type KakaoOneTimeStore, MemoryOneTimeStore } from './kakao-one-time.store';

/** Options of `KakaoLoginNonces`. */
export interface KakaoLoginNoncesOptions {
  /** Where issued nonces wait for redemption (default: an in-memory store; share one across instances). */
  store?: KakaoOneTimeStore;
  /** How long a nonce may wait for its id_token, in seconds (default 300, at most 3600). */
  ttlSeconds?: number;
  /** @deprecated Use `ttlSeconds` (the same value under the library's one naming). */
  ttlSec?: number;
  /** The cookie binding a nonce to the client that asked for it. */
  cookie?: KakaoBindingCookieOptions;
  /** Live nonces one browser binding may hold (default 10); beyond, its oldest is dropped. */
  maxPerBinding?: number;
  /** Live nonces one client address may hold (default 1000); beyond, its oldest is dropped. */
  maxPerClient?: number;
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
  readonly ttlSeconds: number;
  /** @deprecated Use `ttlSeconds`. */
  get ttlSec(): number {
    return this.ttlSeconds;
  }
  private readonly binding: BrowserBinding;
  private readonly tickets: BoundTickets;

  constructor(options: KakaoLoginNoncesOptions = {}) {
    // At most 3600 s: long enough for the SDK login, short enough that a nonce cannot linger.
    this.ttlSeconds = ttlOption('KakaoLoginNonces', options, 300, 3600);
    this.binding = new BrowserBinding(options.cookie);
    const store = options.store ?? new MemoryOneTimeStore();
    this.tickets = new BoundTickets('nonce', store, this.binding, this.ttlSeconds, {
      perBinding: options.maxPerBinding ?? 10,
      perClient: options.maxPerClient ?? 1000,
    });
  }

  /** A fresh nonce for this client; sets the binding cookie on `res`. */
  async issue(req: IncomingMessage, res: ServerResponse): Promise<KakaoIssuedNonce> {
    const nonce = await this.tickets.issue(this.binding.ensure(req, res), clientOf(req));
    return { nonce, expiresIn: this.ttlSeconds };
  }

  /** True once for a nonce issued to this client and not expired; false ever after. */
  async redeem(req: IncomingMessage, nonce: unknown): Promise<boolean> {
    return (await this.tickets.redeem(req, nonce)) !== undefined;
  }
}
