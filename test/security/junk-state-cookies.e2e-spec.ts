import { randomBytes } from 'node:crypto';
import { StateCipher } from '../../src/strategy/state/state-cipher';
import { KakaoEmulator } from '../../src/testing';
import { type BrowserResponse, TestBrowser } from '../support/test-browser';
import { type NestInstance, startNestInstance } from '../support/nest-instance';

const SECRETS = [
  'junk-cookies-state-secret-one-of-32-chars',
  'junk-cookies-state-secret-two-of-32-chars',
  'junk-cookies-state-secret-three-of-32-char',
];
const JUNK = 220;

const setCookies = (res: BrowserResponse) =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []);

/**
 * Issue #14 item 4: 220 junk `kakao_login.*` cookies with three `stateSecret`s cost ~660 AES-GCM
 * opens per login start, and each answer carried ~216 deletions. A request's state cookies are
 * now looked at up to a bound (max pending logins + 3), whatever the browser sends. The count of
 * `StateCipher.open` calls is observed (the real method runs).
 */
describe('security: junk state cookies cost a bounded amount per request', () => {
  let kakao: KakaoEmulator;
  let app: NestInstance;
  let opens: jest.SpyInstance;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
    app = await startNestInstance(
      kakao,
      ({ kakaoOptions }) => ({ ...kakaoOptions, stateSecret: SECRETS }),
      { session: false },
    );
    opens = jest.spyOn(StateCipher.prototype, 'open');
  });
  afterAll(async () => {
    opens.mockRestore();
    await app.close();
    await kakao.stop();
  });

  /** 220 junk cookies that look sealed (about 9 KB: under Node's 16 KB header limit). */
  function junkBrowser(): TestBrowser {
    const browser = new TestBrowser();
    const jar = browser.cookiesFor(app.url);
    for (let i = 0; i < JUNK; i++)
      jar.set(`kakao_login.j${i}`, randomBytes(18).toString('base64url'));
    return browser;
  }

  it('a login start with 220 junk state cookies opens at most 8 and deletes at most 8', async () => {
    const browser = junkBrowser();
    opens.mockClear();
    const start = await browser.get(`${app.url}/auth/kakao/login`);
    expect(start.location?.startsWith(kakao.authBaseURL)).toBe(true);
    expect(opens.mock.calls.length).toBeLessThanOrEqual(8);
    const deletions = setCookies(start).filter((c) => /Max-Age=0/.test(c));
    expect(deletions.length).toBeLessThanOrEqual(8);
  });

  it('the callback opens only its own cookie, and the login completes despite the junk', async () => {
    const browser = junkBrowser();
    const callback = (
      await browser.follow(`${app.url}/auth/kakao/login`, (u) => u.startsWith(app.callbackURL))
    ).location!;
    opens.mockClear();
    const done = await browser.get(callback);
    expect(done.location).toBe(`${app.url}/`);
    expect(opens.mock.calls.length).toBe(1);
    expect(setCookies(done).filter((c) => /Max-Age=0/.test(c)).length).toBe(1);
  });
});
