import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { KakaoHttpClient } from '../http/kakao-http.client';

/** Kakao blocks clients that fetch its JWKS too often: refetch on an unknown kid at most this often. */
export const JWKS_MIN_REFETCH_MS = 30_000;
/** After a failed fetch (Kakao down), the next try waits only this long; the failure is reported meanwhile. */
export const JWKS_RETRY_AFTER_FAILURE_MS = 1_000;

/**
 * Kakao's signing keys by `kid`. Fetched on first use; an unknown `kid` triggers one refetch
 * (key rotation) at most every 30 s, and concurrent callers share a fetch in flight, so a flood
 * of tokens with random `kid`s costs at most one request per 30 s. A failed fetch is retried
 * after 1 s instead, and reported as Kakao's failure until then.
 *
 * @internal
 */
export class JwksCache {
  private keys = new Map<string, KeyObject>();
  private fetchedAt = -Infinity;
  private inflight?: Promise<void>;
  /** Why the last fetch failed, until one succeeds. */
  private lastError?: unknown;

  constructor(
    private readonly jwksURL: string,
    private readonly http: KakaoHttpClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** The key for `kid`, or undefined when Kakao does not publish it. */
  async getKey(kid: string | undefined): Promise<KeyObject | undefined> {
    const known = this.lookup(kid);
    if (known) return known;
    const wait = this.lastError === undefined ? JWKS_MIN_REFETCH_MS : JWKS_RETRY_AFTER_FAILURE_MS;
    if (this.now() - this.fetchedAt < wait) {
      if (this.inflight) await this.inflight;
      // A blip at Kakao is reported as such (kakao_unavailable), not as a bad token.
      else if (this.lastError !== undefined) throw this.lastError;
      return this.lookup(kid);
    }
    this.fetchedAt = this.now();
    this.inflight ??= this.refresh().finally(() => (this.inflight = undefined));
    await this.inflight;
    return this.lookup(kid);
  }

  private lookup(kid: string | undefined): KeyObject | undefined {
    if (kid !== undefined) return this.keys.get(kid);
    return this.keys.size === 1 ? this.keys.values().next().value : undefined;
  }

  private async refresh(): Promise<void> {
    let body: { keys?: unknown };
    try {
      body = await this.http.json<{ keys?: unknown }>(
        {
          method: 'GET',
          url: this.jwksURL,
          endpoint: 'GET /.well-known/jwks.json',
          idempotent: true,
        },
        'kauth',
      );
    } catch (err) {
      // The keys fetched before stay usable; only unknown kids wait for the next try.
      this.lastError = err;
      throw err;
    }
    this.lastError = undefined;
    const keys = new Map<string, KeyObject>();
    for (const jwk of Array.isArray(body.keys) ? body.keys : []) {
      const k = jwk as JsonWebKey & { kid?: unknown; use?: unknown };
      if (typeof k.kid !== 'string' || k.kty !== 'RSA' || (k.use !== undefined && k.use !== 'sig'))
        continue;
      try {
        keys.set(k.kid, createPublicKey({ key: { kty: k.kty, n: k.n, e: k.e }, format: 'jwk' }));
      } catch {
        // a malformed key is skipped; tokens signed with it fail as unknown_kid
      }
    }
    this.keys = keys;
  }
}
