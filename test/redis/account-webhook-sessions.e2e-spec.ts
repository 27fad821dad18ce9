import { RedisStore } from 'connect-redis';
import { createClient } from 'redis';
import { KakaoEmulator } from '../../src/testing';
import { logIn, whoAmI } from '../support/login-steps';
import { type NestInstance, startNestInstance } from '../support/nest-instance';
import { TestBrowser } from '../support/test-browser';
import { endUserSessionsIn } from '../webhooks/docs/connect-redis-sessions.example';
import { type RedisServer, startRedisServer } from './support/redis-server';

const newClient = (url: string) => createClient({ url });
type Redis = ReturnType<typeof newClient>;

/**
 * docs/webhooks.md's endUserSessions for connect-redis, on a real Redis: Kakao revokes a user's
 * tokens, the SET reaches one instance, and that user's sessions end on every instance while
 * another user's stay.
 */
describe('account webhook: endUserSessions with connect-redis (docs example)', () => {
  let redis: RedisServer;
  let kakao: KakaoEmulator;
  const clients: Redis[] = [];
  const instances: NestInstance[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    kakao = await KakaoEmulator.start({ autoApprove: true });
    for (let i = 0; i < 2; i++) {
      const client = newClient(redis.url);
      client.on('error', () => undefined);
      await client.connect();
      clients.push(client);
      const store = new RedisStore({ client });
      instances.push(
        await startNestInstance(
          kakao,
          ({ kakaoOptions }) => ({
            ...kakaoOptions,
            accountWebhook: { endUserSessions: endUserSessionsIn(store) },
          }),
          { session: { store, secret: 'shared-session-secret' } },
        ),
      );
    }
  });
  afterAll(async () => {
    for (const instance of instances) await instance.close().catch(() => undefined);
    for (const client of clients) client.destroy();
    await kakao?.stop();
    await redis?.stop();
  });

  it('tokens-revoked for one user ends their sessions on both instances, not the other user’s', async () => {
    const [a, b] = instances;
    const ryan = kakao.users[0].id;
    const apeach = kakao.users[1].id;
    const ryanOnA = new TestBrowser();
    const ryanOnB = new TestBrowser();
    const apeachOnA = new TestBrowser();
    kakao.setAutoApprove(ryan);
    await logIn(ryanOnA, a);
    await logIn(ryanOnB, b);
    kakao.setAutoApprove(apeach);
    await logIn(apeachOnA, a);
    expect(await whoAmI(ryanOnA, a.url)).toBe(ryan);
    expect(await whoAmI(ryanOnB, b.url)).toBe(ryan);

    const result = await kakao.sendAccountWebhook({
      userId: ryan,
      event: 'tokens-revoked',
      url: `${b.url}/auth/kakao/webhooks/account`,
    });
    expect(result).toMatchObject({ status: 202, ok: true });

    expect(await whoAmI(ryanOnA, a.url)).toBeUndefined();
    expect(await whoAmI(ryanOnB, b.url)).toBeUndefined();
    expect(await whoAmI(apeachOnA, a.url)).toBe(apeach);
  });
});
