import { generateKeyPairSync } from 'node:crypto';
import { KakaoResponseError } from '../errors';
import type { KakaoHttpClient } from '../http/kakao-http.client';
import { JWKS_MIN_REFETCH_MS, JWKS_RETRY_AFTER_FAILURE_MS, JwksCache } from './jwks.cache';

/**
 * The JWKS cache's refetch rules with a fake clock and a fake Kakao: a flood of unknown kids
 * costs one fetch per 30 s, a rotation costs one refetch, a failed fetch is retried after 1 s
 * and reported as Kakao's failure meanwhile, and malformed keys are skipped.
 */
const jwk = (kid: string, extra: Record<string, unknown> = {}) => ({
  ...generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' }),
  kid,
  alg: 'RS256',
  use: 'sig',
  ...extra,
});
const K1 = jwk('k1');
const K2 = jwk('k2');

function fakeKakao() {
  let answer: () => Promise<unknown> = async () => ({ keys: [K1] });
  const fetched: string[] = [];
  const http = {
    json: async (call: { url: string; endpoint: string; idempotent?: boolean }, host: string) => {
      // a GET without side effects (retried once after a connection error), read as kauth
      expect({ idempotent: call.idempotent, host }).toEqual({ idempotent: true, host: 'kauth' });
      fetched.push(`${call.endpoint} ${call.url}`);
      return answer();
    },
  } as unknown as KakaoHttpClient;
  return {
    http,
    fetched,
    answer: (next: () => Promise<unknown>) => (answer = next),
  };
}

function setup() {
  let now = 1_000_000;
  const kakao = fakeKakao();
  const cache = new JwksCache('https://kauth.example/.well-known/jwks.json', kakao.http, () => now);
  return { cache, kakao, advance: (ms: number) => (now += ms) };
}

describe('JwksCache', () => {
  it('fetches on first use, from the configured URL, then answers from the cache', async () => {
    const { cache, kakao } = setup();
    expect(await cache.getKey('k1')).toBeDefined();
    expect(await cache.getKey('k1')).toBeDefined();
    expect(kakao.fetched).toEqual([
      'GET /.well-known/jwks.json https://kauth.example/.well-known/jwks.json',
    ]);
  });

  it('an unknown kid: one fetch per 30 s however many ask, concurrent callers share it', async () => {
    const { cache, kakao, advance } = setup();
    await cache.getKey('k1');
    advance(JWKS_MIN_REFETCH_MS);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => cache.getKey(`r${i}`)));
    expect(answers.every((k) => k === undefined)).toBe(true);
    expect(kakao.fetched).toHaveLength(2);
    advance(JWKS_MIN_REFETCH_MS - 1);
    expect(await cache.getKey('r-late')).toBeUndefined();
    expect(kakao.fetched).toHaveLength(2);
    advance(1);
    expect(await cache.getKey('r-later')).toBeUndefined();
    expect(kakao.fetched).toHaveLength(3);
  });

  it('a flood of random kids over 5 minutes costs at most one fetch per 30 s', async () => {
    const { cache, kakao, advance } = setup();
    for (let second = 0; second < 300; second++) {
      await Promise.all([cache.getKey(`a${second}`), cache.getKey(`b${second}`)]);
      advance(1000);
    }
    expect(kakao.fetched.length).toBeLessThanOrEqual(300 / 30 + 1);
    expect(kakao.fetched.length).toBeGreaterThanOrEqual(300 / 30);
  });

  it('a rotation: the new kid is fetched once, and old and new keys both work', async () => {
    const { cache, kakao, advance } = setup();
    await cache.getKey('k1');
    advance(JWKS_MIN_REFETCH_MS);
    kakao.answer(async () => ({ keys: [K1, K2] }));
    expect(await cache.getKey('k2')).toBeDefined();
    expect(await cache.getKey('k1')).toBeDefined();
    expect(await cache.getKey('k2')).toBeDefined();
    expect(kakao.fetched).toHaveLength(2);
  });

  it('a key Kakao stopped publishing is forgotten at the next fetch', async () => {
    const { cache, kakao, advance } = setup();
    await cache.getKey('k1');
    advance(JWKS_MIN_REFETCH_MS);
    kakao.answer(async () => ({ keys: [K2] }));
    expect(await cache.getKey('k2')).toBeDefined();
    expect(await cache.getKey('k1')).toBeUndefined();
  });

  it('without a kid: the key when exactly one is published, none when several are', async () => {
    const { cache, kakao, advance } = setup();
    expect(await cache.getKey(undefined)).toBeDefined();
    advance(JWKS_MIN_REFETCH_MS);
    kakao.answer(async () => ({ keys: [K1, K2] }));
    await cache.getKey('k2');
    expect(await cache.getKey(undefined)).toBeUndefined();
  });

  it.each([
    ['no kid', jwk('x', { kid: undefined })],
    ['a kid that is not a string', jwk('x', { kid: 5 })],
    ['kty EC', jwk('x', { kty: 'EC' })],
    ['use enc', jwk('x', { use: 'enc' })],
    ['no modulus', { kid: 'x', kty: 'RSA', e: 'AQAB' }],
  ])('skips a key with %s, keeps the others', async (_label, bad) => {
    const { cache, kakao } = setup();
    kakao.answer(async () => ({ keys: [bad, K1] }));
    expect(await cache.getKey('k1')).toBeDefined();
    expect(await cache.getKey('x')).toBeUndefined();
  });

  it('accepts a key without "use"', async () => {
    const { cache, kakao } = setup();
    kakao.answer(async () => ({ keys: [jwk('plain', { use: undefined })] }));
    expect(await cache.getKey('plain')).toBeDefined();
  });

  it.each([
    ['no keys field', {}],
    ['keys that is not a list', { keys: { k1: K1 } }],
  ])('a JWKS with %s publishes nothing', async (_label, body) => {
    const { cache, kakao } = setup();
    kakao.answer(async () => body);
    expect(await cache.getKey('k1')).toBeUndefined();
  });

  describe('Kakao failing', () => {
    const down = new KakaoResponseError('GET /.well-known/jwks.json', 'unexpected', 'down', 503);

    it('a failed first fetch is reported, again within 1 s without asking, then retried', async () => {
      const { cache, kakao, advance } = setup();
      kakao.answer(async () => Promise.reject(down));
      await expect(cache.getKey('k1')).rejects.toBe(down);
      advance(JWKS_RETRY_AFTER_FAILURE_MS - 1);
      await expect(cache.getKey('k1')).rejects.toBe(down);
      expect(kakao.fetched).toHaveLength(1);
      kakao.answer(async () => ({ keys: [K1] }));
      advance(1);
      expect(await cache.getKey('k1')).toBeDefined();
      expect(kakao.fetched).toHaveLength(2);
    });

    it('concurrent callers share the failing fetch and all see the failure', async () => {
      const { cache, kakao } = setup();
      kakao.answer(async () => Promise.reject(down));
      const results = await Promise.allSettled([cache.getKey('k1'), cache.getKey('k1')]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect(kakao.fetched).toHaveLength(1);
    });

    it('keys fetched before stay usable while a refetch fails; after a success the 30 s rule is back', async () => {
      const { cache, kakao, advance } = setup();
      await cache.getKey('k1');
      advance(JWKS_MIN_REFETCH_MS);
      kakao.answer(async () => Promise.reject(down));
      await expect(cache.getKey('k2')).rejects.toBe(down);
      expect(await cache.getKey('k1')).toBeDefined();
      advance(JWKS_RETRY_AFTER_FAILURE_MS);
      kakao.answer(async () => ({ keys: [K1, K2] }));
      expect(await cache.getKey('k2')).toBeDefined();
      advance(JWKS_RETRY_AFTER_FAILURE_MS);
      expect(await cache.getKey('unknown')).toBeUndefined();
      expect(kakao.fetched).toHaveLength(3);
    });
  });

  it('uses the real clock by default', async () => {
    const kakao = fakeKakao();
    const cache = new JwksCache('https://kauth.example/jwks', kakao.http);
    await cache.getKey('k1');
    await cache.getKey('other');
    expect(kakao.fetched).toHaveLength(1);
  });
});
