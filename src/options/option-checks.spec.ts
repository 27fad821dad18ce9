import { KakaoConfigError } from '../errors/kakao-config.error';
import { issuerFor, jwksURLOf, KAKAO_AUTH_BASE_URL } from './kakao-urls';
import {
  absoluteURL,
  baseURL,
  checkHttpOptions,
  isAbsoluteHttpURL,
  nonEmptyString,
  numberOption,
  oneOf,
  optionalString,
  positiveNumber,
  renamedOption,
  seconds,
  splitList,
  stringList,
} from './option-checks';

const refusal = (run: () => unknown): KakaoConfigError => {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(KakaoConfigError);
    return err as KakaoConfigError;
  }
  throw new Error('expected a KakaoConfigError');
};

describe('baseURL', () => {
  it('defaults when left out and drops trailing slashes', () => {
    expect(baseURL('X', 'authBaseURL', undefined, KAKAO_AUTH_BASE_URL)).toBe(KAKAO_AUTH_BASE_URL);
    expect(baseURL('X', 'authBaseURL', null, KAKAO_AUTH_BASE_URL)).toBe(KAKAO_AUTH_BASE_URL);
    expect(baseURL('X', 'authBaseURL', 'http://127.0.0.1:9/kauth//', 'd')).toBe(
      'http://127.0.0.1:9/kauth',
    );
  });

  it.each([
    ['relative', '/kauth', /must be an absolute http\(s\) URL/],
    ['host only', 'kauth.kakao.com', /must be an absolute http\(s\) URL/],
    ['ftp:', 'ftp://kauth.example', /must be an absolute http\(s\) URL/],
    ['not a string', 42, /must be an absolute http\(s\) URL/],
    ['empty', '', /must be an absolute http\(s\) URL/],
    ['a query', 'https://kauth.example/?a=1', /must not have a query or fragment/],
    ['a bare ?', 'https://kauth.example/?', /must not have a query or fragment/],
    ['a fragment', 'https://kauth.example/#x', /must not have a query or fragment/],
    ['credentials', 'https://user:hunter2@kauth.example', /must not contain credentials/],
  ])('refuses %s, naming the owner and the fix, never echoing the value', (_l, value, message) => {
    const err = refusal(() => baseURL('KakaoThing', 'authBaseURL', value, KAKAO_AUTH_BASE_URL));
    expect(err.message).toMatch(/^KakaoThing: authBaseURL /);
    expect(err.message).toMatch(message);
    expect(err.message).toContain('e.g. https://kauth.kakao.com');
    expect(err.message).not.toContain('hunter2');
  });
});

describe('absoluteURL', () => {
  it('keeps an absolute http(s) URL as given, query included', () => {
    expect(absoluteURL('X', 'callbackURL', 'https://a.example/cb?x=1', 'e.g.')).toBe(
      'https://a.example/cb?x=1',
    );
    expect(isAbsoluteHttpURL('http://127.0.0.1:1')).toBe(true);
  });

  it.each([['/cb'], ['ftp://a.example/cb'], [undefined], [12]])('refuses %p', (value) => {
    expect(isAbsoluteHttpURL(value)).toBe(false);
    expect(refusal(() => absoluteURL('O', 'callbackURL', value, 'fix it')).message).toMatch(
      /^O: callbackURL must be an absolute http\(s\) URL \(got .*\): fix it$/,
    );
  });
});

describe('numbers', () => {
  it('returns the value, or the fallback when left out', () => {
    expect(positiveNumber('O', 'n', 5, 1)).toBe(5);
    expect(positiveNumber('O', 'n', undefined, 1)).toBe(1);
    expect(seconds('O', 's', 0, 30)).toBe(0);
    expect(seconds('O', 's', undefined, undefined)).toBeUndefined();
  });

  it.each<[string, () => unknown, RegExp]>([
    [
      'zero',
      () => positiveNumber('O', 'timeoutMs', 0, 1, 'milliseconds'),
      /^O: timeoutMs must be a positive number of milliseconds \(got 0\); or leave it out for 1$/,
    ],
    [
      'negative',
      () => positiveNumber('O', 'n', -1, undefined),
      /n must be a positive number \(got -1\); or leave it out$/,
    ],
    ['NaN', () => positiveNumber('O', 'n', NaN, 1), /got NaN/],
    ['Infinity', () => positiveNumber('O', 'n', Infinity, 1), /got Infinity/],
    ['a string', () => positiveNumber('O', 'n', '5', 1), /got "5"/],
    [
      'negative seconds',
      () => seconds('O', 's', -1, 30),
      /s must be a non-negative number of seconds/,
    ],
    [
      'above the max',
      () => seconds('O', 's', 61, undefined, { min: 1, max: 60 }),
      /s must be a number of seconds between 1 and 60/,
    ],
    [
      'below the min',
      () => numberOption('O', 'n', 1, 5, { min: 2 }),
      /^O: n must be a number of at least 2 \(got 1\); or leave it out for 5$/,
    ],
  ])('refuses %s', (_l, run, message) => {
    expect(refusal(run).message).toMatch(message);
  });

  it('checks the HTTP options every client takes', () => {
    expect(() => checkHttpOptions('O', {})).not.toThrow();
    expect(refusal(() => checkHttpOptions('O', { timeoutMs: -5 })).message).toMatch(/timeoutMs/);
    expect(refusal(() => checkHttpOptions('O', { maxResponseBytes: 0 })).message).toMatch(
      /maxResponseBytes must be a positive number of bytes/,
    );
  });
});

describe('strings and lists', () => {
  it('nonEmptyString and optionalString', () => {
    expect(nonEmptyString('O', 'clientID', 'k', 'fix')).toBe('k');
    expect(refusal(() => nonEmptyString('O', 'clientID', '  ', 'use the key')).message).toBe(
      'O: clientID is required: use the key',
    );
    expect(optionalString('O', 'clientSecret', '')).toBeUndefined();
    expect(optionalString('O', 'clientSecret', 's')).toBe('s');
    expect(refusal(() => optionalString('O', 'clientSecret', 42)).message).toMatch(
      /clientSecret must be a string, or left out/,
    );
  });

  it('stringList takes a list of non-empty strings only', () => {
    expect(stringList('O', 'audiences', undefined, '[a]')).toEqual([]);
    expect(stringList('O', 'audiences', ['a', 'b'], '[a]')).toEqual(['a', 'b']);
    for (const bad of ['a', [''], [1], {}])
      expect(refusal(() => stringList('O', 'audiences', bad, '[key]')).message).toBe(
        'O: audiences must be a list of non-empty strings, e.g. [key]',
      );
  });

  it('splitList reads Kakao comma lists as passport users write them', () => {
    expect(splitList('O', 'scope', 'a, b  c,a')).toEqual(['a', 'b', 'c']);
    expect(splitList('O', 'scope', ['a,b', 'c'])).toEqual(['a', 'b', 'c']);
    expect(splitList('O', 'scope', '')).toEqual([]);
    expect(refusal(() => splitList('O', 'scope', [1])).message).toMatch(
      /scope must be a string or a list of strings/,
    );
  });

  it('oneOf names the allowed values', () => {
    expect(oneOf('O', 'mode', undefined, ['a', 'b'], 'a')).toBe('a');
    expect(oneOf('O', 'mode', 'b', ['a', 'b'], 'a')).toBe('b');
    expect(refusal(() => oneOf('O', 'mode', 'c', ['a', 'b'], 'a')).message).toBe(
      'O: mode must be "a", "b" or left out (got "c")',
    );
  });
});

describe('Kakao URLs', () => {
  it('derives the JWKS URL and the expected issuer', () => {
    expect(jwksURLOf('http://127.0.0.1:1')).toBe('http://127.0.0.1:1/.well-known/jwks.json');
    expect(issuerFor(undefined, 'ignored')).toBe('https://kauth.kakao.com');
    expect(issuerFor('http://e/', 'http://e')).toBe('http://e');
  });
});

describe('renamedOption', () => {
  it('takes the new name, or the deprecated one, and says which', () => {
    expect(renamedOption('O', { ttlSeconds: 5 }, 'ttlSeconds', 'ttlSec')).toEqual({
      name: 'ttlSeconds',
      value: 5,
    });
    expect(renamedOption('O', { ttlSec: 7 }, 'ttlSeconds', 'ttlSec')).toEqual({
      name: 'ttlSec',
      value: 7,
    });
    expect(renamedOption('O', { ttlSec: 7, ttlSeconds: 7 }, 'ttlSeconds', 'ttlSec').value).toBe(7);
    expect(renamedOption('O', undefined, 'ttlSeconds', 'ttlSec')).toEqual({
      name: 'ttlSeconds',
      value: undefined,
    });
  });

  it('refuses both names with different values', () => {
    expect(
      refusal(() => renamedOption('O', { ttlSec: 7, ttlSeconds: 8 }, 'ttlSeconds', 'ttlSec'))
        .message,
    ).toBe('O: ttlSeconds and ttlSec (its deprecated name) differ; keep only ttlSeconds');
  });
});
