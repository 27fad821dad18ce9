import Redis from 'ioredis';
import { createClient } from 'redis';
import type { KakaoAuthModuleOptions } from '../../src';
import { KakaoRedisOneTimeStore } from '../../src/passport';
import { KakaoEmulator } from '../../src/testing';
import { failureReason, whoAmI } from '../support/login-steps';
import { type NestInstance, startNestInstance } from '../support/nest-instance';
import { type BrowserResponse, TestBrowser } from '../support/test-browser';
import { Balancer } from './support/balancer';
import { type RedisServer, startRedisServer } from './support/redis-server';

const STATE_SECRET = 'redis-one-time-state-secret-of-32-chars';
const FAILED = '/login-failed';
const LOGINS = 1000;
const CONCURRENCY = 50;
const body = (res: BrowserResponse) => JSON.parse(res.body) as Record<string, unknown>;

type NodeRedis = ReturnType<typeof createClient>;

/**
 * Issue #14, "across instances, on a real distributed store": two session-less Nest instances
 * behind a load balancer, one store each on its own Redis connection (A through the `redis`
 * package, B through `ioredis`), sharing nothing else but the stateSecret. A nonce, a handoff
 * code and a sealed state are each usable exactly once whichever instance sees them; 1,000
 * concurrent logins crossing the instances all succeed as their own user; a Redis outage in the
 * middle of a login fails it cleanly (a reason, no login, no bare 500) and logins work again once
 * Redis is back.
 */
describe('one-time stores on Redis, across instances', () => {
  let redis: RedisServer;
  let kakao: KakaoEmulator;
  let lb: Balancer;
  let nodeRedis: NodeRedis;
  let ioRedis: Redis;
  const instances: NestInstance[] = [];
  let a: NestInstance;
  let b: NestInstance;

  beforeAll(async () => {
    redis = await startRedisServer();
    kakao = await KakaoEmulator.start({ autoApprove: true, oidc: true });
    lb = await Balancer.start();
    nodeRedis = createClient({ url: redis.url });
    nodeRedis.on('error', () => undefined);
    await nodeRedis.connect();
    ioRedis = new Redis(redis.url, { lazyConnect: true });
    ioRedis.on('error', () => undefined);
    await ioRedis.connect();
    a = await instance(new KakaoRedisOneTimeStore(nodeRedis));
    b = await instance(new KakaoRedisOneTimeStore(ioRedis));
  });
  afterAll(async () => {
    for (const started of instances) await started.close().catch(() => undefined);
    nodeRedis?.destroy();
    ioRedis?.disconnect();
    await lb?.stop();
    await kakao?.stop();
    await redis?.stop();
  });
  beforeEach(() => {
    kakao.clearRequests();
    lb.routeTo(a.url);
  });

  async function instance(
    oneTimeStore: KakaoRedisOneTimeStore,
    extra: Partial<KakaoAuthModuleOptions> = {},
  ): Promise<NestInstance> {
    const started = await startNestInstance(
      kakao,
      ({ kakaoOptions }) => ({
        ...kakaoOptions,
        stateSecret: STATE_SECRET,
        failureRedirect: FAILED,
        tokenLogin: { audiences: [kakao.nativeAppKey] },
        oneTimeStore,
        ...extra,
      }),
      { session: false, publicURL: lb.url },
    );
    instances.push(started);
    return started;
  }

  const on = (target: NestInstance) => lb.routeTo(target.url);
  const appUser = (browser: TestBrowser) => browser.cookiesFor(lb.url).get('app_user');
  const tokenCalls = () => kakao.requests.filter((r) => r.path === '/oauth/token').length;
  const isCallback = (url: string) => url.startsWith(`${lb.url}/auth/kakao/callback`);
  const postJson = (browser: TestBrowser, path: string, payload: object) =>
    browser.request(`${lb.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });

  it('a nonce issued on A logs in once on B, and never again on either', async () => {
    const browser = new TestBrowser();
    on(a);
    const { nonce } = body(await browser.get(`${lb.url}/auth/kakao/nonce`)) as { nonce: string };
    const tokens = kakao.issueTokens(kakao.users[0].id, { openid: true, nonce });
    const payload = { access_token: tokens.access_token, id_token: tokens.id_token, nonce };
    on(b);
    const first = await postJson(browser, '/auth/kakao/token', payload);
    expect([first.status, body(first)]).toEqual([200, { loggedIn: true }]);
    for (const target of [a, b]) {
      on(target);
      const again = await postJson(browser, '/auth/kakao/token', payload);
      expect([again.status, body(again).error]).toEqual([401, 'invalid_nonce']);
    }
  });

  it('a handoff code issued on B is redeemed once on A, and never again on either', async () => {
    const c = await instance(new KakaoRedisOneTimeStore(nodeRedis, { prefix: 'spa:' }), {
      spaHandoff: true,
      successRedirect: '/spa',
    });
    const d = await instance(new KakaoRedisOneTimeStore(ioRedis, { prefix: 'spa:' }), {
      spaHandoff: true,
      successRedirect: '/spa',
    });
    const browser = new TestBrowser();
    on(c);
    const toKakao = await browser.get(`${lb.url}/auth/kakao/login`);
    const atCallback = await browser.follow(toKakao.location!, isCallback);
    on(d);
    const handedOff = await browser.get(atCallback.location!);
    const code = /#code=([\w-]{43})$/.exec(handedOff.location ?? '')?.[1];
    expect(code).toBeDefined();
    on(c);
    const first = await postJson(browser, '/auth/kakao/exchange', { code });
    expect([first.status, body(first)]).toEqual([200, { loggedIn: true }]);
    for (const target of [c, d]) {
      on(target);
      const again = await postJson(browser, '/auth/kakao/exchange', { code });
      expect([again.status, body(again).error]).toEqual([401, 'invalid_code']);
    }
  });

  it('a sealed state used on A is refused on B even with a full copy of the cookies, before any code exchange', async () => {
    const victim = new TestBrowser();
    on(a);
    const toKakao = await victim.get(`${lb.url}/auth/kakao/login`);
    const callback = (await victim.follow(toKakao.location!, isCallback)).location!;
    const copy = new Map(victim.cookiesFor(lb.url));
    expect((await victim.get(callback)).location).toBe(`${lb.url}/`);
    expect(tokenCalls()).toBe(1);
    const attacker = new TestBrowser();
    for (const [k, v] of copy) attacker.cookiesFor(lb.url).set(k, v);
    on(b);
    const replay = await attacker.get(callback);
    expect(failureReason(replay.location, FAILED)).toBe('invalid_state');
    expect(appUser(attacker)).toBeUndefined();
    expect(tokenCalls()).toBe(1);
  });

  it(`${LOGINS.toLocaleString('en')} concurrent logins crossing both instances: 0 errors, 0 cross-talk`, async () => {
    lb.roundRobin([a.url, b.url]);
    const users = Array.from({ length: LOGINS }, (_, i) =>
      kakao.addUser({ nickname: `다중${i}`, email: `multi-${i}@example.com` }),
    );
    const errors: string[] = [];
    const crossTalk: string[] = [];
    let next = 0;
    const loginAs = async (i: number) => {
      const browser = new TestBrowser();
      const start = String(i % 2);
      const finish = String((i + 1) % 2);
      const email = encodeURIComponent(users[i].email!);
      const toKakao = await browser.get(`${lb.url}/auth/kakao/login?login_hint=${email}`, {
        'x-route-to': start,
      });
      if (!toKakao.location?.startsWith(kakao.authBaseURL))
        return void errors.push(`login ${i}: ${toKakao.status}`);
      const atCallback = await browser.follow(toKakao.location, isCallback);
      if (!isCallback(atCallback.location ?? ''))
        return void errors.push(`authorize ${i}: ${atCallback.status}`);
      const done = await browser.get(atCallback.location!, { 'x-route-to': finish });
      if (done.location !== `${lb.url}/`)
        return void errors.push(`callback ${i}: ${done.status} ${done.location}`);
      for (const where of [start, finish]) {
        const me = await browser.get(`${lb.url}/me`, { 'x-route-to': where });
        const id = me.status === 200 ? (JSON.parse(me.body) as { id: string }).id : me.status;
        if (id !== users[i].id) crossTalk.push(`login ${i} on ${where}: ${id} ≠ ${users[i].id}`);
      }
    };
    const worker = async () => {
      while (next < LOGINS) {
        const i = next++;
        await loginAs(i).catch((err: Error) => errors.push(`${i}: ${err.message}`));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(errors.slice(0, 5)).toEqual([]);
    expect(errors).toHaveLength(0);
    expect(crossTalk).toHaveLength(0);
    expect(tokenCalls()).toBe(LOGINS);
    expect(lb.hits.get(a.url)).toBeGreaterThan(LOGINS);
    expect(lb.hits.get(b.url)).toBeGreaterThan(LOGINS);
    // Every used state was claimed in Redis, once.
    expect((await nodeRedis.keys('kakao:state:*')).length).toBeGreaterThanOrEqual(LOGINS);
  }, 180_000);

  it('a Redis outage mid-login fails it cleanly, and logins work again once Redis is back', async () => {
    const browser = new TestBrowser();
    on(a);
    const toKakao = await browser.get(`${lb.url}/auth/kakao/login`);
    const callback = (await browser.follow(toKakao.location!, isCallback)).location!;
    await redis.stop();
    try {
      on(b);
      const done = await browser.get(callback);
      expect(done.status).toBe(302);
      expect(failureReason(done.location, FAILED)).toBe('server_error');
      expect(appUser(browser)).toBeUndefined();
      expect(tokenCalls()).toBe(0);
      // Nest's Logger is process-wide: the line lands in one of the instances' arrays.
      const logs = instances.flatMap((started) => started.logs).join('\n');
      expect(logs).toContain('one-time store (Redis) is unavailable');
      // The JSON routes answer with a reason too.
      const nonce = await new TestBrowser().get(`${lb.url}/auth/kakao/nonce`);
      expect([nonce.status, body(nonce)]).toEqual([500, { error: 'server_error' }]);
    } finally {
      redis = await startRedisServer(redis.port);
    }
    // Both clients reconnect by themselves (node-redis and ioredis back off between tries);
    // then logins crossing the instances, both ways, and nonces on both work again.
    const crossing = async (from: NestInstance, to: NestInstance) => {
      const again = new TestBrowser();
      on(from);
      const start = await again.get(`${lb.url}/auth/kakao/login`);
      const back = (await again.follow(start.location!, isCallback)).location!;
      on(to);
      const done = await again.get(back);
      return done.location === `${lb.url}/` ? whoAmI(again, lb.url) : undefined;
    };
    const nonceOn = async (target: NestInstance) => {
      on(target);
      return (await new TestBrowser().get(`${lb.url}/auth/kakao/nonce`)).status;
    };
    const deadline = Date.now() + 15_000;
    let state: unknown[] = [];
    const healthy = [kakao.users[0].id, kakao.users[0].id, 200, 200];
    while (Date.now() < deadline) {
      state = [await crossing(a, b), await crossing(b, a), await nonceOn(a), await nonceOn(b)];
      if (JSON.stringify(state) === JSON.stringify(healthy)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(state).toEqual(healthy);
  }, 60_000);
});
