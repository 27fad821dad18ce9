import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createNestSample } from '../../sample/nest/create-nest-sample';
import { KakaoEmulator } from '../../src/testing';

const LOGINS = 1000;
const CONCURRENCY = 100;
/** Generous bounds for a shared 2-core CI machine; a healthy run takes a fraction of this. */
const MAX_DURATION_MS = 60_000;
/** Retained heap (1,000 sessions, the emulator's tokens and request log): about 11 MB measured. */
const MAX_HEAP_GROWTH_BYTES = 64 * 1024 * 1024;
const SESSION_COOKIE = 'sample.sid';

/** Heap in use after a full GC (`gc` exposed at run time), so growth means retained memory. */
function retainedHeap(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * 1,000 complete logins (login → Kakao authorize → callback → profile) through the NestJS sample
 * against the KakaoEmulator, 100 at a time, each as a different Kakao user picked with
 * `login_hint`. Every login must succeed and every session must hold its own user.
 */
describe(`load: ${LOGINS} logins at concurrency ${CONCURRENCY} through the NestJS sample`, () => {
  let kakao: KakaoEmulator;
  let app: NestExpressApplication;
  let server: Server;
  let url: string;
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true, clientSecret: 'load-client-secret' });
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    app = await createNestSample({
      kakao: {
        clientID: kakao.clientID,
        clientSecret: kakao.clientSecret,
        adminKey: kakao.adminKey,
        authBaseURL: kakao.authBaseURL,
        apiBaseURL: kakao.apiBaseURL,
        callbackURL: `${url}/auth/kakao/callback`,
      },
      mode: 'emulator',
      logger: ['error'],
    });
    await app.init();
    server.on('request', app.getHttpAdapter().getInstance());
  });
  afterAll(async () => {
    agent.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await app.close();
    await kakao.stop();
  });

  /**
   * A keep-alive socket the server closed just as it was reused fails with ECONNRESET before any
   * byte of the answer: Node's documented race (`request.reusedSocket`). Such a GET is sent again
   * once on a fresh socket; any other error, or a second one, fails the login.
   */
  function get(target: string, cookie?: string, retried = false): Promise<Answer> {
    return send(target, cookie).catch((err: NodeJS.ErrnoException & { reusedSocket?: boolean }) => {
      if (retried || !err.reusedSocket || err.code !== 'ECONNRESET') throw err;
      return get(target, cookie, true);
    });
  }

  function send(target: string, cookie?: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = request(target, { agent, headers: cookie ? { cookie } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      });
      req.setTimeout(20_000, () => req.destroy(new Error(`timeout: ${target}`)));
      req.on('error', (err) => reject(Object.assign(err, { reusedSocket: req.reusedSocket })));
      req.end();
    });
  }

  function sessionCookie(answer: Answer): string | undefined {
    const line = ([] as string[])
      .concat(answer.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    return line?.split(';')[0];
  }

  function expectRedirect(answer: Answer, step: string): string {
    if (answer.status !== 302 || !answer.headers.location)
      throw new Error(`${step}: ${answer.status} ${answer.body.slice(0, 200)}`);
    return new URL(answer.headers.location, url).toString();
  }

  /** One whole login as `email`; resolves with the Kakao id the profile page shows and the session. */
  async function loginAs(email: string): Promise<{ shownId: string; session: string }> {
    const start = await get(`${url}/auth/kakao/login?login_hint=${encodeURIComponent(email)}`);
    const pending = sessionCookie(start);
    if (!pending) throw new Error('login: no session cookie');
    const authorize = await get(expectRedirect(start, 'login'));
    const callback = expectRedirect(authorize, 'authorize');
    if (!callback.startsWith(`${url}/auth/kakao/callback?`))
      throw new Error(`authorize: went to ${callback}`);
    const done = await get(callback, pending);
    if (expectRedirect(done, 'callback') !== `${url}/profile`)
      throw new Error(`callback: went to ${done.headers.location}`);
    const session = sessionCookie(done);
    if (!session || session === pending)
      throw new Error('callback: the session id was not renewed');
    const profile = await get(`${url}/profile`, session);
    if (profile.status !== 200) throw new Error(`profile: ${profile.status}`);
    const shownId = /data-testid="kakao-id"[^]*?<code>(\d+)<\/code>/.exec(profile.body)?.[1];
    if (!shownId) throw new Error('profile: no Kakao id on the page');
    return { shownId, session };
  }

  it('every login succeeds, each session holds its own user, in bounded time and memory', async () => {
    const users = Array.from({ length: LOGINS }, (_, i) =>
      kakao.addUser({ nickname: `부하${i}`, email: `load-${i}@example.com` }),
    );
    const heapBefore = retainedHeap();
    const started = Date.now();
    const deadline = started + MAX_DURATION_MS;
    const results: Array<{ shownId: string; session: string } | Error> = new Array(LOGINS);
    let next = 0;
    // Each worker takes the next login until none is left or the deadline passes: the run
    // always stops by itself.
    const worker = async () => {
      while (next < LOGINS && Date.now() < deadline) {
        const i = next++;
        results[i] = await loginAs(users[i].email!).catch((err: Error) => err);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const elapsed = Date.now() - started;
    const heapGrowth = retainedHeap() - heapBefore;

    const errors = results.filter((r) => r instanceof Error);
    expect(errors.map(String).slice(0, 5)).toEqual([]);
    expect(results.filter(Boolean)).toHaveLength(LOGINS);
    const done = results as Array<{ shownId: string; session: string }>;
    expect(done.map((r) => r.shownId)).toEqual(users.map((u) => u.id));
    expect(new Set(done.map((r) => r.session)).size).toBe(LOGINS);
    expect(kakao.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(LOGINS);

    // Once all logins are done, every session still holds its own user (no cross-talk between
    // sessions written concurrently): re-read all of them, concurrently, in reverse order.
    const reread = await Promise.all(
      [...done.keys()].reverse().map(async (i) => {
        const page = await get(`${url}/profile`, done[i].session);
        return (
          /data-testid="kakao-id"[^]*?<code>(\d+)<\/code>/.exec(page.body)?.[1] === users[i].id
        );
      }),
    );
    expect(reread.filter((ok) => !ok)).toHaveLength(0);
    expect(elapsed).toBeLessThan(MAX_DURATION_MS);
    expect(heapGrowth).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
    console.log(
      `load: ${LOGINS} logins at concurrency ${CONCURRENCY} in ${elapsed} ms ` +
        `(${Math.round((LOGINS * 1000) / elapsed)} logins/s), heap +${Math.round(heapGrowth / 1048576)} MB`,
    );
  });
});
