import { KakaoEmulator } from '../../src/testing';
import { TestBrowser } from '../support/test-browser';
import { logIn, whoAmI } from '../support/login-steps';
import { type NestInstance, startNestInstance } from '../support/nest-instance';

const PARTNER = 'https://partner.example';

/**
 * Cross-site request forgery on `POST logout` and `POST unlink`: a page on another origin (or
 * another site) makes the logged-in browser post. Refused requests must do nothing at all: no
 * Kakao call, no hook, the session intact.
 */
describe('security: cross-site and same-site POST logout / unlink', () => {
  let kakao: KakaoEmulator;
  let app: NestInstance;
  const unlinked: string[] = [];

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
    app = await startNestInstance(kakao, ({ kakaoOptions }) => ({
      ...kakaoOptions,
      allowedRedirectOrigins: [PARTNER],
      onUnlink: ({ userId }) => void unlinked.push(userId),
    }));
  });
  afterAll(async () => {
    await app.close();
    await kakao.stop();
  });
  beforeEach(() => {
    kakao.clearRequests();
    unlinked.length = 0;
  });

  const kakaoCalls = () =>
    kakao.requests.filter((r) => r.path === '/v1/user/logout' || r.path === '/v1/user/unlink');
  const sameSiteOtherPort = () => `http://127.0.0.1:${Number(new URL(app.url).port) + 1}`;

  const REFUSED: Array<[string, () => Record<string, string>]> = [
    ['Sec-Fetch-Site: cross-site', () => ({ 'sec-fetch-site': 'cross-site' })],
    [
      'Sec-Fetch-Site: same-site (a sibling subdomain or port)',
      () => ({ 'sec-fetch-site': 'same-site' }),
    ],
    [
      'Sec-Fetch-Site: none (typed in the address bar / a bookmark)',
      () => ({ 'sec-fetch-site': 'none' }),
    ],
    [
      'two Sec-Fetch-Site values (cross-site, same-origin)',
      () => ({ 'sec-fetch-site': 'cross-site, same-origin' }),
    ],
    ['a foreign Origin, no Fetch Metadata', () => ({ origin: 'https://evil.example' })],
    [
      'the app’s host on another port (same site, other origin)',
      () => ({ origin: sameSiteOtherPort() }),
    ],
    ['Origin: null (sandboxed iframe, data: URL)', () => ({ origin: 'null' })],
    ['an Origin with a path appended', () => ({ origin: `${app.url}/x` })],
    ['the app’s origin as a prefix of another host', () => ({ origin: `${app.url}.evil.example` })],
    ['neither Origin nor Fetch Metadata', () => ({})],
    [
      'a forged Host and X-Forwarded-Host matching the foreign Origin',
      () => ({
        origin: 'https://evil.example',
        host: 'evil.example',
        'x-forwarded-host': 'evil.example',
      }),
    ],
    [
      'a form post from a foreign origin (text/html)',
      () => ({
        origin: 'https://evil.example',
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
      }),
    ],
  ];

  describe.each(['logout', 'unlink'])('POST %s', (action) => {
    it.each(REFUSED)('%s → 403, nothing done', async (_label, headers) => {
      const browser = new TestBrowser();
      await logIn(browser, app);
      kakao.clearRequests();
      const res = await browser.request(`${app.url}/auth/kakao/${action}`, {
        method: 'POST',
        headers: headers(),
      });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toEqual({ error: 'cross_site_request' });
      expect(kakaoCalls()).toHaveLength(0);
      expect(unlinked).toHaveLength(0);
      expect(await whoAmI(browser, app.url)).toBe(kakao.users[0].id);
    });

    it(`GET ${action} does nothing (no route: an <img> or a link cannot trigger it)`, async () => {
      const browser = new TestBrowser();
      await logIn(browser, app);
      kakao.clearRequests();
      expect((await browser.get(`${app.url}/auth/kakao/${action}`)).status).toBe(404);
      expect(kakaoCalls()).toHaveLength(0);
      expect(await whoAmI(browser, app.url)).toBe(kakao.users[0].id);
    });

    it.each([
      ['Sec-Fetch-Site: same-origin', () => ({ 'sec-fetch-site': 'same-origin' })],
      [
        'SEC-FETCH-SITE: SAME-ORIGIN (case-insensitive value)',
        () => ({ 'sec-fetch-site': 'SAME-ORIGIN' }),
      ],
      ['the app’s Origin without Fetch Metadata (older browsers)', () => ({ origin: app.url })],
      ['an allow-listed Origin without Fetch Metadata', () => ({ origin: PARTNER })],
    ])('%s → done (positive control)', async (_label, headers) => {
      const browser = new TestBrowser();
      await logIn(browser, app);
      kakao.clearRequests();
      const res = await browser.request(`${app.url}/auth/kakao/${action}`, {
        method: 'POST',
        headers: { accept: 'application/json', ...headers() },
      });
      expect(res.status).toBe(200);
      expect(kakaoCalls()).toHaveLength(1);
      expect(await whoAmI(browser, app.url)).toBeUndefined();
    });
  });
});
