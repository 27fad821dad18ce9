import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  KakaoAccountWebhookVerifier,
  type KakaoAccountWebhookVerifierOptions,
  MemoryOneTimeStore,
} from '../../src/passport';
import { KakaoEmulator } from '../../src/testing';
import { mintSet, OAUTH, setClaims } from './support/mint-set';

/**
 * The framework-free verifier of Kakao's account-status webhook, against the emulator's JWKS:
 * every check refuses its attack and names it, and a good SET yields typed events.
 */
describe('KakaoAccountWebhookVerifier', () => {
  let kakao: KakaoEmulator;
  const userId = '4012345678';

  beforeAll(async () => {
    kakao = await KakaoEmulator.start();
  });
  afterAll(() => kakao.stop());

  const verifier = (extra: Partial<KakaoAccountWebhookVerifierOptions> = {}) =>
    new KakaoAccountWebhookVerifier({
      clientID: kakao.clientID,
      authBaseURL: kakao.authBaseURL,
      ...extra,
    });
  const good = (claims: Record<string, unknown> = {}) =>
    mintSet(kakao, { ...setClaims(kakao, userId), ...claims });
  const problem = async (token: string, v = verifier()) => {
    const result = await v.verify(token);
    return result.ok ? 'accepted' : result.error.problem;
  };

  it('a good SET → typed events, txm read as txn, subject checked', async () => {
    const result = await verifier().verify(Buffer.from(good()));
    expect(result).toEqual({
      ok: true,
      set: {
        userId,
        jti: expect.any(String),
        txn: '1d61d6c8-173b-488c-b8af-2e2b6ca29777',
        issuedAt: expect.any(Number),
        audience: kakao.clientID,
        events: [
          expect.objectContaining({
            type: 'user-linked',
            category: 'OAUTH',
            uri: `${OAUTH}user-linked`,
            userId,
            payload: {},
            txn: '1d61d6c8-173b-488c-b8af-2e2b6ca29777',
          }),
        ],
      },
    });
  });

  it('reads txn (RFC 8417) as well, and toe, reason, scopes and app_id', async () => {
    const claims = setClaims(kakao, userId, `${OAUTH}user-scope-withdraw`, {
      scope: 'talk_message friends',
      reason: 'user',
    });
    delete claims.txm;
    const token = mintSet(kakao, { ...claims, txn: 'txn-1', toe: 1744789990, app_id: 1000001 });
    const result = await verifier().verify(token);
    if (!result.ok) throw result.error;
    expect(result.set.txn).toBe('txn-1');
    expect(result.set.events[0]).toMatchObject({
      type: 'user-scope-withdraw',
      scopes: ['talk_message', 'friends'],
      reason: 'user',
      occurredAt: 1744789990,
      appId: '1000001',
    });
  });

  it('an unknown event type stays unknown, even with a known last segment', async () => {
    const claims = setClaims(kakao, userId);
    claims.events = {
      'https://schemas.kakao.com/events/oauth/user-unlinked': {},
      'https://example.com/event-type/brand-new': { x: 1 },
    };
    const result = await verifier().verify(mintSet(kakao, claims));
    if (!result.ok) throw result.error;
    expect(result.set.events.map((e) => [e.type, e.category])).toEqual([
      ['unknown', 'unknown'],
      ['unknown', 'unknown'],
    ]);
    expect(result.set.events[1].payload).toEqual({ x: 1 });
  });

  it('a replayed jti → replayed (the first delivery was accepted)', async () => {
    const v = verifier();
    const token = good();
    expect(await problem(token, v)).toBe('accepted');
    expect(await problem(token, v)).toBe('replayed');
  });

  it('with a set/take store (the token login’s KakaoOneTimeStore shape) a replay is refused too', async () => {
    const store = new MemoryOneTimeStore();
    const a = verifier({ jtiStore: store });
    const b = verifier({ jtiStore: store });
    const token = good();
    expect(await problem(token, a)).toBe('accepted');
    expect(await problem(token, b)).toBe('replayed');
    expect(await problem(token, a)).toBe('replayed');
  });

  it.each([
    ['signed by a key not in the JWKS', { signWith: 'foreign-key' as const }, 'bad_signature'],
    ['alg none', { alg: 'none' as const }, 'unsupported_alg'],
    [
      'HS256 keyed with the public key',
      { signWith: 'public-key-as-hmac-secret' as const },
      'unsupported_alg',
    ],
    ['typ JWT (an id_token)', { typ: 'JWT' }, 'wrong_typ'],
    ['no kid match', { kid: 'unknown-kid' }, 'unknown_kid'],
  ])('%s → refused', async (_label, options, expected) => {
    expect(await problem(mintSet(kakao, setClaims(kakao, userId), options))).toBe(expected);
  });

  it('an id_token of the same app is not a SET', async () => {
    expect(await problem(kakao.mintIdToken())).toBe('wrong_typ');
  });

  it.each([
    ['another issuer', { iss: 'https://kauth.kakao.com.evil' }, 'wrong_issuer'],
    ['another app’s key as aud', { aud: 'another-apps-rest-api-key' }, 'wrong_audience'],
    [
      'an aud list with an untrusted extra',
      { aud: ['emulator-rest-api-key', 'x'] },
      'wrong_audience',
    ],
    ['an empty aud list', { aud: [] }, 'wrong_audience'],
    ['iat an hour ago', { iat: Math.floor(Date.now() / 1000) - 3600 }, 'stale'],
    ['iat an hour ahead', { iat: Math.floor(Date.now() / 1000) + 3600 }, 'issued_in_future'],
    ['no iat', { iat: undefined }, 'malformed'],
    ['no jti', { jti: undefined }, 'missing_jti'],
    ['a user id with leading zeros', { sub: '0004012345678' }, 'bad_subject'],
    ['a numeric sub', { sub: 4012345678 }, 'bad_subject'],
    ['no events', { events: {} }, 'no_events'],
  ])('%s → refused', async (_label, claims, expected) => {
    const token = mintSet(kakao, { ...setClaims(kakao, userId), ...claims });
    expect(await problem(token)).toBe(expected);
  });

  it('an event whose subject names another user → subject_mismatch', async () => {
    const claims = setClaims(kakao, userId);
    claims.events = { [`${OAUTH}user-unlinked`]: { subject: { sub: '999', iss: kakao.issuer } } };
    expect(await problem(mintSet(kakao, claims))).toBe('subject_mismatch');
  });

  it('accepts every key in audiences (several REST API keys since 2025-12-03)', async () => {
    const v = verifier({ audiences: ['second-rest-api-key'] });
    expect(await problem(good({ aud: 'second-rest-api-key' }), v)).toBe('accepted');
    expect(await problem(good({ aud: kakao.clientID }), v)).toBe('accepted');
    expect(await problem(good({ aud: 'third-key' }), v)).toBe('wrong_audience');
  });

  it('iat within the window passes; maxAgeSec and clockToleranceSec move it', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await problem(good({ iat: now - 800 }))).toBe('accepted');
    expect(
      await problem(good({ iat: now - 100 }), verifier({ maxAgeSec: 30, clockToleranceSec: 5 })),
    ).toBe('stale');
  });

  it('a body over the cap is refused before any parsing', async () => {
    expect(await problem('a'.repeat(16 * 1024 + 1))).toBe('too_large');
    expect(await problem(good(), verifier({ maxBodyBytes: 200 }))).toBe('too_large');
  });

  it.each(['', 'not a jws', '{"events":{}}', 'a.b', 'e30.e30.'])(
    'junk %j → malformed',
    async (body) => {
      expect(['malformed', 'wrong_typ']).toContain(await problem(body));
    },
  );

  it('Kakao’s JWKS unreachable → jwks_unavailable (not a bad token)', async () => {
    const v = verifier({ jwksURL: 'http://127.0.0.1:1/.well-known/jwks.json' });
    expect(await problem(good(), v)).toBe('jwks_unavailable');
  });

  it('a jti store that fails → store_unavailable, and the SET is not accepted', async () => {
    const v = verifier({
      jtiStore: { setIfAbsent: () => Promise.reject(new Error('redis down')) },
    });
    expect(await problem(good(), v)).toBe('store_unavailable');
  });

  it('a JWKS fetch that hangs gives up in time for Kakao’s 3 s', async () => {
    const hang: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
    try {
      const port = (hang.address() as AddressInfo).port;
      const v = verifier({ jwksURL: `http://127.0.0.1:${port}/jwks` });
      const started = Date.now();
      expect(await problem(good(), v)).toBe('jwks_unavailable');
      expect(Date.now() - started).toBeLessThan(2600);
    } finally {
      hang.closeAllConnections();
      await new Promise((resolve) => hang.close(resolve));
    }
  });

  it('refuses a misconfiguration at construction with a fix', () => {
    expect(() => new KakaoAccountWebhookVerifier({ clientID: '' })).toThrow(/clientID/);
    expect(() => new KakaoAccountWebhookVerifier({ clientID: 'k', jtiStore: {} as never })).toThrow(
      /setIfAbsent/,
    );
  });
});
