import type { IncomingMessage } from 'node:http';
import { renamedOption, seconds } from '../options/option-checks';
import { randomToken } from '../strategy/pkce';
import { type BrowserBinding, hashOf, sameHash } from './browser-binding';
import type { KakaoOneTimeStore } from './kakao-one-time.store';
import { TicketOwners } from './ticket-owners';

const TICKET = /^[A-Za-z0-9_-]{43}$/;

interface StoredTicket {
  /** Hash of the client binding. */
  b: string;
  /** The payload, if any. */
  p?: unknown;
}

/** How many live tickets one browser binding and one client (address) may hold. */
export interface TicketCaps {
  perBinding: number;
  perClient: number;
}

/**
 * Random 256-bit one-time values (nonces, handoff codes) kept in a `KakaoOneTimeStore` under
 * their hash, with the hash of the client binding they were issued to. Redemption takes the
 * entry whatever happens next, so a value works once, and only from its client. A binding or a
 * client over its cap loses its own oldest ticket, so a flood never pushes out anyone else's.
 */
export class BoundTickets {
  private readonly owners = new TicketOwners();

  constructor(
    private readonly kind: 'nonce' | 'code',
    private readonly store: KakaoOneTimeStore,
    private readonly binding: BrowserBinding,
    readonly ttlSec: number,
    private readonly caps: TicketCaps,
  ) {}

  async issue(bindingHash: string, client: string, payload?: unknown): Promise<string> {
    const ticket = randomToken();
    const key = this.key(ticket);
    const stored: StoredTicket = { b: bindingHash, p: payload };
    const evicted = this.owners.add(key, this.ttlSec, [
      [`b:${bindingHash}`, this.caps.perBinding],
      [`c:${client}`, this.caps.perClient],
    ]);
    for (const old of evicted) await this.store.take(old);
    await this.store.set(key, JSON.stringify(stored), this.ttlSec);
    return ticket;
  }

  /** `{ payload }` once for a fresh ticket presented by its own client, else undefined. */
  async redeem(req: IncomingMessage, ticket: unknown): Promise<{ payload: unknown } | undefined> {
    if (typeof ticket !== 'string' || !TICKET.test(ticket)) return undefined;
    const text = await this.store.take(this.key(ticket));
    const binding = this.binding.current(req);
    if (text === undefined || binding === undefined) return undefined;
    let stored: StoredTicket;
    try {
      stored = JSON.parse(text) as StoredTicket;
    } catch {
      return undefined;
    }
    return typeof stored.b === 'string' && sameHash(stored.b, binding)
      ? { payload: stored.p }
      : undefined;
  }

  private key(ticket: string): string {
    return `${this.kind}:${hashOf(ticket)}`;
  }
}

/** The client a request comes from: Express's `req.ip` (honours `trust proxy`), else the socket's. */
export function clientOf(req: IncomingMessage): string {
  const ip = (req as { ip?: unknown }).ip;
  return typeof ip === 'string' && ip ? ip : (req.socket?.remoteAddress ?? 'unknown');
}

/** `ttlSeconds` (or its deprecated name `ttlSec`), 1 to `max` seconds; `fallback` when left out. */
export function ttlOption(
  owner: string,
  options: { ttlSeconds?: number; ttlSec?: number },
  fallback: number,
  max: number,
): number {
  const { name, value } = renamedOption(owner, options, 'ttlSeconds', 'ttlSec');
  return seconds(owner, name, value, fallback, { min: 1, max });
}
