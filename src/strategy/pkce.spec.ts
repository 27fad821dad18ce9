import { pkceChallenge, randomToken } from './pkce';

describe('randomToken', () => {
  it('gives 256-bit base64url tokens that never repeat, across refills of its pool', () => {
    const tokens = Array.from({ length: 1000 }, randomToken);
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
    // Every byte value shows up: the tokens are not built from a fixed or zeroed buffer.
    const bytes = new Set(tokens.flatMap((t) => [...Buffer.from(t, 'base64url')]));
    expect(bytes.size).toBe(256);
  });
});

describe('pkceChallenge', () => {
  it('is the S256 challenge of RFC 7636 appendix B', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });
});
