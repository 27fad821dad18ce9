import { toKakaoError } from '../http/kakao-error.mapper';
import { KakaoApiError } from './kakao-api.error';
import { KakaoAuthError } from './kakao-auth.error';
import { KOE_HINTS } from './koe-hints';
import { KakaoResponseError } from './kakao-response.error';

const KOE_CASES: Array<[string, string, number]> = [
  ['KOE001', 'invalid_request', 400],
  ['KOE002', 'invalid_request', 400],
  ['KOE003', 'server_error', 500],
  ['KOE004', 'unauthorized', 403],
  ['KOE005', 'unauthorized', 403],
  ['KOE006', 'invalid_request', 400],
  ['KOE007', 'invalid_request', 400],
  ['KOE008', 'invalid_client', 401],
  ['KOE009', 'misconfigured', 400],
  ['KOE010', 'invalid_client', 401],
  ['KOE101', 'invalid_client', 401],
  ['KOE205', 'invalid_scope', 400],
  ['KOE237', 'invalid_request', 429],
  ['KOE303', 'invalid_grant', 400],
  ['KOE320', 'invalid_grant', 400],
  ['KOE322', 'invalid_grant', 400],
];

describe('KakaoAuthError', () => {
  it.each(KOE_CASES)('parses %s with its code, status and a fix-it hint', (code, error, status) => {
    const err = toKakaoError(
      'POST /oauth/token',
      status,
      { error, error_description: 'something', error_code: code },
      'kauth',
    );
    expect(err).toBeInstanceOf(KakaoAuthError);
    const e = err as KakaoAuthError;
    expect(e.errorCode).toBe(code);
    expect(e.error).toBe(error);
    expect(e.status).toBe(status);
    expect(e.hint).toBe(KOE_HINTS[code]);
    expect(e.hint!.length).toBeGreaterThan(10);
    expect(e.message).toContain(code);
    expect(e.name).toBe('KakaoAuthError');
  });

  it('redacts codes and tokens Kakao echoes in error_description', () => {
    const e = new KakaoAuthError({
      error: 'invalid_grant',
      error_description: 'authorization code not found for code=abcDEF123_-x',
      error_code: 'KOE320',
    });
    expect(e.description).toBe('authorization code not found for code=[redacted]');
    expect(`${e} ${JSON.stringify(e)} ${e.stack}`).not.toContain('abcDEF123');
  });

  it('tolerates a body without error_code', () => {
    const e = new KakaoAuthError({ error: 'invalid_client' }, 401);
    expect(e.errorCode).toBeUndefined();
    expect(e.hint).toBeUndefined();
    expect(e.message).toContain('invalid_client');
  });
});

const API_CASES: Array<[number, number, boolean]> = [
  [-1, 400, true],
  [-2, 400, false],
  [-3, 403, false],
  [-10, 429, true],
  [-101, 400, false],
  [-102, 400, false],
  [-201, 400, false],
  [-401, 401, false],
  [-402, 403, false],
];

describe('KakaoApiError', () => {
  it.each(API_CASES)('parses code %d (HTTP %d)', (code, status, retryable) => {
    const err = toKakaoError(
      'GET /v2/user/me',
      status,
      { msg: 'message', code },
      'kapi',
    ) as KakaoApiError;
    expect(err).toBeInstanceOf(KakaoApiError);
    expect(err.code).toBe(code);
    expect(err.status).toBe(status);
    expect(err.retryable).toBe(retryable);
    expect(err.hint).toBeDefined();
  });

  it('keeps required and allowed scopes of -402', () => {
    const err = new KakaoApiError(
      {
        msg: 'insufficient scopes.',
        code: -402,
        api_type: 'USER_ME',
        required_scopes: ['account_email'],
        allowed_scopes: ['profile'],
      },
      403,
    );
    expect(err.requiredScopes).toEqual(['account_email']);
    expect(err.allowedScopes).toEqual(['profile']);
    expect(err.apiType).toBe('USER_ME');
  });

  it('maps a body with neither shape to KakaoResponseError', () => {
    expect(toKakaoError('GET /x', 502, undefined, 'kapi')).toBeInstanceOf(KakaoResponseError);
    expect(toKakaoError('GET /x', 500, { message: 'x' }, 'kauth')).toBeInstanceOf(
      KakaoResponseError,
    );
  });
});
