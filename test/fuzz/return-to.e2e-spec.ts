import fc from 'fast-check';
import { safeReturnTo } from '../../src/strategy/return-to';
import { KakaoEmulator } from '../../src/testing';
import { type NestInstance, startNestInstance } from '../support/nest-instance';
import { returnToCandidates, RUNS } from './support/arbitraries';
import { encodeBytes, Visitor } from './support/visitor';

const TRUSTED = 'https://trusted.example';

/**
 * Arbitrary `returnTo` values never yield an off-site redirect: checked on `safeReturnTo` alone
 * (many runs, cheap) and through whole logins (login → Kakao → callback → the final redirect,
 * resolved the way a browser resolves a Location header).
 */
describe('fuzz: returnTo never redirects off-site', () => {
  let kakao: KakaoEmulator;
  let app: NestInstance;
  let appOrigin: string;
  const onSite = () => new Set([appOrigin, TRUSTED]);

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
    app = await startNestInstance(kakao, ({ kakaoOptions }) => ({
      ...kakaoOptions,
      successRedirect: '/welcome',
      failureRedirect: '/login-failed',
      allowedRedirectOrigins: [TRUSTED],
    }));
    appOrigin = new URL(app.url).origin;
  });
  afterAll(async () => {
    await app.close();
    await kakao.stop();
  });

  const candidates = () => returnToCandidates(TRUSTED, appOrigin);

  it(`safeReturnTo: undefined, or a target on the app's or an allowed origin, free of characters browsers rewrite (${RUNS * 10} runs)`, () => {
    fc.assert(
      fc.property(candidates(), (value) => {
        const safe = safeReturnTo(value, onSite());
        if (safe === undefined) return;
        expect(onSite().has(new URL(safe, appOrigin).origin)).toBe(true);
        expect([...safe].some((c) => c <= ' ' || c === '\u007f' || c === '\\')).toBe(false);
        // Resolved against any other origin too, a relative target stays on that origin.
        if (safe.startsWith('/'))
          expect(new URL(safe, 'https://other.example').origin).toBe('https://other.example');
      }),
      { numRuns: RUNS * 10 },
    );
  });

  it(`whole logins: the callback's redirect stays on the site (${RUNS} runs)`, async () => {
    let honoured = 0;
    await fc.assert(
      fc.asyncProperty(candidates(), async (returnTo) => {
        const visitor = new Visitor(app.url);
        const start = await visitor.get(`/auth/kakao/login?returnTo=${encodeBytes(returnTo)}`);
        expect(start.status).toBe(302);
        const authorize = await new Visitor(kakao.authBaseURL).get(start.location!);
        const done = await visitor.get(authorize.location!);
        expect(done.status).toBe(302);
        const target = new URL(done.location!);
        expect(onSite().has(target.origin)).toBe(true);
        if (target.href !== `${app.url}/welcome`) honoured += 1;
      }),
      { numRuns: RUNS },
    );
    // The property is not vacuous: some returnTo values were honoured, not all refused.
    expect(honoured).toBeGreaterThan(RUNS / 20);
  });
});
