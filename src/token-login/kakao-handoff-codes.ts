import type { IncomingMessage, ServerResponse } from 'node:http';
import { BoundTickets, clientOf, ttlOption } from './bound-tickets';
import { BrowserBinding, type KakaoBindingCookieOptions } from './browser-binding';
import { type KakaoOneTimeStore, MemoryOneTimeStore } from './kakao-one-time.store';

/** Options of `KakaoHandoffCodes`. */
export interface KakaoHandoffCodesOptions {
  /** Where codes wait for redemption (default: an in-memory store; share one across instances). */
  store?: KakaoOneTimeStore;
  /** How long a code stays redeemable, in seconds (default 30, at most 60). */
  ttlSeconds?: number;
  /** @deprecated Use `ttlSeconds` (the same value under the library's one naming). */
  ttlSec?: number;
  /** The cookie binding a code to the browser that started the login. */
  cookie?: KakaoBindingCookieOptions;
  /** Live codes one browser binding may hold (default 5); beyond, its oldest is dropped. */
  maxPerBinding?: number;
  /** Live codes one client address may hold (default 1000); beyond, its oldest is dropped. */
  maxPerClient?: number;
}

/**
 * One-time codes that hand a finished login to a single-page app without putting tokens in a
 * URL: `bind` at login start sets the browser's binding cookie, `issue` at the callback stores
 * the payload under a random 256-bit code (delivered in the URL fragment), and `redeem` returns
 * it once, within `ttlSeconds`, to the same browser only. A code presented by another browser is
 * burnt too: a stolen code is dead whoever tries it first. Payloads must be JSON-serializable.
 */
export class KakaoHandoffCodes<T> {
  /** Seconds a code stays redeemable. */
  readonly ttlSeconds: number;
  /** @deprecated Use `ttlSeconds`. */
  get ttlSec(): number {
    return this.ttlSeconds;
  }
  private readonly binding: BrowserBinding;
  private readonly tickets: BoundTickets;

  constructor(options: KakaoHandoffCodesOptions = {}) {
    // At most 60 s: the SPA redeems the code as soon as it loads.
    this.ttlSeconds = ttlOption('KakaoHandoffCodes', options, 30, 60);
    this.binding = new BrowserBinding(options.cookie);
    const store = options.store ?? new MemoryOneTimeStore();
    this.tickets = new BoundTickets('code', store, this.binding, this.ttlSeconds, {
      perBinding: options.maxPerBinding ?? 5,
      perClient: options.maxPerClient ?? 1000,
    });
  }

  /** At login start: binds this browser (sets or renews the binding cookie). */
  bind(req: IncomingMessage, res: ServerResponse): void {
    this.binding.ensure(req, res);
  }

  /** A code for `payload`, bound to the browser of `req`; undefined when it has no binding cookie. */
  async issue(req: IncomingMessage, payload: T): Promise<string | undefined> {
    const binding = this.binding.current(req);
    return binding === undefined ? undefined : this.tickets.issue(binding, clientOf(req), payload);
  }

  /** The payload of `code`, once, for the browser it was issued to. */
  async redeem(req: IncomingMessage, code: unknown): Promise<T | undefined> {
    const ticket = await this.tickets.redeem(req, code);
    return ticket === undefined ? undefined : (ticket.payload as T);
  }
}
