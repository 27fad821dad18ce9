import { createClient } from 'redis';
import type { KakaoAccountEvent, KakaoAtomicJtiStore } from '../../src';
import { KakaoEmulator } from '../../src/testing';
import { mintSet, setClaims } from '../webhooks/support/mint-set';
import { postRaw, startWebhookApp, type WebhookApp } from '../webhooks/support/webhook-app';
import { type RedisServer, startRedisServer } from './support/redis-server';

const newClient = (url: string) => createClient({ url });
type Redis = ReturnType<typeof newClient>;

/**
 * Two app instances share the account-status webhook's jti store in a real Redis (`SET NX PX`,
 * each instance with its own client): a SET accepted by one is a replay for the other, also when
 * both get it at the same moment.
 */
describe('account-status webhook: one jti across two instances (real Redis)', () => {
  let redis: RedisServer;
  let kakao: KakaoEmulator;
  const clients: Redis[] = [];
  const apps: WebhookApp[] = [];
  const events: Array<{ on: string; event: KakaoAccountEvent }> = [];

  /** The store an app writes with its own `redis` client. */
  const jtiStore = (client: Redis): KakaoAtomicJtiStore => ({
    setIfAbsent: async (key, value, ttlSec) =>
      (await client.set(`kakao:${key}`, value, {
        condition: 'NX',
        expiration: { type: 'PX', value: ttlSec * 1000 },
      })) === 'OK',
  });

  async function instance(name: string): Promise<WebhookApp> {
    const client = newClient(redis.url);
    client.on('error', () => undefined);
    await client.connect();
    clients.push(client);
    const app = await startWebhookApp(kakao, {
      accountWebhook: {
        jtiStore: jtiStore(client),
        onAccountEvent: (event) => void events.push({ on: name, event }),
      },
    });
    apps.push(app);
    return app;
  }

  beforeAll(async () => {
    redis = await startRedisServer();
    kakao = await KakaoEmulator.start();
  });
  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    for (const client of clients) client.destroy();
    await kakao?.stop();
    await redis?.stop();
  });
  beforeEach(() => {
    events.length = 0;
  });

  it('accepted on A, the replay on B is refused (and on A again)', async () => {
    const [a, b] = [await instance('A'), await instance('B')];
    const token = mintSet(kakao, setClaims(kakao, kakao.users[0].id));
    expect((await postRaw(a.accountURL, token)).status).toBe(202);
    expect((await postRaw(b.accountURL, token)).status).toBe(400);
    expect((await postRaw(a.accountURL, token)).status).toBe(400);
    expect(events.map((e) => e.on)).toEqual(['A']);
    expect(b.logs.join('\n')).toContain('Kakao webhook refused (replayed)');
    const keys = await clients[0].keys('kakao:set-jti:*');
    expect(keys).toHaveLength(1);
    const ttl = await clients[0].pTTL(keys[0]);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1_200_000);
  });

  it('the same SET on both at once, 20 times: exactly one delivery each time', async () => {
    const [a, b] = apps;
    for (let i = 0; i < 20; i++) {
      const token = mintSet(kakao, setClaims(kakao, kakao.users[0].id));
      const answers = await Promise.all([
        postRaw(a.accountURL, token),
        postRaw(b.accountURL, token),
      ]);
      expect(answers.map((r) => r.status).sort()).toEqual([202, 400]);
    }
    expect(events).toHaveLength(20);
    expect(new Set(events.map((e) => e.event.jti)).size).toBe(20);
  });

  it('Redis down → 503 (not a bad token, not accepted); back up → accepted', async () => {
    const [a] = apps;
    const token = mintSet(kakao, setClaims(kakao, kakao.users[0].id));
    const client = clients[0];
    // This instance loses its Redis connection.
    await client.close();
    const down = await postRaw(a.accountURL, token);
    expect(down.status).toBe(503);
    expect(down.text).toBe('{"err":"temporarily_unavailable"}');
    expect(events).toHaveLength(0);
    await client.connect();
    expect((await postRaw(a.accountURL, token)).status).toBe(202);
    expect(events).toHaveLength(1);
  });
});
