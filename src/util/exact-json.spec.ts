import { parseExactJson, toIdString } from './exact-json';

describe('parseExactJson', () => {
  it('keeps a 19-digit id exact', () => {
    const json = parseExactJson('{"id":1376016924426111111,"n":1}') as { id: unknown; n: unknown };
    expect(json.id).toBe('1376016924426111111');
    expect(json.n).toBe(1);
  });

  it('is not fooled by digits inside strings, nested ids or escaped quotes', () => {
    const text =
      '{"properties":{"id":"9999999999999999999","x":"a\\"1234567890123456789"},"nested":{"id":1376016924429759228},"id":1376016924426111111}';
    const json = parseExactJson(text) as {
      id: unknown;
      properties: { id: unknown; x: unknown };
      nested: { id: unknown };
    };
    expect(json.id).toBe('1376016924426111111');
    expect(json.nested.id).toBe('1376016924429759228');
    expect(json.properties.id).toBe('9999999999999999999');
    expect(json.properties.x).toBe('a"1234567890123456789');
  });

  it('leaves safe integers, negatives, fractions and exponents as numbers', () => {
    const text = '[9007199254740991,-401,1.25,12345678901234567e2]';
    expect(parseExactJson(text)).toEqual(JSON.parse(text));
    expect((parseExactJson(text) as unknown[]).every((v) => typeof v === 'number')).toBe(true);
  });

  it('throws on malformed JSON', () => {
    expect(() => parseExactJson('{"id":12345678901234567890')).toThrow(SyntaxError);
    expect(() => parseExactJson('<html>')).toThrow(SyntaxError);
  });
});

describe('toIdString', () => {
  it('accepts digit strings and safe non-negative integers only', () => {
    expect(toIdString(123)).toBe('123');
    expect(toIdString('1376016924426111111')).toBe('1376016924426111111');
    expect(toIdString(1.5)).toBeUndefined();
    expect(toIdString(-1)).toBeUndefined();
    expect(toIdString('12a')).toBeUndefined();
    expect(toIdString('')).toBeUndefined();
    expect(toIdString(null)).toBeUndefined();
    expect(toIdString(2 ** 60)).toBeUndefined();
  });
});
