import { isSameOriginRequest } from './same-origin';

const allowed = new Set(['https://app.example']);

describe('isSameOriginRequest', () => {
  it.each([
    [{ 'sec-fetch-site': 'same-origin' }, true],
    [{ 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' }, true],
    [{ 'sec-fetch-site': 'same-site', origin: 'https://app.example' }, false],
    [{ 'sec-fetch-site': 'cross-site', origin: 'https://app.example' }, false],
    [{ 'sec-fetch-site': 'none' }, false],
    [{ origin: 'https://app.example' }, true],
    [{ origin: 'https://app.example/' }, true],
    [{ origin: 'https://evil.example' }, false],
    [{ origin: 'null' }, false],
    [{ origin: 'not a url' }, false],
    [{ host: 'app.example', 'x-forwarded-host': 'app.example' }, false],
    [{}, false],
  ])('%j → %s', (headers, expected) => {
    expect(isSameOriginRequest(headers, allowed)).toBe(expected);
  });
});
