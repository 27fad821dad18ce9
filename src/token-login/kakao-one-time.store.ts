import { KakaoTokenLoginError } from './kakao-token-login.error';

/**
 * Where one-time values live between issue and redemption: login nonces (`GET nonce`) and SPA
 * handoff codes (`POST exchange`). Keys are hashes, never the values a client holds. `take` must
 * return and delete in one step (Redis `GETDEL`), so that a value is redeemed once even with
 * several app instances; an expired key yields `undefined`.
 *
 * ```ts
 * const redisStore: KakaoOneTimeStore = {
 *   set: async (key, value, ttlSec) => { await redis.set(`kakao:${key}`, value, { EX: ttlSec }); },
 *   take: async (key) => (await redis.getDel(`kakao:${key}`)) ?? undefined,
 * };
 * ```
 */
export interface KakaoOneTimeStore {
  /** Keeps `value` under `key` for `ttlSec` seconds. */
  set(key: string, value: string, ttlSec: number): Promise<void> | void;
  /** Returns the value and deletes it, atomically; `undefined` when unknown, taken or expired. */
  take(key: string): Promise<string | undefined> | string | undefined;
  /**
   * Marks `key` as used for `ttlSec` seconds; true only for the first caller (Redis `SET NX PX`).
   * Optional: with it, cookie mode's used states are refused across instances too.
   */
  claim?(key: string, ttlSec: number): Promise<boolean> | boolean;
}

/** Options of `MemoryOneTimeStore`. */
export interface MemoryOneTimeStoreOptions {
  /** Entries kept at most (default 10000); when full of live entries, new ones are refused (503). */
  max?: number;
  /** Clock in epoch ms (default `Date.now`), for tests. */
  now?: () => number;
}

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * The default `KakaoOneTimeStore`: a bounded in-process map. Right for one instance; with several
 * instances behind a load balancer, pass a shared store (Redis) instead, or a value issued by
 * one instance is unknown to the others. When it is full of live entries it refuses new ones
 * (`rate_limited`, 503) rather than evicting a live entry someone is about to redeem.
 */
export class MemoryOneTimeStore implements KakaoOneTimeStore {
  private readonly entries = new Map<string, Entry>();
  private readonly max: number;
  private readonly now: () => number;

  constructor(options: MemoryOneTimeStoreOptions = {}) {
    this.max = options.max ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Entries held, expired ones included until they are swept. */
  get size(): number {
    return this.entries.size;
  }

  set(key: string, value: string, ttlSec: number): void {
    const now = this.now();
    this.entries.delete(key);
    if (this.entries.size >= this.max) this.sweep(now);
    this.entries.set(key, { value, expiresAt: now + ttlSec * 1000 });
  }

  take(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    return entry.expiresAt > this.now() ? entry.value : undefined;
  }

  claim(key: string, ttlSec: number): boolean {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > this.now()) return false;
    this.set(key, '1', ttlSec);
    return true;
  }

  /** Drops expired entries; still full of live ones, the new entry is refused. */
  private sweep(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    if (this.entries.size >= this.max) {
      throw new KakaoTokenLoginError(
        'rate_limited',
        `the one-time store holds ${this.max} live entries; refusing new ones rather than evicting them (rate-limit the routes that issue them, or raise max)`,
      );
    }
  }
}
