import type { KakaoOneTimeStore } from '../token-login/kakao-one-time.store';

/**
 * A store that records a key only when it is absent, in one step (Redis `SET key v NX PX ms`),
 * so a SET delivered to two instances at the same moment is accepted by exactly one.
 */
export interface KakaoAtomicJtiStore {
  /** Records `key` for `ttlSec` seconds; true when it was absent (first delivery). */
  setIfAbsent(key: string, value: string, ttlSec: number): Promise<boolean> | boolean;
}

/**
 * Where the account-status webhook remembers the `jti`s it has seen. Either a
 * `KakaoAtomicJtiStore` (preferred), or the same `KakaoOneTimeStore` (`set` + `take`) the token
 * login uses: then a replay that arrives after the first delivery is refused, but two deliveries
 * racing on two instances may both pass (take-then-set is two steps).
 */
export type KakaoJtiStore = KakaoAtomicJtiStore | KakaoOneTimeStore;

/** The default: one process's memory, bounded; entries expire with the `iat` window. */
export class MemoryJtiStore implements KakaoAtomicJtiStore {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly max = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  setIfAbsent(key: string, _value: string, ttlSec: number): boolean {
    const now = this.now();
    const expiresAt = this.seen.get(key);
    if (expiresAt !== undefined && expiresAt > now) return false;
    this.seen.delete(key);
    if (this.seen.size >= this.max) this.sweep(now);
    this.seen.set(key, now + ttlSec * 1000);
    return true;
  }

  private sweep(now: number): void {
    for (const [key, expiresAt] of this.seen) if (expiresAt <= now) this.seen.delete(key);
    // Still full: the oldest go. A replay of an evicted jti then passes once more, which
    // only the iat window bounds; a shared store with its own TTLs has no such limit.
    for (const key of this.seen.keys()) {
      if (this.seen.size < this.max) break;
      this.seen.delete(key);
    }
  }
}

/** True on the first sighting of `key`, false on a replay, with either store shape. */
export async function firstSighting(
  store: KakaoJtiStore,
  key: string,
  ttlSec: number,
): Promise<boolean> {
  if ('setIfAbsent' in store && typeof store.setIfAbsent === 'function')
    return (await store.setIfAbsent(key, '1', ttlSec)) === true;
  const oneTime = store as KakaoOneTimeStore;
  const before = await oneTime.take(key);
  await oneTime.set(key, '1', ttlSec);
  return before === undefined;
}

/** A store is usable when it has one of the two shapes. */
export function isJtiStore(value: unknown): value is KakaoJtiStore {
  const store = value as Partial<KakaoAtomicJtiStore & KakaoOneTimeStore> | null;
  return (
    typeof store === 'object' &&
    store !== null &&
    (typeof store.setIfAbsent === 'function' ||
      (typeof store.set === 'function' && typeof store.take === 'function'))
  );
}
