import type { IncomingMessage } from 'node:http';
import { KakaoApiError } from '../errors/kakao-api.error';
import { KakaoAuthError } from '../errors/kakao-auth.error';
import { KakaoConfigError } from '../errors/kakao-config.error';
import { KakaoIdTokenError } from '../errors/kakao-id-token.error';
import { KakaoNetworkError } from '../errors/kakao-network.error';
import { KakaoResponseError } from '../errors/kakao-response.error';
import { KakaoTimeoutError } from '../errors/kakao-timeout.error';
import { MemoryOneTimeStore } from './kakao-one-time.store';
import { KakaoTokenLoginError } from './kakao-token-login.error';
import { KakaoTokenVerifier } from './kakao-token.verifier';
import { toTokenLoginError } from './token-login-error.mapper';
import { readTokenLoginInput } from './token-login.input';

describe('MemoryOneTimeStore', () => {
  it('hands a value back once, and never after its TTL', () => {
    let now = 0;
    const store = new MemoryOneTimeStore({ now: () => now });
    store.set('a', '1', 10);
    store.set('b', '2', 10);
    expect(store.take('a')).toBe('1');
    expect(store.take('a')).toBeUndefined();
    now = 10_000;
    expect(store.take('b')).toBeUndefined();
  });

  it('stays bounded: expired entries go first; full of live ones, new entries are refused', () => {
    let now = 0;
    const store = new MemoryOneTimeStore({ max: 10, now: () => now });
    for (let i = 0; i < 5; i++) store.set(`old${i}`, 'x', 1);
    now = 2000;
    for (let i = 0; i < 10; i++) store.set(`k${i}`, String(i), 60);
    expect(store.size).toBe(10);
    expect(() => store.set('k10', '10', 60)).toThrow(
      expect.objectContaining({ reason: 'rate_limited' }),
    );
    expect(store.take('k10')).toBeUndefined();
    expect(store.take('k0')).toBe('0');
    store.set('k11', '11', 60);
    expect(store.take('k11')).toBe('11');
    expect(store.take('k9')).toBe('9');
  });

  it('claims a key once until it expires', () => {
    let now = 0;
    const store = new MemoryOneTimeStore({ now: () => now });
    expect(store.claim('a', 1)).toBe(true);
    expect(store.claim('a', 1)).toBe(false);
    expect(store.claim('b', 1)).toBe(true);
    now = 1000;
    expect(store.claim('a', 1)).toBe(true);
  });
});

describe('toTokenLoginError', () => {
  it.each<[string, unknown, string, number]>([
    ['-1 (temporary)', new KakaoApiError({ code: -1, msg: 'x' }, 400), 'kakao_unavailable', 503],
    ['-9798 (maintenance)', new KakaoApiError({ code: -9798 }, 503), 'kakao_unavailable', 503],
    ['-10 (quota)', new KakaoApiError({ code: -10 }, 429), 'rate_limited', 503],
    ['-401', new KakaoApiError({ code: -401 }, 401), 'invalid_token', 401],
    ['-2', new KakaoApiError({ code: -2 }, 400), 'invalid_token', 401],
    ['-3', new KakaoApiError({ code: -3 }, 403), 'kakao_error', 502],
    ['a timeout', new KakaoTimeoutError('GET /v2/user/me', 10), 'kakao_unavailable', 503],
    ['a reset', new KakaoNetworkError('GET /x', new Error('ECONNRESET')), 'kakao_unavailable', 503],
    [
      'an HTML 502',
      new KakaoResponseError('GET /x', 'unexpected', 'html', 502),
      'kakao_unavailable',
      503,
    ],
    [
      'KOE237 on JWKS',
      new KakaoAuthError({ error: 'x', error_code: 'KOE237' }, 400),
      'rate_limited',
      503,
    ],
    ['a wrong aud', new KakaoIdTokenError('wrong_audience'), 'invalid_id_token', 401],
    ['a nonce mismatch', new KakaoIdTokenError('nonce_mismatch'), 'invalid_nonce', 401],
  ])('%s → %s (%d)', (_label, err, reason, status) => {
    const mapped = toTokenLoginError(err) as KakaoTokenLoginError;
    expect(mapped).toBeInstanceOf(KakaoTokenLoginError);
    expect(mapped.reason).toBe(reason);
    expect(mapped.status).toBe(status);
    expect(mapped.retryable).toBe(status === 503);
    expect(mapped.retryAfterSec !== undefined).toBe(status === 503);
    expect(mapped.cause).toBe(err);
  });

  it('passes configuration errors and bugs through', () => {
    const config = new KakaoConfigError('x');
    expect(toTokenLoginError(config)).toBe(config);
  });

  it('says how to fix the problem, and serializes without the cause', () => {
    const err = new KakaoTokenLoginError('wrong_app', 'the token belongs to app 2');
    expect(err.message).toMatch(/wrong_app.*appId.*\[App\] > \[General\]/);
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({ reason: 'wrong_app', status: 401 });
  });
});

describe('readTokenLoginInput', () => {
  const req = (body: unknown, headers: Record<string, string> = {}, url = '/token') =>
    ({ body, headers, url }) as unknown as IncomingMessage & { body: unknown };

  it('reads the body fields and the Bearer token, never the query string', () => {
    expect(readTokenLoginInput(req({ access_token: 'a', id_token: 'i', nonce: 'n' }))).toEqual({
      accessToken: 'a',
      idToken: 'i',
      nonce: 'n',
    });
    expect(readTokenLoginInput(req(undefined, { authorization: 'bearer tok' }))).toMatchObject({
      accessToken: 'tok',
    });
    expect(() => readTokenLoginInput(req({}, {}, '/token?access_token=a'))).toThrow(
      expect.objectContaining({ reason: 'missing_token' }),
    );
  });

  it('refuses arrays, objects and a body token that differs from the Bearer one', () => {
    for (const body of [{ access_token: ['a', 'b'] }, { id_token: { x: 1 } }]) {
      expect(() => readTokenLoginInput(req(body))).toThrow(
        expect.objectContaining({ reason: 'invalid_request', status: 400 }),
      );
    }
    expect(() =>
      readTokenLoginInput(req({ access_token: 'a' }, { authorization: 'Bearer b' })),
    ).toThrow(expect.objectContaining({ reason: 'invalid_request' }));
  });
});

describe('KakaoTokenVerifier options', () => {
  it.each<[string, object, RegExp]>([
    ['no clientID', {}, /clientID is required/],
    ['a non-numeric appId', { clientID: 'k', appId: 'my-app' }, /appId must be the numeric App ID/],
    [
      'an empty audience',
      { clientID: 'k', audiences: [''] },
      /audiences must be a list of non-empty strings/,
    ],
    ['a negative max age', { clientID: 'k', maxIdTokenAgeSec: -1 }, /maxIdTokenAgeSec/],
  ])('%s is refused at construction', (_label, options, message) => {
    expect(() => new KakaoTokenVerifier(options as never)).toThrow(message);
  });

  it('accepts the REST API key plus the listed keys as audiences', () => {
    const verifier = new KakaoTokenVerifier({ clientID: 'rest', audiences: ['native', 'js'] });
    expect(verifier.audiences).toEqual(['rest', 'native', 'js']);
  });

  it('verifyAccessToken without appId says where to find it, before calling Kakao', async () => {
    const verifier = new KakaoTokenVerifier({ clientID: 'rest', apiBaseURL: 'http://127.0.0.1:1' });
    await expect(verifier.verifyAccessToken('token')).rejects.toThrow(
      /appId is required.*\[App\] > \[General\]/,
    );
  });
});
