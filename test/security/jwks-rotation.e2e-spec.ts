import { KakaoEmulator } from '../../src/testing';
import { TestBrowser } from '../support/test-browser';
import { failureReason, logIn, whoAmI } from '../support/login-steps';
import { type NestInstance, startNestInstance } from '../support/nest-instance';

const FAILED = '/login-failed';

/**
 * Kakao rotating its id_token signing key, through KakaoAuthModule: only `Date` is faked (every
 * timer stays real), so the 30 s JWKS refetch window can be crossed without waiting.
 */
describe('security: JWKS key rotation through the module (one refetch per 30 s)', () => {
  let kakao: KakaoEmulator;
  let app: NestInstance;

  beforeAll(async () => {
    jest.useFakeTimers({
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
      now: Date.now(),
    });
    // Created after faking Date, so the JWKS cache and the emulator read the same clock.
    kakao = await KakaoEmulator.start({ autoApprove: true });
    app = await startNestInstance(kakao, ({ kakaoOptions }) => ({
      ...kakaoOptions,
      openid: true,
      failureRedirect: FAILED,
    }));
  });
  afterAll(async () => {
    await app.close();
    await kakao.stop();
    jest.useRealTimers();
  });

  const jwksFetches = () => kakao.requests.filter((r) => r.path === '/.well-known/jwks.json');
  const later = (ms: number) => jest.setSystemTime(Date.now() + ms);

  it('after a rotation, the new kid triggers exactly one refetch and logins go on', async () => {
    expect((await logIn(new TestBrowser(), app)).location).toBe(`${app.url}/`);
    expect(jwksFetches()).toHaveLength(1);

    later(60_000);
    kakao.rotateSigningKey({ keepOld: true });
    const browsers = Array.from({ length: 5 }, () => new TestBrowser());
    const done = await Promise.all(browsers.map((b) => logIn(b, app)));
    expect(done.map((d) => d.location)).toEqual(browsers.map(() => `${app.url}/`));
    expect(jwksFetches()).toHaveLength(2);
    expect(await whoAmI(browsers[0], app.url)).toBe(kakao.users[0].id);
  });

  it('a rotation within 30 s of the last fetch fails logins as invalid_id_token until the window passes, then one refetch', async () => {
    later(60_000);
    kakao.rotateSigningKey();
    kakao.clearRequests();
    expect((await logIn(new TestBrowser(), app)).location).toBe(`${app.url}/`);
    expect(jwksFetches()).toHaveLength(1); // the last fetch: now
    kakao.clearRequests();
    kakao.rotateSigningKey();
    later(10_000);
    const refused = await logIn(new TestBrowser(), app);
    expect(failureReason(refused.location, FAILED)).toBe('invalid_id_token');
    expect(jwksFetches()).toHaveLength(0);

    later(20_000);
    expect((await logIn(new TestBrowser(), app)).location).toBe(`${app.url}/`);
    expect(jwksFetches()).toHaveLength(1);
  });
});
