import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { KakaoConfigError } from '../errors/kakao-config.error';
import { KakaoStrategy } from './kakao.strategy';
import type { KakaoAuthenticateOptions, KakaoStrategyOptions } from './kakao-strategy.options';
import { SESSION_KEY } from './state/session-login.store';

const base: KakaoStrategyOptions = {
  clientID: 'rest-key',
  clientSecret: 'shh',
  callbackURL: 'https://app.example/auth/kakao/callback',
};
const verify = (
  _a: string,
  _r: string | undefined,
  _p: unknown,
  done: (e: null, u: object) => void,
) => done(null, {});

type Outcome =
  | { kind: 'redirect'; url: URL }
  | { kind: 'fail'; info: unknown; status?: number }
  | { kind: 'error'; err: Error };

function run(
  strategy: KakaoStrategy,
  req: Partial<IncomingMessage> & Record<string, unknown>,
  options?: KakaoAuthenticateOptions,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const s = Object.create(strategy) as KakaoStrategy & Record<string, unknown>;
    s.redirect = (url: string) => resolve({ kind: 'redirect', url: new URL(url) });
    s.fail = (info: unknown, status?: number) => resolve({ kind: 'fail', info, status });
    s.error = (err: Error) => resolve({ kind: 'error', err });
    s.success = () => resolve({ kind: 'error', err: new Error('unexpected success') });
    s.authenticate(req as IncomingMessage, options);
  });
}

const sessionReq = (query: Record<string, unknown> = {}) => ({
  url: '/',
  query,
  headers: {},
  session: {} as Record<string, unknown>,
});

describe('KakaoStrategy construction', () => {
  it('accepts the passport-kakao README call and is named kakao', () => {
    const s = new KakaoStrategy(
      { clientID: 'k', callbackURL: 'http://localhost:3000/auth/kakao/callback' },
      verify,
    );
    expect(s.name).toBe('kakao');
    expect(s.settings.clientSecret).toBeUndefined();
    expect(s.settings.authorizationURL).toBe('https://kauth.kakao.com/oauth/authorize');
    expect(s.settings.tokenURL).toBe('https://kauth.kakao.com/oauth/token');
    expect(s.settings.userProfileURL).toBe('https://kapi.kakao.com/v2/user/me');
    expect(s.settings.issuer).toBe('https://kauth.kakao.com');
  });

  it('derives every URL and the issuer from authBaseURL/apiBaseURL', () => {
    const s = new KakaoStrategy(
      { ...base, authBaseURL: 'http://127.0.0.1:9/', apiBaseURL: 'http://127.0.0.1:8' },
      verify,
    );
    expect(s.settings.tokenURL).toBe('http://127.0.0.1:9/oauth/token');
    expect(s.settings.jwksURL).toBe('http://127.0.0.1:9/.well-known/jwks.json');
    expect(s.settings.issuer).toBe('http://127.0.0.1:9');
    expect(s.settings.userProfileURL).toBe('http://127.0.0.1:8/v2/user/me');
  });

  it.each<[string, Partial<KakaoStrategyOptions>, RegExp]>([
    ['no clientID', { clientID: '' }, /clientID is required.*REST API key/],
    [
      'a relative callbackURL',
      { callbackURL: '/auth/kakao/callback' },
      /callbackURL must be an absolute/,
    ],
    ['a non-string clientSecret', { clientSecret: 42 as never }, /clientSecret must be a string/],
    ['an unknown prompt', { prompt: 'consent' as never }, /prompt "consent" is not one of/],
    ['cookie state without a secret', { stateStore: 'cookie' }, /needs a stateSecret/],
    ['a short stateSecret', { stateSecret: 'short' }, /at least 32 characters/],
    ['id_token profiles without openid', { profileFrom: 'id_token' }, /needs openid: true/],
    ['state off with PKCE on', { state: false }, /state: false needs pkce: false/],
    ['a bad authBaseURL', { authBaseURL: 'kauth.kakao.com' }, /authBaseURL must be an absolute/],
  ])('throws KakaoConfigError for %s', (_label, patch, message) => {
    const create = () => new KakaoStrategy({ ...base, ...patch } as KakaoStrategyOptions, verify);
    expect(create).toThrow(KakaoConfigError);
    expect(create).toThrow(message);
  });

  it('requires a verify callback', () => {
    expect(() => new KakaoStrategy(base, undefined as never)).toThrow(
      /verify callback is required/,
    );
  });
});

describe('KakaoStrategy authorize redirect', () => {
  it('sends every authorize parameter, with state and PKCE S256 on by default', async () => {
    const s = new KakaoStrategy(
      {
        ...base,
        scope: ['account_email', 'gender'],
        prompt: ['login', 'select_account'],
        loginHint: 'a@b.c',
        serviceTerms: ['tag1', 'tag2'],
      },
      verify,
    );
    const req = sessionReq();
    const out = await run(s, req);
    if (out.kind !== 'redirect') throw new Error(out.kind);
    const q = out.url.searchParams;
    expect(`${out.url.origin}${out.url.pathname}`).toBe('https://kauth.kakao.com/oauth/authorize');
    expect(q.get('client_id')).toBe('rest-key');
    expect(q.get('redirect_uri')).toBe(base.callbackURL);
    expect(q.get('response_type')).toBe('code');
    expect(q.get('scope')).toBe('account_email,gender');
    expect(q.get('prompt')).toBe('login,select_account');
    expect(q.get('login_hint')).toBe('a@b.c');
    expect(q.get('service_terms')).toBe('tag1,tag2');
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('nonce')).toBeNull();
    expect(q.has('client_secret')).toBe(false);
    const pending = (
      req.session[SESSION_KEY] as { pending: Array<{ state: string; verifier: string }> }
    ).pending;
    expect(pending).toHaveLength(1);
    expect(pending[0].state).toBe(q.get('state'));
    expect(q.get('code_challenge')).toBe(
      createHash('sha256').update(pending[0].verifier).digest('base64url'),
    );
  });

  it('adds openid and a nonce kept in the store with openid on', async () => {
    const s = new KakaoStrategy({ ...base, openid: true, scope: 'profile_nickname' }, verify);
    const req = sessionReq();
    const out = await run(s, req);
    if (out.kind !== 'redirect') throw new Error(out.kind);
    expect(out.url.searchParams.get('scope')).toBe('profile_nickname,openid');
    const nonce = out.url.searchParams.get('nonce');
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(
      (req.session[SESSION_KEY] as { pending: Array<{ nonce: string }> }).pending[0].nonce,
    ).toBe(nonce);
    expect(Object.values(s).some((v) => v === nonce)).toBe(false);
  });

  it('takes per-request prompt, loginHint, scope and keeps app state out of the URL', async () => {
    const s = new KakaoStrategy(base, verify);
    const req = sessionReq();
    const out = await run(s, req, {
      prompt: 'none',
      loginHint: 'x@y.z',
      scope: ['account_email'],
      state: { returnTo: '/after' },
    });
    if (out.kind !== 'redirect') throw new Error(out.kind);
    const q = out.url.searchParams;
    expect(q.get('prompt')).toBe('none');
    expect(q.get('login_hint')).toBe('x@y.z');
    expect(q.get('scope')).toBe('account_email');
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(out.url.toString()).not.toContain('after');
    expect(
      (req.session[SESSION_KEY] as { pending: Array<{ appState: unknown }> }).pending[0].appState,
    ).toEqual({ returnTo: '/after' });
  });

  it('never puts a string state from the app into the URL', async () => {
    const s = new KakaoStrategy(base, verify);
    const out = await run(s, sessionReq(), { state: 'attacker-chosen' });
    if (out.kind !== 'redirect') throw new Error(out.kind);
    expect(out.url.searchParams.get('state')).not.toBe('attacker-chosen');
  });

  it('sends no state, PKCE or scope when all are off', async () => {
    const s = new KakaoStrategy({ ...base, state: false, pkce: false }, verify);
    const out = await run(s, { url: '/', headers: {} });
    if (out.kind !== 'redirect') throw new Error(out.kind);
    expect([...out.url.searchParams.keys()].sort()).toEqual([
      'client_id',
      'redirect_uri',
      'response_type',
    ]);
  });

  it('caps pending logins per browser', async () => {
    const s = new KakaoStrategy({ ...base, maxPendingLogins: 3 }, verify);
    const req = sessionReq();
    for (let i = 0; i < 5; i++) await run(s, req);
    expect((req.session[SESSION_KEY] as { pending: unknown[] }).pending).toHaveLength(3);
  });

  it('explains what to do when there is neither a session nor a stateSecret', async () => {
    const s = new KakaoStrategy(base, verify);
    const out = await run(s, { url: '/', headers: {} });
    expect(out.kind).toBe('error');
    expect((out as { err: Error }).err.message).toMatch(/express-session.*stateSecret/);
  });
});

describe('KakaoStrategy authorize URL template', () => {
  /** The URL with this login's random values replaced, to compare two logins' URLs. */
  const shape = (url: URL) => {
    const q = new URLSearchParams(url.search);
    for (const key of ['state', 'code_challenge', 'nonce']) if (q.has(key)) q.set(key, `<${key}>`);
    return `${url.origin}${url.pathname}?${q.toString()}`;
  };
  const login = async (s: KakaoStrategy, options?: KakaoAuthenticateOptions) => {
    const out = await run(s, sessionReq(), options);
    if (out.kind !== 'redirect') throw new Error(out.kind);
    return out.url;
  };

  it.each<[string, Partial<KakaoStrategyOptions>]>([
    ['the defaults', {}],
    ['PKCE off', { pkce: false }],
    ['OpenID Connect', { openid: true }],
    [
      'scopes, prompt, login hint and service terms',
      {
        scope: ['account_email', 'profile_nickname'],
        prompt: ['login'],
        loginHint: 'a b+c@d.e',
        serviceTerms: ['tag 1'],
      },
    ],
    [
      'a query in the authorization URL',
      {
        authorizationURL: 'https://kauth.example/oauth/authorize?lang=ko&state=ignored',
      },
    ],
    [
      'a callback URL that needs escaping',
      {
        callbackURL: 'https://app.example/auth/카카오/callback?x=a b&y=1',
      },
    ],
  ])('builds the same URL as the per-request path, with %s', async (_label, patch) => {
    const s = new KakaoStrategy({ ...base, ...patch } as KakaoStrategyOptions, verify);
    // A per-request scope takes the general path; the same scope must give the same URL.
    const general = await login(s, { scope: s.settings.scope });
    const fixed = await login(s);
    expect(shape(fixed)).toBe(shape(general));
    const q = fixed.searchParams;
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).not.toBe(general.searchParams.get('state'));
    if (s.settings.pkce) expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    else expect(q.has('code_challenge')).toBe(false);
    expect(q.has('nonce')).toBe(s.settings.openid);
  });

  it('takes the general path when a subclass overrides authorizationParams', async () => {
    class Extra extends KakaoStrategy {
      override authorizationParams(options: KakaoAuthenticateOptions) {
        return { ...super.authorizationParams(options), lang: 'ko' };
      }
    }
    const url = await login(new Extra(base, verify));
    expect(url.searchParams.get('lang')).toBe('ko');
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('takes the general path when an app assigns authorizationParams after construction', async () => {
    const s = new KakaoStrategy(base, verify);
    s.authorizationParams = () => ({ lang: 'en' });
    const url = await login(s);
    expect(url.searchParams.get('lang')).toBe('en');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('KakaoStrategy callback failures', () => {
  it.each([
    ['access_denied', 'access_denied'],
    ['consent_required', 'consent_required'],
    ['login_required', 'login_required'],
    ['server_error', 'kakao_error'],
  ])('?error=%s fails with reason %s and never echoes error_description', async (error, reason) => {
    const s = new KakaoStrategy(base, verify);
    const out = await run(s, sessionReq({ error, error_description: '<script>alert(1)</script>' }));
    expect(out).toEqual({ kind: 'fail', info: { message: reason, reason }, status: 401 });
  });

  it.each([
    ['a missing state', { code: 'c' }],
    ['an unknown state', { code: 'c', state: 'nope' }],
    ['an array state', { code: 'c', state: ['a', 'b'] }],
  ])('fails with invalid_state for %s', async (_label, query) => {
    const s = new KakaoStrategy(base, verify);
    const out = await run(s, sessionReq(query));
    expect(out).toMatchObject({ kind: 'fail', info: { reason: 'invalid_state' }, status: 403 });
  });

  it('fails with invalid_request for an array or oversized code', async () => {
    const s = new KakaoStrategy(base, verify);
    expect(await run(s, sessionReq({ code: ['a'], state: 's' }))).toMatchObject({
      info: { reason: 'invalid_request' },
    });
    expect(await run(s, sessionReq({ code: 'x'.repeat(5000), state: 's' }))).toMatchObject({
      info: { reason: 'invalid_request' },
    });
  });
});
