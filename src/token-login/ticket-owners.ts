/** Live tickets per owner (a browser binding or a client address), oldest first. */
interface Owned {
  key: string;
  expiresAt: number;
}

/**
 * Which one-time entries each browser binding and each client holds, so that one of them can
 * hold only so many at once: beyond its cap, its own oldest entry is given up, never another
 * owner's. Kept in memory (per instance), bounded by the live entries it tracks.
 */
export class TicketOwners {
  private readonly owners = new Map<string, Owned[]>();
  private sweptAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Records `key` for each owner; returns the keys the owners must give up (over their cap). */
  add(
    key: string,
    ttlSec: number,
    owners: ReadonlyArray<readonly [owner: string, cap: number]>,
  ): string[] {
    const now = this.now();
    this.sweep(now);
    const evicted: string[] = [];
    for (const [owner, cap] of owners) {
      let list = this.owners.get(owner);
      if (!list) this.owners.set(owner, (list = []));
      while (list.length > 0 && list[0].expiresAt <= now) list.shift();
      while (list.length >= cap) evicted.push(list.shift()!.key);
      list.push({ key, expiresAt: now + ttlSec * 1000 });
    }
    return evicted;
  }

  /** Forgets owners whose entries all expired (at most once a second). */
  private sweep(now: number): void {
    if (now - this.sweptAt < 1000) return;
    this.sweptAt = now;
    for (const [owner, list] of this.owners) {
      if (list.length === 0 || list[list.length - 1].expiresAt <= now) this.owners.delete(owner);
    }
  }
}
