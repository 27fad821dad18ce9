import { inspect } from 'node:util';
import { KakaoApiError } from '../errors/kakao-api.error';
import { KakaoAuthError } from '../errors/kakao-auth.error';
import { KakaoConfigError } from '../errors/kakao-config.error';
import { KakaoNetworkError } from '../errors/kakao-network.error';
import { KakaoResponseError } from '../errors/kakao-response.error';
import { StubKakaoServer } from './__fixtures__/stub-kakao.server';
import { KakaoApiClient } from './kakao-api.client';

const SECRET = 'client-secret-do-not-leak';
const ADMIN = 'admin-key-do-not-leak';
const TOKEN = 'access-token-do-not-leak';
const BIG_ID = '1376016924426111111';

describe('KakaoApiClient (against a stub server)', () => {
  const stub = new StubKakaoServer();
  let client: KakaoApiClient;

  beforeAll(async () => {
    await stub.start();
  });
  afterAll(() => stub.stop());
  beforeEach(() => {
    stub.requests.length = 0;
    stub.handler = () => ({ body: { id: 1 } });
    client = new KakaoApiClient({
      clientID: 'rest-key',
      clientSecret: SECRET,
      adminKey: ADMIN,
      authBaseURL: stub.base,
      apiBaseURL: `${stub.base}/`,
      timeoutMs: 1000,
    });
  });

  it('getUser sends the bearer in the header only, secure_resource and JSON-array property_keys', async () => {
    stub.handler = () => ({ body: `{"id":${BIG_ID},"properties":{"id":1}}` });
    const user = await client.getUser(TOKEN, {
      propertyKeys: ['kakao_account.email', 'properties.'],
    });
    expect(user.id).toBe(BIG_ID);
    const [req] = stub.requests;
    expect(req.method).toBe('GET');
    expect(req.path).toBe('/v2/user/me');
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req.query.get('secure_resource')).toBe('true');
    expect(req.query.get('property_keys')).toBe('["kakao_account.email","properties."]');
    expect([...req.query.values()].join()).not.toContain(TOKEN);
  });

  it('getUser honours secureResource: false', async () => {
    await client.getUser(TOKEN, { secureResource: false });
    expect(stub.requests[0].query.get('secure_resource')).toBe('false');
    expect(stub.requests[0].query.has('property_keys')).toBe(false);
  });

  it("getProfile keeps Kakao's exact text in _raw and maps a -401", async () => {
    const text = `{"id":${BIG_ID},"kakao_account":{"profile":{"nickname":"라이언"}}}`;
    stub.handler = () => ({ body: text });
    const profile = await client.getProfile(TOKEN);
    expect(profile).toMatchObject({ id: BIG_ID, nickname: '라이언', _raw: text });

    stub.handler = () => ({
      status: 401,
      body: { code: -401, msg: 'this access token does not exist' },
    });
    await expect(client.getProfile(TOKEN)).rejects.toMatchObject({ code: -401, status: 401 });
    stub.handler = () => ({ status: 502, body: '<html>bad gateway</html>' });
    await expect(client.getProfile(TOKEN)).rejects.toBeInstanceOf(KakaoResponseError);
  });

  it('refreshTokens posts the form with client_secret when configured', async () => {
    stub.handler = () => ({
      body: { token_type: 'bearer', access_token: 'new-at', expires_in: 21599 },
    });
    const before = Date.now();
    const result = await client.refreshTokens('rt-1');
    const [req] = stub.requests;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/oauth/token');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=utf-8');
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({
      grant_type: 'refresh_token',
      client_id: 'rest-key',
      refresh_token: 'rt-1',
      client_secret: SECRET,
    });
    expect(req.headers.authorization).toBeUndefined();
    expect(result).toMatchObject({ accessToken: 'new-at', tokenType: 'bearer', expiresIn: 21599 });
    expect(result.rotated).toBe(false);
    expect(result.refreshToken).toBeUndefined();
    expect(result.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 21599_000);
  });

  it('refreshTokens sends no client_secret key at all without one, and reports a rotation', async () => {
    const noSecret = new KakaoApiClient({ clientID: 'rest-key', authBaseURL: stub.base });
    stub.handler = () => ({
      body: {
        token_type: 'bearer',
        access_token: 'new-at',
        expires_in: 7199,
        refresh_token: 'new-rt',
        refresh_token_expires_in: 5184000,
        id_token: 'a.b.c',
      },
    });
    const result = await noSecret.refreshTokens('rt-1');
    expect(stub.requests[0].body).not.toContain('client_secret');
    expect(result).toMatchObject({
      rotated: true,
      refreshToken: 'new-rt',
      refreshTokenExpiresIn: 5184000,
      idToken: 'a.b.c',
    });
    expect(result.refreshTokenExpiresAt).toBeInstanceOf(Date);
  });

  it("clientSecret: '' means no secret, as in KakaoStrategy: no client_secret key is sent", async () => {
    const empty = new KakaoApiClient({
      clientID: 'rest-key',
      clientSecret: '',
      authBaseURL: stub.base,
    });
    stub.handler = () => ({
      body: { token_type: 'bearer', access_token: 'new-at', expires_in: 7199 },
    });
    await empty.refreshTokens('rt-1');
    expect(stub.requests[0].body).toBe(
      'grant_type=refresh_token&client_id=rest-key&refresh_token=rt-1',
    );
  });

  it('refreshTokens maps KOE322 to KakaoAuthError and never retries a POST', async () => {
    stub.handler = () => ({
      status: 400,
      body: {
        error: 'invalid_grant',
        error_description: 'expired_or_invalid_refresh_token',
        error_code: 'KOE322',
      },
    });
    const err = await client.refreshTokens('rt-1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KakaoAuthError);
    expect(err).toMatchObject({ errorCode: 'KOE322', status: 400 });

    stub.requests.length = 0;
    stub.handler = () => ({ destroy: true });
    await expect(client.refreshTokens('rt-1')).rejects.toBeInstanceOf(KakaoNetworkError);
    await expect(client.logout(TOKEN)).rejects.toBeInstanceOf(KakaoNetworkError);
    expect(stub.requests.map((r) => r.path)).toEqual(['/oauth/token', '/v1/user/logout']);
  });

  it('retries a GET once after a dropped connection', async () => {
    let calls = 0;
    stub.handler = () =>
      ++calls === 1 ? { destroy: true } : { body: { id: 7, expires_in: 9, app_id: 3 } };
    await expect(client.getTokenInfo(TOKEN)).resolves.toEqual({
      id: '7',
      expires_in: 9,
      app_id: 3,
    });
    expect(calls).toBe(2);
  });

  it('logoutUser and unlinkUser use the admin key and target_id form, ids exact', async () => {
    stub.handler = () => ({ body: `{"id":${BIG_ID}}` });
    await expect(client.logoutUser(BIG_ID)).resolves.toEqual({ id: BIG_ID });
    await expect(client.unlinkUser(BigInt(BIG_ID))).resolves.toEqual({ id: BIG_ID });
    for (const [i, path] of ['/v1/user/logout', '/v1/user/unlink'].entries()) {
      const req = stub.requests[i];
      expect(req).toMatchObject({
        method: 'POST',
        path,
        body: `target_id_type=user_id&target_id=${BIG_ID}`,
      });
      expect(req.headers.authorization).toBe(`KakaoAK ${ADMIN}`);
    }
    await expect(client.logoutUser(Number(BIG_ID))).rejects.toThrow(/keep ids as strings/);
  });

  it('admin-key methods without adminKey throw KakaoConfigError before sending', async () => {
    const noAdmin = new KakaoApiClient({ clientID: 'rest-key', apiBaseURL: stub.base });
    for (const call of [
      () => noAdmin.logoutUser('1'),
      () => noAdmin.unlinkUser('1'),
      () => noAdmin.getUserIds(),
      () => noAdmin.getUsers(['1']),
    ]) {
      await expect(call()).rejects.toThrow(KakaoConfigError);
      await expect(call()).rejects.toThrow(
        /set adminKey to the app's Admin key under \[App Keys\]/,
      );
    }
    expect(() => noAdmin.iterateUserIds()).toThrow(KakaoConfigError);
    expect(stub.requests).toHaveLength(0);
  });

  it('getUsers encodes target_ids as a JSON array of Longs and enforces Kakao limits', async () => {
    stub.handler = () => ({ body: `{"elements":[{"id":${BIG_ID}},{"id":42}]}` });
    const users = await client.getUsers([BIG_ID, 42], { propertyKeys: ['kakao_account.email'] });
    expect(users.elements.map((u) => u.id)).toEqual([BIG_ID, '42']);
    const [req] = stub.requests;
    expect(req.query.get('target_id_type')).toBe('user_id');
    expect(req.query.get('target_ids')).toBe(`[${BIG_ID},42]`);
    expect(req.query.get('property_keys')).toBe('["kakao_account.email"]');

    const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
    await expect(client.getUsers(ids(101))).rejects.toThrow(/at most 100 ids/);
    await expect(
      client.getUsers(ids(21), { propertyKeys: ['kakao_account.email'] }),
    ).rejects.toThrow(/at most 20 ids per call with propertyKeys/);
    await expect(client.getUsers([])).rejects.toThrow(TypeError);
    await expect(client.getUsers(ids(100))).resolves.toBeDefined();
  });

  it('getUsers accepts a bare array answer too', async () => {
    stub.handler = () => ({ body: `[{"id":${BIG_ID}}]` });
    await expect(client.getUsers([BIG_ID])).resolves.toEqual({ elements: [{ id: BIG_ID }] });
  });

  it('encodes scopes, tags and properties as Kakao expects', async () => {
    stub.handler = (req) => {
      if (req.path.includes('scopes')) return { body: { id: 1, scopes: [] } };
      if (req.path.includes('revoke/service_terms'))
        return { body: { id: 1, revoked_service_terms: [] } };
      if (req.path.includes('service_terms')) return { body: { id: 1, service_terms: [] } };
      return { body: { id: 1 } };
    };
    await client.getScopes(TOKEN, { scopes: ['account_email', 'friends'] });
    await client.revokeScopes(TOKEN, ['account_email']);
    await client.getServiceTerms(TOKEN, { result: 'app_service_terms', tags: ['a', 'b'] });
    await client.revokeServiceTerms(TOKEN, ['a', 'b']);
    await client.updateProfile(TOKEN, { clothing_size: 'M' });
    await client.signup(TOKEN);
    const [scopes, revoke, terms, revokeTerms, update, signup] = stub.requests;
    expect(scopes.query.get('scopes')).toBe('["account_email","friends"]');
    expect(revoke.body).toBe(`scopes=${encodeURIComponent('["account_email"]')}`);
    expect(terms.query.toString()).toBe('result=app_service_terms&tags=a%2Cb');
    expect(revokeTerms.body).toBe('tags=a%2Cb');
    expect(update.body).toBe(`properties=${encodeURIComponent('{"clothing_size":"M"}')}`);
    expect(signup).toMatchObject({ method: 'POST', path: '/v1/user/signup', body: '' });
    expect(signup.headers['content-length']).toBe('0');
  });

  it('getShippingAddresses sends the paging params and keeps address ids exact', async () => {
    stub.handler = () => ({
      body: `{"user_id":${BIG_ID},"shipping_addresses_needs_agreement":false,"shipping_addresses":[{"id":9007199254740993,"is_default":true}]}`,
    });
    const page = await client.getShippingAddresses(TOKEN, {
      fromUpdatedAt: 1700000000,
      pageSize: 2,
    });
    expect(page.user_id).toBe(BIG_ID);
    expect(page.shipping_addresses?.[0].id).toBe('9007199254740993');
    expect(stub.requests[0].query.toString()).toBe('from_updated_at=1700000000&page_size=2');
    await expect(client.getShippingAddresses(TOKEN, { pageSize: 1 })).rejects.toThrow(RangeError);
  });

  it('getUserIds validates limit and order', async () => {
    stub.handler = () => ({
      body: `{"elements":[${BIG_ID},5],"before_url":null,"after_url":null}`,
    });
    await expect(
      client.getUserIds({ limit: 2, order: 'desc', fromId: '3' }),
    ).resolves.toMatchObject({
      elements: [BIG_ID, '5'],
    });
    expect(stub.requests[0].query.toString()).toBe('limit=2&from_id=3&order=desc');
    await expect(client.getUserIds({ limit: 101 })).rejects.toThrow(/1–100/);
    await expect(client.getUserIds({ order: 'up' as 'asc' })).rejects.toThrow(TypeError);
  });

  it('accountLogoutURL builds the Kakao Account logout URL', () => {
    const url = new URL(
      client.accountLogoutURL({ logoutRedirectURI: 'https://app.example/bye', state: 's 1' }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${stub.base}/oauth/logout`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'rest-key',
      logout_redirect_uri: 'https://app.example/bye',
      state: 's 1',
    });
    expect(() => client.accountLogoutURL({ logoutRedirectURI: '/bye' })).toThrow(/absolute/);
  });

  it('refuses a malformed token without sending it or echoing it', async () => {
    const bad = 'tok en\r\nx-evil: 1';
    const err = (await client.getUser(bad).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message).not.toContain('tok en');
    expect(stub.requests).toHaveLength(0);
  });

  it('maps a -402 with its required scopes', async () => {
    stub.handler = () => ({
      status: 403,
      body: {
        code: -402,
        msg: 'insufficient scopes.',
        required_scopes: ['account_email'],
        api_type: 'USER_ME',
      },
    });
    const err = await client.getUser(TOKEN).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KakaoApiError);
    expect(err).toMatchObject({ code: -402, status: 403, requiredScopes: ['account_email'] });
  });

  it('never shows its secrets through JSON.stringify or inspect', () => {
    for (const text of [
      JSON.stringify(client),
      inspect(client, { depth: 10, showHidden: true }),
      String(client),
    ]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(ADMIN);
    }
  });
});
