import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { KakaoIdTokenError } from '../errors';
import { type IdTokenExpectations, IdTokenVerifier } from './id-token.verifier';
import type { JwksCache } from './jwks.cache';
import { decodeJwt } from './jwt';

/**
 * The id_token verifier's checks one by one, at their exact boundaries, with a fixed clock and
 * local keys (no emulator): what the attack tests show end to end, pinned down precisely.
 */
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });

const NOW = 1_800_000_000;
const ISSUER = 'https://kauth.kakao.com';
const CLIENT = 'rest-api-key';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function sign(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'RS256', kid: 'k1', typ: 'JWT' },
  key: KeyObject = privateKey,
): string {
  const input = `${b64(header)}.${b64(claims)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
  return `${input}.${signature}`;
}

const claims = (extra: Record<string, unknown> = {}) => ({
  iss: ISSUER,
  aud: CLIENT,
  sub: '4012345678',
  iat: NOW - 10,
  exp: NOW + 3600,
  nonce: 'n-1',
  ...extra,
});

/** A JWKS holding k1 (and k2 when asked); records the kids looked up. */
function keys(map: Record<string, KeyObject> = { k1: publicKey }) {
  const asked: Array<string | undefined> = [];
  const jwks = {
    getKey: async (kid: string | undefined) => {
      asked.push(kid);
      if (kid === undefined) {
        const all = Object.values(map);
        return all.length === 1 ? all[0] : undefined;
      }
      return map[kid];
    },
  } as unknown as JwksCache;
  return { jwks, asked };
}

const expectations = (extra: Partial<IdTokenExpectations> = {}): IdTokenExpectations => ({
  issuer: ISSUER,
  audiences: [CLIENT],
  nonce: 'n-1',
  now: () => NOW * 1000,
  ...extra,
});

async function problemOf(
  token: string,
  extra: Partial<IdTokenExpectations> = {},
  verifier = new IdTokenVerifier(keys().jwks),
): Promise<string> {
  try {
    await verifier.verify(token, expectations(extra));
    return 'accepted';
  } catch (err) {
    if (!(err instanceof KakaoIdTokenError)) throw err;
    return err.problem;
  }
}

describe('IdTokenVerifier', () => {
  it('accepts a genuine token and returns its claims and payload text', async () => {
    const token = sign(claims({ nickname: '김민준' }));
    const verified = await new IdTokenVerifier(keys().jwks).verify(token, expectations());
    expect(verified.claims).toMatchObject({ sub: '4012345678', nickname: '김민준' });
    expect(JSON.parse(verified.payloadText)).toEqual(claims({ nickname: '김민준' }));
  });

  it('an empty token is "missing", with a hint about OpenID Connect', async () => {
    const err = await new IdTokenVerifier(keys().jwks).verify('', expectations()).catch((e) => e);
    expect(err).toBeInstanceOf(KakaoIdTokenError);
    expect(err.problem).toBe('missing');
    expect(err.message).toContain('OpenID Connect');
  });

  it.each([
    ['none', { alg: 'none', kid: 'k1' }],
    ['HS256', { alg: 'HS256', kid: 'k1' }],
    ['RS512', { alg: 'RS512', kid: 'k1' }],
    ['rs256 (case matters)', { alg: 'rs256', kid: 'k1' }],
    ['a missing alg', { kid: 'k1' }],
  ])('alg %s is refused before any key is looked up', async (_label, header) => {
    const { jwks, asked } = keys();
    expect(await problemOf(sign(claims(), header), {}, new IdTokenVerifier(jwks))).toBe(
      'unsupported_alg',
    );
    expect(asked).toEqual([]);
  });

  it('quotes at most 20 characters of a foreign alg in the message', async () => {
    const err = await new IdTokenVerifier(keys().jwks)
      .verify(sign(claims(), { alg: 'X'.repeat(50), kid: 'k1' }), expectations())
      .catch((e) => e);
    expect(err.message).toContain(`alg ${'X'.repeat(20)} is not RS256`);
    expect(err.message).not.toContain('X'.repeat(21));
  });

  it('looks the key up by kid; a kid that is not a string counts as no kid', async () => {
    const { jwks, asked } = keys({ k1: publicKey, k2: other.publicKey });
    const verifier = new IdTokenVerifier(jwks);
    expect(await problemOf(sign(claims(), { alg: 'RS256', kid: 'k1' }), {}, verifier)).toBe(
      'accepted',
    );
    expect(await problemOf(sign(claims(), { alg: 'RS256', kid: 7 }), {}, verifier)).toBe(
      'unknown_kid',
    );
    expect(await problemOf(sign(claims(), { alg: 'RS256', kid: 'nope' }), {}, verifier)).toBe(
      'unknown_kid',
    );
    expect(asked).toEqual(['k1', undefined, 'nope']);
  });

  it('an unknown kid says so', async () => {
    const err = await new IdTokenVerifier(keys().jwks)
      .verify(sign(claims(), { alg: 'RS256', kid: 'k9' }), expectations())
      .catch((e) => e);
    expect(err.problem).toBe('unknown_kid');
    expect(err.message).toContain('no Kakao signing key has this kid');
  });

  it.each([
    ['signed by another key', () => sign(claims(), undefined, other.privateKey)],
    [
      'a payload changed after signing',
      () => {
        const [h, , s] = sign(claims()).split('.');
        return `${h}.${b64(claims({ sub: '1' }))}.${s}`;
      },
    ],
    ['an empty signature', () => `${sign(claims()).split('.').slice(0, 2).join('.')}.`],
    ['a truncated signature', () => sign(claims()).slice(0, -10)],
  ])('%s → bad_signature', async (_label, make) => {
    expect(await problemOf(make())).toBe('bad_signature');
  });

  it('a key that cannot check RS256 at all (Ed25519) → bad_signature, never a throw', async () => {
    const ed = generateKeyPairSync('ed25519').publicKey;
    const verifier = new IdTokenVerifier(keys({ k1: ed }).jwks);
    expect(await problemOf(sign(claims()), {}, verifier)).toBe('bad_signature');
  });

  it('a sub that is not a Kakao id says so', async () => {
    const err = await new IdTokenVerifier(keys().jwks)
      .verify(sign(claims({ sub: 'abc' })), expectations())
      .catch((e) => e);
    expect(err.message).toBe('id_token rejected (malformed): sub is not a Kakao user id');
  });

  it.each([
    ['another issuer', { iss: 'https://kauth.evil.example' }, 'wrong_issuer'],
    ['no issuer', { iss: undefined }, 'wrong_issuer'],
    ['another audience', { aud: 'another-app' }, 'wrong_audience'],
    ['no audience', { aud: undefined }, 'wrong_audience'],
    ['an audience list without us', { aud: ['a', 'b'] }, 'wrong_audience'],
    ['an audience that is not a string', { aud: [42] }, 'wrong_audience'],
    [
      'an audience list with us and an untrusted other',
      { aud: ['other', CLIENT] },
      'wrong_audience',
    ],
    ['an empty audience list', { aud: [] }, 'wrong_audience'],
    ['a foreign azp', { azp: 'other' }, 'wrong_audience'],
    ['an azp that is not a string', { azp: 7 }, 'wrong_audience'],
    ['nbf beyond the clock tolerance', { nbf: NOW + 31 }, 'issued_in_future'],
    ['nbf as a string', { nbf: String(NOW) }, 'issued_in_future'],
    ['no exp', { exp: undefined }, 'expired'],
    ['exp as a string', { exp: String(NOW + 3600) }, 'expired'],
    ['no iat', { iat: undefined }, 'issued_in_future'],
    ['iat as a string', { iat: String(NOW) }, 'issued_in_future'],
    ['another nonce', { nonce: 'n-2' }, 'nonce_mismatch'],
    ['no nonce', { nonce: undefined }, 'nonce_mismatch'],
    ['a sub that is not digits', { sub: 'abc' }, 'malformed'],
    ['a numeric sub', { sub: 4012345678 }, 'malformed'],
    ['a 26-digit sub', { sub: '1'.repeat(26) }, 'malformed'],
    ['an empty sub', { sub: '' }, 'malformed'],
  ])('%s → %s', async (_label, override, problem) => {
    expect(await problemOf(sign(claims(override as Record<string, unknown>)))).toBe(problem);
  });

  it.each([
    ['an audience list of the app keys only', { aud: [CLIENT, CLIENT] }],
    ['our own azp', { azp: CLIENT }],
    ['nbf at the edge of the clock tolerance', { nbf: NOW + 30 }],
    ['nbf in the past', { nbf: NOW - 100 }],
    ['a 25-digit sub', { sub: '9'.repeat(25) }],
    ['a 1-digit sub', { sub: '7' }],
  ])('accepts %s', async (_label, override) => {
    expect(await problemOf(sign(claims(override)))).toBe('accepted');
  });

  it('refuses any crit header, before the key is looked up', async () => {
    for (const crit of [['exp'], [], 'b64']) {
      const { jwks, asked } = keys();
      const token = sign(claims(), { alg: 'RS256', kid: 'k1', crit });
      const err = await new IdTokenVerifier(jwks).verify(token, expectations()).catch((e) => e);
      expect(err.problem).toBe('malformed');
      expect(err.message).toContain('crit');
      expect(asked).toEqual([]);
    }
  });

  it('an azp and an aud array may name any of the configured audiences', async () => {
    const token = sign(claims({ aud: [CLIENT, 'javascript-key'], azp: 'javascript-key' }));
    expect(await problemOf(token, { audiences: [CLIENT, 'javascript-key'] })).toBe('accepted');
    expect(await problemOf(token, { audiences: [CLIENT] })).toBe('wrong_audience');
    const azpOnly = sign(claims({ azp: 'javascript-key' }));
    expect(await problemOf(azpOnly, { audiences: [CLIENT, 'javascript-key'] })).toBe('accepted');
    expect(await problemOf(azpOnly, { audiences: [CLIENT] })).toBe('wrong_audience');
  });

  it('accepts any of the configured audiences (native / JavaScript keys)', async () => {
    const token = sign(claims({ aud: 'javascript-key' }));
    expect(await problemOf(token, { audiences: [CLIENT, 'javascript-key'] })).toBe('accepted');
    expect(await problemOf(token, { audiences: [CLIENT] })).toBe('wrong_audience');
  });

  it('requires no nonce when none is expected', async () => {
    expect(await problemOf(sign(claims({ nonce: undefined })), { nonce: undefined })).toBe(
      'accepted',
    );
    expect(await problemOf(sign(claims({ nonce: 'anything' })), { nonce: undefined })).toBe(
      'accepted',
    );
  });

  describe('clock boundaries (tolerance 30 s by default)', () => {
    it.each([
      [NOW - 29, 'accepted'],
      [NOW - 30, 'expired'],
      [NOW - 31, 'expired'],
    ])('exp = now %#: %s', async (exp, outcome) => {
      expect(await problemOf(sign(claims({ exp, iat: NOW - 100 })))).toBe(outcome);
    });

    it.each([
      [NOW + 30, 'accepted'],
      [NOW + 31, 'issued_in_future'],
    ])('iat = %d: %s', async (iat, outcome) => {
      expect(await problemOf(sign(claims({ iat, exp: NOW + 3600 })))).toBe(outcome);
    });

    it('a configured tolerance replaces the default', async () => {
      const token = sign(claims({ exp: NOW - 5, iat: NOW - 100 }));
      expect(await problemOf(token, { clockToleranceSec: 5 })).toBe('expired');
      expect(await problemOf(token, { clockToleranceSec: 6 })).toBe('accepted');
      const future = sign(claims({ iat: NOW + 1 }));
      expect(await problemOf(future, { clockToleranceSec: 0 })).toBe('issued_in_future');
      expect(await problemOf(sign(claims({ iat: NOW })), { clockToleranceSec: 0 })).toBe(
        'accepted',
      );
    });

    it.each([
      [NOW - 130, 'accepted'],
      [NOW - 131, 'too_old'],
    ])('maxAgeSec 100 (+30 s tolerance), iat = %d: %s', async (iat, outcome) => {
      expect(await problemOf(sign(claims({ iat })), { maxAgeSec: 100 })).toBe(outcome);
    });

    it('uses the real clock when none is given', async () => {
      const now = Math.floor(Date.now() / 1000);
      const fresh = sign(claims({ iat: now, exp: now + 60 }));
      const verifier = new IdTokenVerifier(keys().jwks);
      await expect(
        verifier.verify(fresh, { issuer: ISSUER, audiences: [CLIENT], nonce: 'n-1' }),
      ).resolves.toBeDefined();
    });
  });
});

describe('decodeJwt', () => {
  const good = () => sign(claims());

  it('splits a compact JWS into header, payload, signing input and signature', () => {
    const token = good();
    const jwt = decodeJwt(token);
    const [h, p, s] = token.split('.');
    expect(jwt.header).toEqual({ alg: 'RS256', kid: 'k1', typ: 'JWT' });
    expect(jwt.payload).toEqual(claims());
    expect(jwt.payloadText).toBe(JSON.stringify(claims()));
    expect(jwt.signingInput).toBe(`${h}.${p}`);
    expect(jwt.signature.equals(Buffer.from(s, 'base64url'))).toBe(true);
  });

  it.each([
    ['not a string', 42],
    ['two parts', 'a.b'],
    ['four parts', 'a.b.c.d'],
    ['a character outside base64url', `${good()}=`],
    ['a header that is not JSON', `${Buffer.from('{').toString('base64url')}.${b64({})}.x`],
    ['a header that is an array', `${b64([1])}.${b64({})}.x`],
    ['a header that is null', `${b64(null)}.${b64({})}.x`],
    ['a header that is a number', `${b64(1)}.${b64({})}.x`],
    ['a payload that is a string', `${b64({ alg: 'RS256' })}.${b64('x')}.x`],
    [
      'a payload that is not JSON',
      `${b64({ alg: 'RS256' })}.${Buffer.from('nope').toString('base64url')}.x`,
    ],
  ])('refuses %s as malformed', (_label, token) => {
    const err = (() => {
      try {
        decodeJwt(token as string);
        return undefined;
      } catch (e) {
        return e as KakaoIdTokenError;
      }
    })();
    expect(err).toBeInstanceOf(KakaoIdTokenError);
    expect(err!.problem).toBe('malformed');
  });

  it('accepts 16,384 characters and refuses 16,385', () => {
    const head = `${b64({ alg: 'RS256' })}.${b64({})}.`;
    const at = (n: number) => `${head}${'A'.repeat(n - head.length)}`;
    expect(() => decodeJwt(at(16_384))).not.toThrow();
    expect(() => decodeJwt(at(16_385))).toThrow(KakaoIdTokenError);
  });

  it('says which defect it found', () => {
    expect(() => decodeJwt('a.b')).toThrow('not a compact JWS');
    expect(() => decodeJwt(`${b64([1])}.${b64({})}.x`)).toThrow('not a JSON object');
    expect(() => decodeJwt(`${Buffer.from('{').toString('base64url')}.${b64({})}.x`)).toThrow(
      'not JSON',
    );
  });
});

describe('IdTokenVerifier: what the OIDC Core refusals say', () => {
  it.each([
    [
      { aud: [CLIENT, 'other'] },
      "id_token rejected (wrong_audience): aud must name only the app's keys",
    ],
    [{ azp: 'other' }, "id_token rejected (wrong_audience): azp is not one of the app's keys"],
    [{ nbf: NOW + 3600 }, 'id_token rejected (issued_in_future): not valid before its nbf'],
  ])('%j → %s', async (override, message) => {
    const err = await new IdTokenVerifier(keys().jwks)
      .verify(sign(claims(override)), expectations())
      .catch((e: Error) => e);
    expect((err as Error).message).toBe(message);
  });
});
