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

  it.each([
    'https://evil.example',
    'https://app.example.evil.example/',
    'https://app.example@evil.example/',
    'https://user:pw@app.example/',
    'http://app.example/',
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    ' /x',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,x',
    'https:evil.example',
    'evil.example',
    '',
    'x'.repeat(3000),
  ])('refuses %j', (value) => {
    expect(safeReturnTo(value, allowed)).toBeUndefined();
  });

  it.each([undefined, null, 42, ['/a'], { returnTo: '/a' }])(
    'refuses the non-string %j',
    (value) => {
      expect(safeReturnTo(value, allowed)).toBeUndefined();
    },
  );
});
