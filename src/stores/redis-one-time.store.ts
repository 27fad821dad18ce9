import { KakaoConfigError } from '../errors/kakao-config.error';
import type { KakaoOneTimeStore } from '../token-login/kakao-one-time.store';
import { positiveNumber } from '../options/option-checks';

/**
 * The few commands the store uses, from a `redis` (node-redis v4+) client (`getDel`, `set` with
 * `{ PX, NX }`) or an `ioredis` client (`getdel`, `set` with `'PX', ms, 'NX'`). Typed by shape
 * only: the library does not depend on either package; the app passes the client it has.
 */
export interface KakaoRedisClient {
  set(...args: never[]): Promise<unknown>;
  /** node-redis */
  getDel?(...args: never[]): Promise<unknown>;
  /** ioredis */
  getdel?(...args: never[]): Promise<unknown>;
}

/** Options of `KakaoRedisOneTimeStore`. */
export interface KakaoRedisOneTimeStoreOptions {
  /** Key prefix (default `kakao:`): keys are `<prefix><kind>:<sha-256 of the value>`. */
  prefix?: string;
  /**
   * Each command fails after this many milliseconds (default 1000): with Redis down, clients
   * queue commands until they reconnect, and a login must fail cleanly instead of hanging.
   */
  timeoutMs?: number;
}

/** Redis did not answer a one-time-store command in time, or refused it. */
export class KakaoStoreUnavailableError extends Error {
  constructor(what: string, cause?: unknown) {
    super(
      `the one-time store (Redis) is unavailable: ${what}; the login failed without using anything up, retry when Redis is back`,
      { cause },
    );
    this.name = 'KakaoStoreUnavailableError';
  }
}

type Command = (...args: unknown[]) => Promise<unknown>;

/**
 * `KakaoOneTimeStore` on Redis, shared by every instance: `take` is one `GETDEL` and `claim`
 * one `SET … NX PX`, both atomic in Redis, so a nonce, a handoff code or a sealed state is
 * used once whichever instance sees it.
 *
 * ```ts
 * const redis = createClient({ url: process.env.REDIS_URL }); await redis.connect(); // or new Redis(url) (ioredis)
 * KakaoAuthModule.forRoot({ …, oneTimeStore: new KakaoRedisOneTimeStore(redis) });
 * ```
 */
export class KakaoRedisOneTimeStore implements KakaoOneTimeStore {
  private readonly prefix: string;
  private readonly timeoutMs: number;
  private readonly getDel: Command;
  private readonly setCommand: Command;
  /** node-redis takes `{ PX, NX }`; ioredis takes `'PX', ms, 'NX'`. */
  private readonly nodeRedis: boolean;

  constructor(client: KakaoRedisClient, options: KakaoRedisOneTimeStoreOptions = {}) {
    const c = client as unknown as Record<string, unknown>;
    if (!client || typeof c.set !== 'function') fail();
    this.nodeRedis = typeof c.getDel === 'function';
    const getDel = this.nodeRedis ? c.getDel : c.getdel;
    if (typeof getDel !== 'function') fail();
    this.getDel = (getDel as Command).bind(client);
    this.setCommand = (c.set as Command).bind(client);
    this.prefix = options.prefix ?? 'kakao:';
    this.timeoutMs = positiveNumber(
      'KakaoRedisOneTimeStore',
      'timeoutMs',
      options.timeoutMs,
      1000,
      'milliseconds',
    );
  }

  async set(key: string, value: string, ttlSec: number): Promise<void> {
    const ms = Math.max(1, Math.ceil(ttlSec * 1000));
    await this.run('SET', () =>
      this.nodeRedis
        ? this.setCommand(this.prefix + key, value, { PX: ms })
        : this.setCommand(this.prefix + key, value, 'PX', ms),
    );
  }

  async take(key: string): Promise<string | undefined> {
    const value = await this.run('GETDEL', () => this.getDel(this.prefix + key));
    return value === null || value === undefined ? undefined : String(value);
  }

  async claim(key: string, ttlSec: number): Promise<boolean> {
    const ms = Math.max(1, Math.ceil(ttlSec * 1000));
    const reply = await this.run('SET NX', () =>
      this.nodeRedis
        ? this.setCommand(this.prefix + key, '1', { PX: ms, NX: true })
        : this.setCommand(this.prefix + key, '1', 'PX', ms, 'NX'),
    );
    return reply === 'OK';
  }

  private run(command: string, call: () => Promise<unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new KakaoStoreUnavailableError(`${command} got no answer within ${this.timeoutMs} ms`),
          ),
        this.timeoutMs,
      );
      let pending: Promise<unknown>;
      try {
        pending = call();
      } catch (err) {
        pending = Promise.reject(err);
      }
      pending.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (err: unknown) => {
          clearTimeout(timer);
          const why = err instanceof Error ? err.message.slice(0, 120) : 'error';
          reject(new KakaoStoreUnavailableError(`${command} failed (${why})`, err));
        },
      );
    });
  }
}

function fail(): never {
  throw new KakaoConfigError(
    'KakaoRedisOneTimeStore: pass a connected client of the redis package (createClient(), v4 or later) or of ioredis (new Redis()); Redis 6.2+ is needed for GETDEL',
  );
}
