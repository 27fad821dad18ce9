import { safeReturnTo } from './return-to';

const allowed = new Set(['https://app.example', 'http://127.0.0.1:3000']);

describe('safeReturnTo', () => {
  it.each(['/', '/dashboard', '/a/b?x=1#frag', '/%2F%2Fevil.example'])(
    'keeps the relative path %s',
    (path) => {
      expect(safeReturnTo(path, allowed)).toBe(path);
    },
  );

  it.each([
    ['an allowed origin', 'https://app.example/x?y=1', 'https://app.example/x?y=1'],
    ['an allowed origin with a port', 'http://127.0.0.1:3000/', 'http://127.0.0.1:3000/'],
  ])('keeps %s', (_label, value, expected) => {
    expect(safeReturnTo(value, allowed)).toBe(expected);
  });

  // The open-redirect vectors (//evil, backslashes, javascript:, userinfo, look-alikes …) run
  // through whole logins in test/security/open-redirect.e2e-spec.ts, which also asserts
  // safeReturnTo on each; these are the cases that list does not hold.
  it.each(['http://app.example/', ' /x', 'evil.example', ''])('refuses %j', (value) => {
    expect(safeReturnTo(value, allowed)).toBeUndefined();
  });

  it.each([undefined, null, 42, ['/a'], { returnTo: '/a' }])(
    'refuses the non-string %j',
    (value) => {
      expect(safeReturnTo(value, allowed)).toBeUndefined();
    },
  );
});

/**
 * `safeReturnTo` at its edges, beyond the open-redirect vectors: the length cap, characters
 * refused anywhere (not only where they would change the origin), userinfo of either kind, and
 * schemes other than http(s) even on an "allowed" origin.
 */
describe('safeReturnTo edges', () => {
  it('accepts 2,048 characters and refuses 2,049', () => {
    const path = (n: number) => `/${'a'.repeat(n - 1)}`;
    expect(safeReturnTo(path(2048), allowed)).toBe(path(2048));
    expect(safeReturnTo(path(2049), allowed)).toBeUndefined();
  });

  it.each([
    ['a space inside a path', '/a b'],
    ['a backslash inside a path (servers and browsers disagree on it)', '/a\\b'],
    ['a backslash inside an allowed URL', 'https://app.example/a\\b'],
    ['a tab at the end', '/a\t'],
    ['DEL', '/a\u007f'],
  ])('refuses %s', (_label, value) => {
    expect(safeReturnTo(value, allowed)).toBeUndefined();
  });

  it('keeps characters above the control range (e.g. "!", "~", Hangul)', () => {
    expect(safeReturnTo('/!~', allowed)).toBe('/!~');
    expect(safeReturnTo('/마이페이지', allowed)).toBe('/마이페이지');
  });

  it('refuses a protocol-relative URL whatever its host', () => {
    // even the host the parser probes relative paths against
    expect(safeReturnTo('//return-to.invalid/x', allowed)).toBeUndefined();
    expect(safeReturnTo('//app.example/x', allowed)).toBeUndefined();
  });

  it('keeps a path that merely ends with slashes', () => {
    expect(safeReturnTo('/a//', allowed)).toBe('/a//');
  });

  it.each([
    ['a user name only', 'https://user@app.example/x'],
    ['a password only', 'https://:pw@app.example/x'],
  ])('refuses userinfo on an allowed origin: %s', (_label, value) => {
    expect(safeReturnTo(value, allowed)).toBeUndefined();
  });

  it.each(['ftp://files.example/x', 'ws://files.example/x', 'wss://files.example/x'])(
    'refuses the non-http(s) URL %s even when its origin is listed',
    (value) => {
      expect(safeReturnTo(value, new Set([new URL(value).origin]))).toBeUndefined();
    },
  );

  it('normalises an allowed absolute URL (what the browser would request)', () => {
    expect(safeReturnTo('HTTPS://APP.EXAMPLE:443/a/../b', allowed)).toBe('https://app.example/b');
  });

  it('refuses text that is neither a path nor a URL, without throwing', () => {
    for (const value of ['app.example/x', 'x', '?a=1', '#top', '%2F%2Fevil.example'])
      expect(safeReturnTo(value, allowed)).toBeUndefined();
  });
});
