import { KakaoApiError } from '../errors/kakao-api.error';
import { KakaoAuthError } from '../errors/kakao-auth.error';
import {
  StubKakaoServer,
  type StubAnswer,
  type StubRequest,
} from './__fixtures__/stub-kakao.server';
import { KakaoApiClient } from './kakao-api.client';
import type { KakaoUserSession, KakaoUserTokens } from './kakao-user.session';

/** A tiny token model: valid access tokens, refresh tokens that may rotate. */
class TokenModel {
  access = new Set<string>(['at-0']);
  refresh = new Set<string>(['rt-0']);
  rotate = false;
  refreshDelayMs = 50;
  private n = 0;

  answer(req: StubRequest): StubAnswer {
    if (req.path === '/oauth/token') {
      const rt = new URLSearchParams(req.body).get('refresh_token') ?? '';
      if (!this.refresh.has(rt)) {
        return {
          status: 400,
          body: {
            error: 'invalid_grant',
            error_description: 'expired_or_invalid_refresh_token',
            error_code: 'KOE322',
          },
        };
      }
      const at = `at-${++this.n}`;
      this.access.add(at);
      const body: Record<string, unknown> = {
        token_type: 'bearer',
        access_token: at,
        expires_in: 21599,
      };
      if (this.rotate) {
        this.refresh.delete(rt);
        const next = `rt-${this.n}`;
        this.refresh.add(next);
        Object.assign(body, { refresh_token: next, refresh_token_expires_in: 5184000 });
      }
      return { body, delayMs: this.refreshDelayMs };
    }
    const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!this.access.has(token)) {
      return { status: 401, body: { code: -401, msg: 'this access token does not exist' } };
    }
    return { body: { id: 42 } };
  }
}

describe('KakaoUserSession (asUser)', () => {
  const stub = new StubKakaoServer();
  let model: TokenModel;
  let client: KakaoApiClient;
  const refreshes = () => stub.requests.filter((r) => r.path === '/oauth/token').length;

  beforeAll(() => stub.start());
  afterAll(() => stub.stop());
  beforeEach(() => {
    stub.requests.length = 0;
    model = new TokenModel();
    stub.handler = (req) => model.answer(req);
    client = new KakaoApiClient({ clientID: 'k', authBaseURL: stub.base, apiBaseURL: stub.base });
  });

  it('uses a valid token as is', async () => {
    const onTokens = jest.fn();
    const session = client.asUser({ accessToken: 'at-0', refreshToken: 'rt-0' }, { onTokens });
    await expect(session.getUser()).resolves.toMatchObject({ id: '42' });
    expect(refreshes()).toBe(0);
    expect(onTokens).not.toHaveBeenCalled();
  });

  it('on -401 refreshes once, persists through onTokens, retries once', async () => {
    model.access.clear();
    const persisted: Array<[KakaoUserTokens, KakaoUserTokens]> = [];
    const session = client.asUser(
      { accessToken: 'expired', refreshToken: 'rt-0' },
      { onTokens: (tokens, previous) => void persisted.push([tokens, previous]) },
    );
    await expect(session.getUser()).resolves.toMatchObject({ id: '42' });
    expect(refreshes()).toBe(1);
    expect(persisted).toHaveLength(1);
    const [tokens, previous] = persisted[0];
    expect(previous).toEqual({ accessToken: 'expired', refreshToken: 'rt-0' });
    expect(tokens).toMatchObject({ accessToken: 'at-1', refreshToken: 'rt-0' });
    expect(tokens.expiresAt).toBeInstanceOf(Date);
    expect(session.tokens.accessToken).toBe('at-1');
    expect(stub.requests.map((r) => r.path)).toEqual([
      '/v2/user/me',
      '/oauth/token',
      '/v2/user/me',
    ]);
  });

  it('concurrent calls in one session and across sessions share one refresh', async () => {
    model.access.clear();
    model.rotate = true;
    const onTokens = jest.fn();
    const a = client.asUser({ accessToken: 'expired', refreshToken: 'rt-0' }, { onTokens });
    const b = client.asUser({ accessToken: 'expired', refreshToken: 'rt-0' }, { onTokens });
    const results = await Promise.all([
      a.getUser(),
      a.getTokenInfo().catch(() => 'x'),
      b.getUser(),
      a.getUser(),
    ]);
    expect(results.filter((r) => typeof r === 'object')).toHaveLength(3);
    expect(refreshes()).toBe(1);
    expect(onTokens).toHaveBeenCalledTimes(1);
    expect(a.tokens).toMatchObject({ accessToken: 'at-1', refreshToken: 'rt-1' });
    expect(b.tokens).toMatchObject({ accessToken: 'at-1', refreshToken: 'rt-1' });
    // A session built from the old stored tokens just after still joins the finished refresh.
    const late = client.asUser({ accessToken: 'expired', refreshToken: 'rt-0' });
    await expect(late.getUser()).resolves.toMatchObject({ id: '42' });
    expect(refreshes()).toBe(1);
  });

  it('surfaces KOE322 when the refresh token is dead, and does not ask again', async () => {
    model.access.clear();
    model.refresh.clear();
    const session = client.asUser({ accessToken: 'expired', refreshToken: 'rt-0' });
    const err = await session.getUser().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KakaoAuthError);
    expect(err).toMatchObject({ errorCode: 'KOE322' });
    await expect(session.getUser()).rejects.toMatchObject({ errorCode: 'KOE322' });
    expect(refreshes()).toBe(1);
  });

  it('after KOE322 adopts tokens another process stored (loadTokens)', async () => {
    model.access.clear();
    model.refresh.clear();
    model.access.add('at-from-other-process');
    const session = client.asUser(
      { accessToken: 'expired', refreshToken: 'rt-0' },
      { loadTokens: async () => ({ accessToken: 'at-from-other-process', refreshToken: 'rt-9' }) },
    );
    await expect(session.getUser()).resolves.toMatchObject({ id: '42' });
    expect(session.tokens.refreshToken).toBe('rt-9');
  });

  it('onTokens returning false (compare-and-set lost) adopts the stored tokens', async () => {
    model.access.clear();
    model.access.add('at-stored');
    const session = client.asUser(
      { accessToken: 'expired', refreshToken: 'rt-0' },
      {
        onTokens: () => false,
        loadTokens: () => ({ accessToken: 'at-stored', refreshToken: 'rt-s' }),
      },
    );
    await session.getUser();
    expect(session.tokens).toEqual({ accessToken: 'at-stored', refreshToken: 'rt-s' });
    expect(stub.requests.at(-1)?.headers.authorization).toBe('Bearer at-stored');
  });

  it('without a refresh token a -401 surfaces; other errors are never retried', async () => {
    model.access.clear();
    const session = client.asUser({ accessToken: 'expired' });
    await expect(session.getUser()).rejects.toBeInstanceOf(KakaoApiError);
    expect(refreshes()).toBe(0);

    stub.handler = () => ({
      status: 403,
      body: { code: -402, msg: 'insufficient scopes.', required_scopes: ['x'] },
    });
    const other = client.asUser({ accessToken: 'at-0', refreshToken: 'rt-0' });
    await expect(other.getUser()).rejects.toMatchObject({ code: -402 });
    expect(stub.requests.filter((r) => r.path === '/v2/user/me')).toHaveLength(2);
  });

  it('retries at most once: a second -401 surfaces', async () => {
    stub.handler = (req) =>
      req.path === '/oauth/token'
        ? model.answer(req)
        : { status: 401, body: { code: -401, msg: 'expired' } };
    const session = client.asUser({ accessToken: 'at-0', refreshToken: 'rt-0' });
    await expect(session.getUser()).rejects.toMatchObject({ code: -401 });
    expect(stub.requests.map((r) => r.path)).toEqual([
      '/v2/user/me',
      '/oauth/token',
      '/v2/user/me',
    ]);
  });

  it('an onTokens failure fails the call but keeps the new tokens', async () => {
    model.access.clear();
    const session = client.asUser(
      { accessToken: 'expired', refreshToken: 'rt-0' },
      {
        onTokens: () => {
          throw new Error('db down');
        },
      },
    );
    await expect(session.getUser()).rejects.toThrow('db down');
    expect(session.tokens.accessToken).toBe('at-1');
    await expect(session.getUser()).resolves.toMatchObject({ id: '42' });
  });

  it("forwards every bearer method of the client with the session's token, after a refresh when needed", async () => {
    const calls: Array<[string, (s: KakaoUserSession) => Promise<unknown>]> = [
      ['getUser', (s) => s.getUser({ propertyKeys: ['kakao_account.email'] })],
      ['getProfile', (s) => s.getProfile()],
      ['getTokenInfo', (s) => s.getTokenInfo()],
      ['getOidcUserInfo', (s) => s.getOidcUserInfo()],
      ['logout', (s) => s.logout()],
      ['unlink', (s) => s.unlink()],
      ['getScopes', (s) => s.getScopes({ scopes: ['profile_nickname'] })],
      ['revokeScopes', (s) => s.revokeScopes(['profile_nickname'])],
      ['getServiceTerms', (s) => s.getServiceTerms()],
      ['revokeServiceTerms', (s) => s.revokeServiceTerms(['tag'])],
      ['upgradeServiceTerms', (s) => s.upgradeServiceTerms(['tag'])],
      ['updateProfile', (s) => s.updateProfile({ nickname: 'n' })],
      ['signup', (s) => s.signup()],
      ['getShippingAddresses', (s) => s.getShippingAddresses()],
    ];
    for (const [name, call] of calls) {
      stub.requests.length = 0;
      model = new TokenModel();
      model.access.clear();
      const session = client.asUser({ accessToken: `expired-${name}`, refreshToken: 'rt-0' });
      // The stub answers { id: 42 } to everything, which some parsers refuse: only the requests count.
      await call(session).catch(() => undefined);
      const bearers = stub.requests
        .filter((r) => r.path !== '/oauth/token')
        .map((r) => r.headers.authorization);
      expect([name, bearers]).toEqual([name, [`Bearer expired-${name}`, 'Bearer at-1']]);
      expect(session.tokens.accessToken).toBe('at-1');
    }
  });

  it('validates its input without echoing tokens, and hides them from JSON and errors', () => {
    expect(() => client.asUser({ accessToken: '' })).toThrow(TypeError);
    expect(() => client.asUser({ accessToken: 'a', refreshToken: 'has space' })).toThrow(
      /refresh token/,
    );
    const session = client.asUser({ accessToken: 'secret-at', refreshToken: 'secret-rt' });
    expect(JSON.stringify(session)).toBe('{}');
  });
});
