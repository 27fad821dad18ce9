import fc from 'fast-check';
import { KakaoEmulator } from '../../src/testing';
import { type NestInstance, startNestInstance } from '../support/nest-instance';
import { watchProcessErrors } from '../support/process-watch';
import { queryString, RUNS } from './support/arbitraries';
import { encodeBytes, Visitor } from './support/visitor';

const FAILED = '/login-failed';

/**
 * Arbitrary query strings on `GET login` and `GET callback` (unicode, binary, huge, malformed,
 * repeated parameters, `__proto__` / `constructor` keys), with Express's `simple` (default) and
 * `extended` (qs) query parsers: never a 5xx, never a logged-in session, and a redirect only to
 * Kakao's authorize page (with a random state) or to failureRedirect.
 */
describe.each(['simple', 'extended'] as const)(
  'fuzz: login and callback queries (%s query parser)',
  (parser) => {
    let kakao: KakaoEmulator;
    let app: NestInstance;
    let processErrors: ReturnType<typeof watchProcessErrors>;

    beforeAll(async () => {
      processErrors = watchProcessErrors();
      kakao = await KakaoEmulator.start({ autoApprove: true });
      app = await startNestInstance(
        kakao,
        ({ kakaoOptions }) => ({
          ...kakaoOptions,
          successRedirect: '/welcome',
          failureRedirect: FAILED,
          allowedScopes: ['birthday'],
        }),
        { queryParser: parser },
      );
    });
    afterAll(async () => {
      await app.close();
      await kakao.stop();
      processErrors.stop();
    });

    const tokenCalls = () => kakao.requests.filter((r) => r.path === '/oauth/token').length;
    /** What the runs ended in, to show (and check) that the fuzzer reaches the deep paths. */
    const outcomes = new Map<string, number>();
    const count = (res: { status: number; location?: string }) => {
      const label =
        res.status !== 302
          ? String(res.status)
          : res.location!.startsWith(kakao.authBaseURL)
            ? 'to Kakao'
            : `failure ${new URL(res.location!).searchParams.get('error')}`;
      outcomes.set(label, (outcomes.get(label) ?? 0) + 1);
    };

    /** Where a redirect may go: Kakao's authorize page with our own parameters, or the failure page. */
    function checkRedirect(location: string): void {
      const url = new URL(location);
      if (url.origin === new URL(kakao.authBaseURL).origin) {
        expect(url.pathname).toBe('/oauth/authorize');
        expect(url.searchParams.get('client_id')).toBe(kakao.clientID);
        expect(url.searchParams.get('redirect_uri')).toBe(app.callbackURL);
        expect(url.searchParams.get('response_type')).toBe('code');
        expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      } else {
        expect(`${url.origin}${url.pathname}`).toBe(`${app.url}${FAILED}`);
        expect([...url.searchParams.keys()]).toEqual(['error']);
      }
    }

    /** Nobody is logged in with this visitor's cookies. */
    async function expectNoLogin(visitor: Visitor): Promise<void> {
      if (!visitor.cookies.size) return;
      expect((await visitor.get('/me')).status).toBe(401);
    }

    it(`GET login?<arbitrary>, alone or with a pending login's real state (${RUNS} runs)`, async () => {
      await fc.assert(
        fc.asyncProperty(queryString, fc.boolean(), async (query, withRealState) => {
          const visitor = new Visitor(app.url);
          let q = query;
          if (withRealState) {
            const start = await visitor.get('/auth/kakao/login');
            q = `${q}&state=${new URL(start.location!).searchParams.get('state')}`;
          }
          const before = tokenCalls();
          const res = await visitor.get(`/auth/kakao/login?${q}`);
          count(res);
          expect(res.status).toBeLessThan(500);
          if (res.status === 302) checkRedirect(res.location!);
          else expect([400, 414, 431]).toContain(res.status);
          // The login route never finishes a login: no code is exchanged there.
          expect(tokenCalls()).toBe(before);
          await expectNoLogin(visitor);
        }),
        { numRuns: RUNS },
      );
    });

    it(`GET callback?<arbitrary>, alone, after a real login start, with its state, with a code (${RUNS} runs)`, async () => {
      await fc.assert(
        fc.asyncProperty(
          queryString,
          fc.constantFrom('none', 'pending', 'pending + real state', 'pending + real state + code'),
          fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
          async (query, context, code) => {
            const visitor = new Visitor(app.url);
            let q = query;
            if (context !== 'none') {
              const start = await visitor.get('/auth/kakao/login');
              const state = new URL(start.location!).searchParams.get('state')!;
              if (context !== 'pending') q = `${q}&state=${state}`;
              if (context.endsWith('code')) q = `${q}&code=${encodeBytes(code)}`;
            }
            const before = tokenCalls();
            const res = await visitor.get(`/auth/kakao/callback?${q}`);
            count(res);
            expect(res.status).toBeLessThan(500);
            if (res.status === 302) checkRedirect(res.location!);
            else expect([400, 414, 431]).toContain(res.status);
            expect(tokenCalls() - before).toBeLessThanOrEqual(1);
            await expectNoLogin(visitor);
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('the runs reached every outcome: Kakao, each failure reason, the code exchange, oversized requests', () => {
      console.log(
        `fuzz (${parser}): ${JSON.stringify(Object.fromEntries(outcomes))}, ${tokenCalls()} code exchanges`,
      );
      for (const label of [
        'to Kakao',
        'failure invalid_state',
        'failure invalid_request',
        'failure kakao_error',
        '431',
      ])
        expect(outcomes.get(label)).toBeGreaterThan(5);
      expect(tokenCalls()).toBeGreaterThan(50);
    });

    it('nothing reached Nest’s exception handler, no unhandled rejection, and a real login still works', async () => {
      expect(app.logs.join('\n')).not.toMatch(/ExceptionsHandler|Internal server error/);
      expect(processErrors.errors).toEqual([]);
      const visitor = new Visitor(app.url);
      const start = await visitor.get('/auth/kakao/login');
      const authorize = await new Visitor(kakao.authBaseURL).get(start.location!);
      const done = await visitor.get(authorize.location!);
      expect(done.location).toBe(`${app.url}/welcome`);
      expect(JSON.parse((await visitor.get('/me')).body)).toEqual({ id: kakao.users[0].id });
    });
  },
);
