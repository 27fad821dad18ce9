import fc from 'fast-check';
import { encodeBytes, rawOrEncoded } from './visitor';

/** Runs per property: at least 1,000 (CI); FUZZ_RUNS raises it for a longer local session. */
export const RUNS = Math.max(1000, Number(process.env.FUZZ_RUNS) || 0);

/** The parameters the login routes read, the ones Kakao sends, and prototype-pollution keys. */
const KNOWN_KEYS = [
  'code',
  'state',
  'error',
  'error_description',
  'returnTo',
  'prompt',
  'login_hint',
  'scope',
];
const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__proto__[code]',
  '__proto__[state]',
  '__proto__[isAdmin]',
  'constructor[prototype][isAdmin]',
  'code[]',
  'state[]',
  'code[0]',
  'code[__proto__]',
  'state[constructor]',
  'error[]',
  'returnTo[]',
  'prompt[]',
  'scope[__proto__][x]',
  'a[b][c][d][e][f][g][h]',
];
const ODD_VALUES = [
  '',
  'access_denied',
  'consent_required',
  'login_required',
  'login',
  'none,login',
  'select_account',
  'birthday',
  'phone_number',
  '//evil.example',
  'https://evil.example',
  'javascript:alert(1)',
  '%',
  '%zz',
  '%E0%A4%A',
  '%00',
  '\u0000',
  'true',
  '[]',
  '{}',
  'null',
];

const key = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...KNOWN_KEYS) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_KEYS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

const value = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_VALUES) },
  // huge values: beyond the 2,048-character caps, sometimes beyond Node's 16 KB header limit
  { weight: 1, arbitrary: fc.string({ minLength: 2049, maxLength: 7000 }) },
);

const pair = fc.record({
  key,
  value,
  rawKey: fc.boolean(),
  rawValue: fc.boolean(),
  /** A key without `=value`, one time in ten. */
  bare: fc.nat({ max: 9 }).map((n) => n === 0),
});

/**
 * A query string (without `?`): known, hostile and random keys; unicode, binary, huge and
 * malformed (bad percent-escapes) values; some parts raw, some encoded; repeated parameters.
 */
export const queryString: fc.Arbitrary<string> = fc
  .tuple(fc.array(pair, { maxLength: 12 }), fc.nat({ max: 3 }))
  .map(([pairs, repeats]) => {
    const all = pairs.length
      ? [...pairs, ...Array<(typeof pairs)[number]>(repeats).fill(pairs[0])]
      : pairs;
    return all
      .map((p) => {
        const k = p.rawKey ? rawOrEncoded(p.key) : encodeBytes(p.key);
        if (p.bare) return k;
        return `${k}=${p.rawValue ? rawOrEncoded(p.value) : encodeBytes(p.value)}`;
      })
      .join('&');
  });

/**
 * returnTo candidates: random text, web URLs, and compositions of the pieces open-redirect
 * payloads are made of (slashes, backslashes, schemes, whitespace, look-alikes, userinfo).
 */
export function returnToCandidates(trustedOrigin: string, appOrigin: string): fc.Arbitrary<string> {
  const prefix = fc.constantFrom(
    '',
    '/',
    '//',
    '///',
    '\\',
    '\\\\',
    '/\\',
    '\\/',
    '/./',
    '/../',
    'http:',
    'https:',
    'http://',
    'https://',
    'HTTPS://',
    'javascript:',
    'data:text/html,',
    ' ',
    '\t',
    '\n',
    '\r\n',
    '\u0000',
    '%2F',
    '%2F%2F',
    '%5C',
    '/%2F',
    '\uff0f\uff0f',
    '/\uff0f',
    '\u2215\u2215',
    `${trustedOrigin}@`,
    `${trustedOrigin}.`,
    `${trustedOrigin}:443@`,
    `${appOrigin}@`,
    `${appOrigin}.`,
    '@',
    '#',
    '?',
  );
  const host = fc.constantFrom(
    'evil.example',
    'trusted.example',
    '127.0.0.1',
    'evil\u3002example',
    '\uff45\uff56\uff49\uff4c.example',
    'xn--vil-4na.example',
    '',
  );
  const tail = fc.oneof(
    fc.constantFrom(
      '',
      '/',
      '/x',
      '?a=1',
      '#f',
      '\\x',
      '@evil.example',
      ':80',
      '/%2F%2Fevil.example',
    ),
    fc.string({ maxLength: 10 }),
  );
  const path = fc.webPath().map((p) => `/${p.replace(/^\/+/, '')}`);
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(prefix, prefix, host, tail).map((parts) => parts.join('')) },
    // plausible targets, honoured: a path, a URL on the app's or the trusted origin
    { weight: 1, arbitrary: fc.tuple(path, tail).map(([p, t]) => `${p}${t}`) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(trustedOrigin, appOrigin), path)
        .map(([origin, p]) => `${origin}${p}`),
    },
    { weight: 1, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  );
}
