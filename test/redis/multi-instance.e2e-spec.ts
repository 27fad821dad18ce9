import { RedisStore } from 'connect-redis';
import { createClient } from 'redis';
import { KakaoEmulator } from '../../src/testing';
import { failureReason, SAME_ORIGIN, toCallback, whoAmI } from '../support/login-steps';
import {
  type InstanceOptions,
  type NestInstance,
  startNestInstance,
} from '../support/nest-instance';
import { TestBrowser } from '../support/test-browser';
import { Balancer } from './support/balancer';
import { type RedisServer, startRedisServer } from './support/redis-server';

const newClient = (url: string) => createClient({ url });
type Redis = ReturnType<typeof newClient>;

const SESSION_SECRET = 'session-secret-shared-by-every-instance';
const OLD_SECRET = 'old-state-secret-of-at-least-32-characters';
const NEW_SECRET = 'new-state-secret-of-at-least-32-characters';

/**
 * Two (or three) Nest instances behind one public URL: the login starts on one instance and
 * Kakao's callback lands on another. Sessions live in a real Redis through connect-redis; in
 * session-less mode the instances share nothing but the stateSecret.
 */
describe('several instances behind a load balancer', () => {
  let redis: RedisServer;
  let kakao: KakaoEmulator;
  let lb: Balancer;
  const clients: Redis[] = [];
  const instances: NestInstance[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    kakao = await KakaoEmulator.start({ autoApprove: true, clientSecret: 'client-secret-x' });
    lb = await Balancer.start();
  });
  afterAll(async () => {
    for (const instance of instances) await instance.close().catch(() => undefined);
    for (const client of clients) client.destroy();
    await lb?.stop();
    await kakao?.stop();
    await redis?.stop();
  });
  beforeEach(() => kakao.clearRequests());

  async function redisClient(): Promise<Redis> {
    const client = newClient(redis.url);
    client.on('error', () => undefined);
    await client.connect();
    clients.push(client);
    return client;
  }

  /** An instance behind the balancer; each Redis-backed one has its own client connection. */
  async function instance(
    options: InstanceOptions,
    stateSecret?: string | string[],
  ): Promise<NestInstance> {
    const started = await startNestInstance(
      kakao,
      ({ kakaoOptions }) => ({
        ...kakaoOptions,
        stateSecret,
        successRedirect: '/welcome',
        failureRedirect: '/login-failed',
      }),
      { ...options, publicURL: lb.url },
    );
    instances.push(started);
    return started;
  }

  const routes = () => ({ url: lb.url, callbackURL: `${lb.url}/auth/kakao/callback` });
  const tokenCalls = () => kakao.requests.filter((r) => r.path === '/oauth/token').length;

  /** GET /me through the balancer, on one chosen instance. */
  async function idOn(target: NestInstance, browser: TestBrowser): Promise<string | undefined> {
    lb.routeTo(target.url);
    return whoAmI(browser, lb.url);
  }

  describe('express-session on Redis (connect-redis)', () => {
    let a: NestInstance;
    let b: NestInstance;
    let inspect: Redis;

    beforeAll(async () => {
      inspect = await redisClient();
      const redisSession = async (): Promise<InstanceOptions> => ({
        session: {
          store: new RedisStore({ client: await redisClient(), prefix: 'sess:' }),
          secret: SESSION_SECRET,
        },
      });
      a = await instance(await redisSession());
      b = await instance(await redisSession());
    });

    const sessionKeys = () => inspect.keys('sess:*');

    it('a login started on A and finished on B is logged in on both; logout on B ends it on A', async () => {
      const browser = new TestBrowser();
      lb.routeTo(a.url);
      const callback = await toCallback(browser, routes(), '?returnTo=%2Fdashboard');
      lb.routeTo(b.url);
      const done = await browser.get(callback);
      expect(done.status).toBe(302);
      expect(done.location).toBe(`${lb.url}/dashboard`);
      expect(tokenCalls()).toBe(1);

      const userId = kakao.users[0].id;
      expect(await idOn(a, browser)).toBe(userId);
      expect(await idOn(b, browser)).toBe(userId);
      const keys = await sessionKeys();
      expect(keys).toHaveLength(1);
      expect(await inspect.get(keys[0])).toContain(`"id":"${userId}"`);

      lb.routeTo(b.url);
      const out = await browser.request(`${lb.url}/auth/kakao/logout`, {
        method: 'POST',
        headers: SAME_ORIGIN,
      });
      expect(out.status).toBe(200);
      expect(kakao.requests.filter((r) => r.path === '/v1/user/logout')).toHaveLength(1);
      expect(await idOn(a, browser)).toBeUndefined();
      expect(await idOn(b, browser)).toBeUndefined();
      expect(await sessionKeys()).toHaveLength(0);
    });

    it('two tabs started on different instances both finish on the other one', async () => {
      const browser = new TestBrowser();
      lb.routeTo(a.url);
      const tab1 = await toCallback(browser, routes(), '?returnTo=%2Fone');
      lb.routeTo(b.url);
      const tab2 = await toCallback(browser, routes(), '?returnTo=%2Ftwo');
      lb.routeTo(a.url);
      expect((await browser.get(tab2)).location).toBe(`${lb.url}/two`);
      lb.routeTo(b.url);
      expect((await browser.get(tab1)).location).toBe(`${lb.url}/one`);
      expect(await idOn(a, browser)).toBe(kakao.users[0].id);
    });

    it('a replay of the callback on the other instance is refused: the state is gone from Redis', async () => {
      const browser = new TestBrowser();
      lb.routeTo(a.url);
      const callback = await toCallback(browser, routes());
      expect((await browser.get(callback)).location).toBe(`${lb.url}/welcome`);
      lb.routeTo(b.url);
      const replay = await browser.get(callback);
      expect(failureReason(replay.location, '/login-failed')).toBe('invalid_state');
      expect(tokenCalls()).toBe(1);
      expect(await idOn(b, browser)).toBe(kakao.users[0].id);
    });

    it('the login survives the instance that started it going away', async () => {
      const c = await instance({
        session: {
          store: new RedisStore({ client: await redisClient(), prefix: 'sess:' }),
          secret: SESSION_SECRET,
        },
      });
      const browser = new TestBrowser();
      lb.routeTo(c.url);
      const callback = await toCallback(browser, routes());
      await c.close();
      instances.splice(instances.indexOf(c), 1);
      lb.routeTo(b.url);
      expect((await browser.get(callback)).location).toBe(`${lb.url}/welcome`);
      expect(await idOn(a, browser)).toBe(kakao.users[0].id);
    });
  });

  describe('session-less mode: the instances share only the stateSecret', () => {
    it('a login started on A finishes on B, and the app cookie works on both', async () => {
      const a = await instance({ session: false }, OLD_SECRET);
      const b = await instance({ session: false }, OLD_SECRET);
      const browser = new TestBrowser();
      lb.routeTo(a.url);
      const callback = await toCallback(browser, routes(), '?returnTo=%2Fnext');
      lb.routeTo(b.url);
      const done = await browser.get(callback);
      expect(done.location).toBe(`${lb.url}/next`);
      expect(await idOn(a, browser)).toBe(kakao.users[0].id);
      expect(await idOn(b, browser)).toBe(kakao.users[0].id);
      expect([...browser.cookiesFor(lb.url).keys()]).toEqual(['kakao_login-bind', 'app_user']);
    });

    it('a replay with a copy of the state cookie on another instance still logs nobody in (the code is single-use)', async () => {
      const a = await instance({ session: false }, OLD_SECRET);
      const b = await instance({ session: false }, OLD_SECRET);
      const victim = new TestBrowser();
      lb.routeTo(a.url);
      const callback = await toCallback(victim, routes());
      const stolen = new Map(victim.cookiesFor(lb.url));
      expect((await victim.get(callback)).location).toBe(`${lb.url}/welcome`);
      const attacker = new TestBrowser();
      for (const [k, v] of stolen) attacker.cookiesFor(lb.url).set(k, v);
      lb.routeTo(b.url);
      const replay = await attacker.get(callback);
      expect(failureReason(replay.location, '/login-failed')).toBe('kakao_error');
      expect(await idOn(b, attacker)).toBeUndefined();
      const exchanges = kakao.requests.filter((r) => r.path === '/oauth/token');
      expect(exchanges).toHaveLength(2);
    });

    it('rotates the stateSecret without breaking logins in flight, and retires the old one', async () => {
      // Step 0: every instance seals with OLD. Step 1: [OLD, NEW] (opens NEW). Step 2: [NEW, OLD].
      // Step 3, after stateTtlSeconds: [NEW] only.
      const step0 = await instance({ session: false }, OLD_SECRET);
      const step1 = await instance({ session: false }, [OLD_SECRET, NEW_SECRET]);
      const step2 = await instance({ session: false }, [NEW_SECRET, OLD_SECRET]);
      const step3 = await instance({ session: false }, [NEW_SECRET]);

      async function startOn(start: NestInstance, finish: NestInstance): Promise<string> {
        const browser = new TestBrowser();
        lb.routeTo(start.url);
        const callback = await toCallback(browser, routes());
        lb.routeTo(finish.url);
        const done = await browser.get(callback);
        return failureReason(done.location, '/login-failed') ?? new URL(done.location!).pathname;
      }

      expect(await startOn(step0, step2)).toBe('/welcome');
      expect(await startOn(step2, step1)).toBe('/welcome');
      expect(await startOn(step1, step2)).toBe('/welcome');
      expect(await startOn(step2, step3)).toBe('/welcome');
      // Skipping step 1 in a rolling deploy breaks logins sealed with NEW on old instances:
      expect(await startOn(step2, step0)).toBe('invalid_state');
      // Once OLD is retired, a pending login it sealed is refused:
      expect(await startOn(step0, step3)).toBe('invalid_state');
    });
  });
});
