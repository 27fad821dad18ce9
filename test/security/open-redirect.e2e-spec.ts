import { safeReturnTo } from '../../src/strategy/return-to';
import { KakaoEmulator } from '../../src/testing';
import { TestBrowser } from '../support/test-browser';
import { logIn } from '../support/login-steps';
import { type NestInstance, startNestInstance } from '../support/nest-instance';

const TRUSTED = 'https://trusted.example';

/**
 * Open-redirect vectors on `GET login?returnTo=`: each goes through a whole login, and the
 * callback's redirect must stay on the site. `refused` vectors fall back to successRedirect;
 * `kept on the site` ones are odd but harmless same-origin paths (a browser resolves them on the
 * app's origin), kept as given.
 */
const VECTORS: Array<[label: string, returnTo: string, outcome: 'refused' | 'kept on the site']> = [
  ['absolute URL', 'https://evil.example/login', 'refused'],
  ['absolute http URL', 'http://evil.example', 'refused'],
  ['scheme without slashes', 'https:evil.example', 'refused'],
  ['protocol-relative', '//evil.example', 'refused'],
  ['protocol-relative, three slashes', '///evil.example', 'refused'],
  ['backslash after the slash', '/\\evil.example', 'refused'],
  ['two backslashes', '\\\\evil.example', 'refused'],
  ['backslash then slash', '\\/evil.example', 'refused'],
  ['percent-encoded slashes (stays a path)', '/%2F%2Fevil.example', 'kept on the site'],
  ['percent-encoded slashes without the leading one', '%2F%2Fevil.example', 'refused'],
  ['double-encoded slashes', '%252F%252Fevil.example', 'refused'],
  ['percent-encoded backslash (stays a path)', '/%5Cevil.example', 'kept on the site'],
  ['javascript:', 'javascript:alert(document.cookie)', 'refused'],
  ['JavaScript: in mixed case', 'JaVaScRiPt:alert(1)', 'refused'],
  ['javascript: split by a tab', 'java\tscript:alert(1)', 'refused'],
  ['data: URL', 'data:text/html,<script>alert(1)</script>', 'refused'],
  ['vbscript:', 'vbscript:msgbox(1)', 'refused'],
  ['userinfo: trusted host as user name', `${TRUSTED}@evil.example`, 'refused'],
  ['userinfo with a port look-alike', `${TRUSTED}:443@evil.example`, 'refused'],
  ['userinfo on the trusted origin itself', 'https://user:pw@trusted.example/x', 'refused'],
  ['trusted name as a subdomain of evil', 'https://trusted.example.evil.example', 'refused'],
  ['trusted URL in the path of evil', `https://evil.example/${TRUSTED}`, 'refused'],
  ['trusted origin after a backslash', `https://evil.example\\@trusted.example`, 'refused'],
  ['leading space', ' //evil.example', 'refused'],
  ['leading tab', '\t//evil.example', 'refused'],
  ['tab between the slashes', '/\t/evil.example', 'refused'],
  ['newline between the slashes', '/\n/evil.example', 'refused'],
  ['carriage return between the slashes', '/\r/evil.example', 'refused'],
  ['NUL between the slashes', '/\u0000/evil.example', 'refused'],
  ['DEL in the path', '/\u007f/evil.example', 'refused'],
  ['encoded tab between the slashes (stays a path)', '/%09/evil.example', 'kept on the site'],
  ['fullwidth solidus look-alikes', '\uff0f\uff0fevil.example', 'refused'],
  ['fullwidth solidus after a slash (stays a path)', '/\uff0fevil.example', 'kept on the site'],
  [
    'division slash look-alikes after a slash (stays a path)',
    '/\u2215\u2215evil.example',
    'kept on the site',
  ],
  ['ideographic full stop in the host', 'https://evil\u3002example', 'refused'],
  ['fullwidth letters in the host', 'https://\uff45\uff56\uff49\uff4c.example', 'refused'],
  ['trusted host with an ideographic full stop suffix', `${TRUSTED}\u3002evil.example`, 'refused'],
  ['fragment trick', 'https://evil.example#@trusted.example', 'refused'],
  ['a 3,000-character path', `/${'a'.repeat(3000)}`, 'refused'],
];

describe('security: open redirects through returnTo', () => {
  let kakao: KakaoEmulator;
  let app: NestInstance;
  const allowed = () => new Set([new URL(app.url).origin, TRUSTED]);

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
    app = await startNestInstance(kakao, ({ kakaoOptions }) => ({
      ...kakaoOptions,
      successRedirect: '/welcome',
      failureRedirect: '/login-failed',
      allowedRedirectOrigins: [TRUSTED],
    }));
  });
  afterAll(async () => {
    await app.close();
    await kakao.stop();
  });

  it(`covers at least 15 vectors (${VECTORS.length})`, () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(15);
  });

  it.each(VECTORS)('%s (%j) is %s', async (_label, returnTo, outcome) => {
    expect(safeReturnTo(returnTo, allowed()) === undefined).toBe(outcome === 'refused');
    const done = await logIn(new TestBrowser(), app, `?returnTo=${encodeURIComponent(returnTo)}`);
    expect(done.status).toBe(302);
    const target = new URL(done.headers.location as string, app.url);
    expect(target.origin).toBe(new URL(app.url).origin);
    if (outcome === 'refused') expect(target.href).toBe(`${app.url}/welcome`);
    else expect(target.pathname).not.toBe('/welcome');
  });

  it('returnTo given twice (?returnTo=/a&returnTo=//evil.example) is refused', async () => {
    const done = await logIn(new TestBrowser(), app, '?returnTo=%2Fa&returnTo=%2F%2Fevil.example');
    expect(done.location).toBe(`${app.url}/welcome`);
  });

  it.each([
    ['a path with a query', '/dashboard?tab=1#top', '/dashboard?tab=1#top'],
    ['an allow-listed origin', `${TRUSTED}/after`, `${TRUSTED}/after`],
    ['the app’s own origin', '__APP__/x', '__APP__/x'],
  ])('%s is honoured (positive control)', async (_label, returnTo, expected) => {
    const given = returnTo.replace('__APP__', app.url);
    const done = await logIn(new TestBrowser(), app, `?returnTo=${encodeURIComponent(given)}`);
    expect(new URL(done.headers.location as string, app.url).href).toBe(
      new URL(expected.replace('__APP__', app.url), app.url).href,
    );
  });
});
