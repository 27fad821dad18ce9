import { RawNumber, writeJson } from './raw-json.writer';

describe('writeJson', () => {
  it('writes ids above 2^53 as bare, unrounded numbers', () => {
    const text = writeJson({ id: new RawNumber('1376016924426111111'), n: 1.5 });
    expect(text).toBe('{"id":1376016924426111111,"n":1.5}');
    expect(JSON.stringify(JSON.parse(text).id)).not.toBe('1376016924426111111');
  });

  it('matches JSON.stringify for plain values and skips undefined members', () => {
    const plain = { a: '닉네임 "q"', b: [1, true, null, { c: 'x' }], d: false };
    expect(writeJson({ ...plain, skipped: undefined })).toBe(JSON.stringify(plain));
  });

  it('rejects anything that is not an integer literal', () => {
    expect(() => new RawNumber('1e3')).toThrow(TypeError);
    expect(() => new RawNumber('12,3')).toThrow(TypeError);
    expect(() => new RawNumber('007')).toThrow(TypeError);
  });
});
