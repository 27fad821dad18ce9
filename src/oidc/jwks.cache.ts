import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { KakaoHttpClient } from '../http/kakao-http.client';

/** Kakao blocks clients that fetch its JWKS too often: refetch on an unknown kid at most this often. */
export const JWKS_MIN_REFETCH_MS = 30_000;

/**
 * Kakao's signing keys by `kid`. Fetched on first use; an unknown `kid` triggers one refetch
 * (key rotation) at most every 30 s, and concurrent callers share a fetch in flight, so a flood
 * of tokens with random `kid`s costs at most one request per 30 s.
 */
export class JwksCache {
  private keys = new Map<string, KeyObject>();
  private fetchedAt = -Infinity;
  private inflight?: Promise<void>;

  constructor(
    private readonly jwksURL: string,
    private readonly http: KakaoHttpClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** The key for `kid`, or undefined when Kakao does not publish it. */
  async getKey(kid: string | undefined): Promise<KeyObject | undefined> {
    const known = this.lookup(kid);
    if (known) return known;
    if (this.now() - this.fetchedAt < JWKS_MIN_REFETCH_MS) {
      if (this.inflight) await this.inflight;
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
    const body = await this.http.json<{ keys?: unknown }>(
      {
        method: 'GET',
        url: this.jwksURL,
        endpoint: 'GET /.well-known/jwks.json',
        idempotent: true,
      },
      'kauth',
    );
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
