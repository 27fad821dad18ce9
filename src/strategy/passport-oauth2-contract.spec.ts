import type { IncomingMessage } from 'node:http';
import { KakaoAuthError } from '../errors/kakao-auth.error';
import { KakaoConfigError } from '../errors/kakao-config.error';
import { KakaoResponseError } from '../errors/kakao-response.error';
import { emulatorMixWarning } from './emulator-mix.check';
import {
  isMisconfiguration,
  reasonForError,
  statusForReason,
  failureCause,
  failureInfo,
} from './failure-reason';
import { KakaoStrategy } from './kakao.strategy';
import type { KakaoStrategyOptions } from './kakao-strategy.options';
import { resolveStrategyOptions } from './resolve-strategy-options';
import { StrategyLog } from './strategy-log';

const base: KakaoStrategyOptions = {
  clientID: 'rest-key',
  callbackURL: 'https://app.example/auth/kakao/callback',
  logger: false,
};
const verify = (_a: string, _r: string | undefined, _p: unknown, done: () => void) => done();

/** The `_oauth2` a passport-oauth2 subclass sees. */
function oauth2Of(strategy: KakaoStrategy): Record<string, unknown> & { _request(): void } {
  return (strategy as unknown as { _oauth2: Record<string, unknown> & { _request(): void } })
    ._oauth2;
}

describe('passport-oauth2 contract (unit)', () => {
  it("clientSecret: '' means no secret, like leaving it out", () => {
    const strategy = new KakaoStrategy({ ...base, clientSecret: '' }, verify);
    expect(strategy.settings.clientSecret).toBeUndefined();
    expect(oauth2Of(strategy)._clientSecret).toBe('');
  });

  it('parseErrorResponse turns the token endpoint body into the typed error', () => {
    const strategy = new KakaoStrategy(base, verify);
    const err = strategy.parseErrorResponse(
      '{"error":"invalid_grant","error_description":"authorization code not found for code=abc123","error_code":"KOE320"}',
      400,
    );
    expect(err).toBeInstanceOf(KakaoAuthError);
    expect(err).toMatchObject({ errorCode: 'KOE320', status: 400 });
    expect(err.message).not.toContain('abc123');
    expect(strategy.parseErrorResponse('<html>bad gateway</html>', 502)).toBeInstanceOf(
      KakaoResponseError,
    );
  });

  it('node-oauth internals under _oauth2 fail loudly and name the agent option', () => {
    const transport = oauth2Of(new KakaoStrategy(base, verify));
    expect(() => transport._request()).toThrow(KakaoConfigError);
    expect(() => transport._request()).toThrow(/agent option or _oauth2\.setAgent/);
    expect(transport).toMatchObject({
      _clientId: 'rest-key',
      _authorizeUrl: 'https://kauth.kakao.com/oauth/authorize',
      _accessTokenUrl: 'https://kauth.kakao.com/oauth/token',
    });
  });

  it('a plain-form store keeps no PKCE verifier: PKCE is off, or refused when asked for', () => {
    const plain = {
      store: (_r: IncomingMessage, _m: unknown, _c: unknown) => undefined,
      verify: (_r: IncomingMessage, _s: string, _c: unknown) => undefined,
    };
    expect(new KakaoStrategy({ ...base, store: plain }, verify).settings.pkce).toBe(false);
    expect(() => new KakaoStrategy({ ...base, store: plain, pkce: true }, verify)).toThrow(
      /pkce: true needs a store with the PKCE form/,
    );
    const pkceForm = {
      store: (_r: IncomingMessage, _v: unknown, _s: unknown, _m: unknown, _c: unknown) => undefined,
      verify: plain.verify,
    };
    expect(new KakaoStrategy({ ...base, store: pkceForm }, verify).settings.pkce).toBe(true);
    expect(
      () => new KakaoStrategy({ ...base, store: { store: plain.store } as never }, verify),
    ).toThrow(/store must have verify/);
  });
});

describe('failure contract (unit)', () => {
  it.each([
    ['KOE101', 'invalid_client', 401, true],
    ['KOE006', 'invalid_request', 400, true],
    ['KOE010', 'invalid_client', 401, true],
    [undefined, 'invalid_client', 401, true],
    ['KOE320', 'invalid_grant', 400, false],
    ['KOE237', 'invalid_request', 400, false],
    ['KOE003', 'server_error', 500, false],
  ] as const)('%s %s (HTTP %s) is a misconfiguration: %s', (code, error, status, misconfig) => {
    const err = new KakaoAuthError({ error, error_code: code }, status);
    expect(isMisconfiguration(err)).toBe(misconfig);
    if (misconfig) expect(reasonForError(err)).toBe('server_error');
  });

  it('a bad option is a misconfiguration; every failure reason has its status', () => {
    expect(isMisconfiguration(new KakaoConfigError('x'))).toBe(true);
    expect(isMisconfiguration(new Error('app'))).toBe(false);
    expect(statusForReason('invalid_state')).toBe(403);
    expect(statusForReason('rate_limited')).toBe(429);
    expect(statusForReason('kakao_unavailable')).toBe(503);
    expect(statusForReason('access_denied')).toBe(401);
  });

  it('the typed cause travels beside the fail info, never inside it', () => {
    const cause = new KakaoAuthError({ error: 'invalid_grant', error_code: 'KOE320' }, 400);
    const info = failureInfo('kakao_error', cause);
    expect(JSON.stringify(info)).toBe('{"message":"kakao_error","reason":"kakao_error"}');
    expect(failureCause(info)).toBe(cause);
    expect(failureCause([info])).toBe(cause);
    expect(failureCause({ message: 'other' })).toBeUndefined();
  });
});

describe('emulator / Kakao mix-up warning', () => {
  const resolved = (patch: Partial<KakaoStrategyOptions>) =>
    resolveStrategyOptions({ ...base, ...patch });

  it("warns for the emulator's key with Kakao's URLs", () => {
    expect(emulatorMixWarning(resolved({ clientID: 'emulator-rest-api-key' }))).toMatch(
      /"emulator-rest-api-key" is the KakaoEmulator's key, but https:\/\/kauth\.kakao\.com\/oauth\/authorize is the real Kakao/,
    );
    expect(
      emulatorMixWarning(
        resolved({ clientID: 'emulator-custom', authBaseURL: 'http://127.0.0.1:4000' }),
      ),
    ).toMatch(/https:\/\/kapi\.kakao\.com\/v2\/user\/me is the real Kakao/);
  });

  it("warns for a real Kakao key with the emulator's URLs on this machine", () => {
    const local = { authBaseURL: 'http://127.0.0.1:4000', apiBaseURL: 'http://localhost:4000' };
    expect(
      emulatorMixWarning(resolved({ clientID: '0123456789abcdef0123456789abcdef', ...local })),
    ).toMatch(
      /looks like a real Kakao REST API key, but http:\/\/127\.0\.0\.1:4000\/oauth\/authorize is on this machine/,
    );
  });

  it('says nothing when they agree', () => {
    const local = { authBaseURL: 'http://127.0.0.1:4000', apiBaseURL: 'http://127.0.0.1:4000' };
    expect(
      emulatorMixWarning(resolved({ clientID: 'emulator-rest-api-key', ...local })),
    ).toBeUndefined();
    expect(
      emulatorMixWarning(resolved({ clientID: '0123456789abcdef0123456789abcdef' })),
    ).toBeUndefined();
    expect(emulatorMixWarning(resolved({ clientID: 'rest-key', ...local }))).toBeUndefined();
  });

  it('the strategy logs it once at construction, to the logger option', () => {
    const lines: string[] = [];
    new KakaoStrategy(
      { ...base, clientID: 'emulator-rest-api-key', logger: { warn: (l) => lines.push(l) } },
      verify,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("is the KakaoEmulator's key");
  });
});

describe('StrategyLog', () => {
  it('logs a key at most once per interval', () => {
    let now = 0;
    const lines: string[] = [];
    const log = new StrategyLog({ warn: (l) => lines.push(l) }, 60_000, () => now);
    expect(log.warn('a', 'first')).toBe(true);
    expect(log.warn('a', 'again')).toBe(false);
    expect(log.warn('b', 'other key')).toBe(true);
    now = 60_000;
    expect(log.warn('a', 'a minute later')).toBe(true);
    expect(lines).toEqual(['first', 'other key', 'a minute later']);
    expect(new StrategyLog(false).warn('a', 'silenced')).toBe(false);
  });
});
