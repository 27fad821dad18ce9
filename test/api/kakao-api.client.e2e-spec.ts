import { KakaoApiClient } from '../../src/passport';
import {
  KakaoApiError,
  KakaoAuthError,
  KakaoConfigError,
  KakaoResponseError,
} from '../../src/errors';
import {
  BIG_USER,
  CLIENT_SECRET,
  clientFor,
  freshUser,
  header,
  only,
  rejection,
  startApiFixture,
  tokensFor,
  USER,
  type ApiFixture,
} from './api-e2e.helpers';

const FORM = 'application/x-www-form-urlencoded;charset=utf-8';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Every KakaoApiClient method against the emulator over real HTTP: the request Kakao receives and the typed result. */
describe('KakaoApiClient against the Kakao emulator', () => {
  let f: ApiFixture;

  beforeAll(async () => {
    f = await startApiFixture({
      autoLink: true,
      userPropertyKeys: ['clothing_size', 'membership'],
      logoutRedirectURIs: ['http://127.0.0.1:3000/bye'],
    });
  });
  afterAll(() => f.kakao.stop());
  beforeEach(() => {
    f.kakao.clearRequests();
    f.kakao.faults.clear();
  });

  describe('getUser', () => {
    it('sends GET /v2/user/me with the bearer header, secure_resource and property_keys; ids exact', async () => {
      const { access_token } = tokensFor(f.kakao, BIG_USER);
      const user = await f.client.getUser(access_token, {
        propertyKeys: ['kakao_account.profile', 'kakao_account.email'],
      });
      const req = only(f.kakao, 'GET /v2/user/me');
      expect(header(req, 'authorization')).toBe(`Bearer ${access_token}`);
      expect(req.query).toEqual({
        secure_resource: 'true',
        property_keys: '["kakao_account.profile","kakao_account.email"]',
      });
      expect(JSON.stringify(req.query)).not.toContain(access_token);
      expect(f.kakao.queryTokenRequests).toBe(0);
      expect(user.id).toBe(BIG_USER);
      expect(user.kakao_account?.profile?.nickname).toBe('이서연');
      expect(user.kakao_account?.profile?.profile_image_url).toMatch(/^https:\/\//);
    });

    it('gives http image URLs with secureResource: false', async () => {
      const { access_token } = tokensFor(f.kakao, USER);
      const user = await f.client.getUser(access_token, { secureResource: false });
      expect(only(f.kakao, 'GET /v2/user/me').query.secure_resource).toBe('false');
      expect(user.kakao_account?.profile?.profile_image_url).toMatch(/^http:\/\//);
    });

    it('maps an unknown token to KakaoApiError -401', async () => {
      const err = await rejection(f.client.getUser('not-a-token'));
      expect(err).toBeInstanceOf(KakaoApiError);
      expect(err).toMatchObject({ code: -401, status: 401 });
    });
  });

  describe('getProfile', () => {
    it("normalizes the user, keeping Kakao's exact text", async () => {
      const { access_token } = tokensFor(f.kakao, BIG_USER);
      const profile = await f.client.getProfile(access_token);
      expect(header(only(f.kakao, 'GET /v2/user/me'), 'authorization')).toBe(
        `Bearer ${access_token}`,
      );
      expect(profile).toMatchObject({
        provider: 'kakao',
        id: BIG_USER,
        displayName: '이서연',
        source: 'user_me',
      });
      expect(profile._raw).toContain(`"id":${BIG_USER}`);
    });

    it('turns an HTML 502 into KakaoResponseError', async () => {
      f.kakao.faults.set('GET /v2/user/me', { htmlError: true, times: 2 });
      const err = await rejection(f.client.getProfile(tokensFor(f.kakao, USER).access_token));
      expect(err).toBeInstanceOf(KakaoResponseError);
      expect(err).toMatchObject({ status: 502, problem: 'unexpected' });
    });
  });

  describe('getTokenInfo', () => {
    it('sends GET /v1/user/access_token_info and types the answer', async () => {
      const { access_token } = tokensFor(f.kakao, BIG_USER);
      const info = await f.client.getTokenInfo(access_token);
      expect(header(only(f.kakao, 'GET /v1/user/access_token_info'), 'authorization')).toBe(
        `Bearer ${access_token}`,
      );
      expect(info.id).toBe(BIG_USER);
      expect(info.app_id).toBe(Number(f.kakao.appId));
      expect(info.expires_in).toBeGreaterThan(0);
    });

    it('reports an expired token as -401', async () => {
      const { access_token } = tokensFor(f.kakao, USER);
      f.kakao.advanceClock(7 * HOUR);
      const err = await rejection(f.client.getTokenInfo(access_token));
      expect(err).toMatchObject({ code: -401, msg: 'this access token is already expired' });
    });
  });

  describe('getOidcUserInfo', () => {
    it('sends GET /v1/oidc/userinfo and returns sub as a string', async () => {
      const { access_token } = tokensFor(f.kakao, BIG_USER, true);
      const info = await f.client.getOidcUserInfo(access_token);
      expect(header(only(f.kakao, 'GET /v1/oidc/userinfo'), 'authorization')).toBe(
        `Bearer ${access_token}`,
      );
      expect(info).toMatchObject({ sub: BIG_USER, nickname: '이서연', email_verified: true });
    });

    it('gives -402 with required_scopes openid for a token without openid', async () => {
      const err = await rejection(f.client.getOidcUserInfo(tokensFor(f.kakao, USER).access_token));
      expect(err).toMatchObject({ code: -402, status: 403, requiredScopes: ['openid'] });
    });
  });

  describe('refreshTokens', () => {
    it('posts grant_type=refresh_token with client_id and client_secret; no rotation early on', async () => {
      const issued = tokensFor(f.kakao, USER);
      const result = await f.client.refreshTokens(issued.refresh_token as string);
      const req = only(f.kakao, 'POST /oauth/token');
      expect(header(req, 'content-type')).toBe(FORM);
      expect(header(req, 'authorization')).toBeUndefined();
      expect(req.form).toEqual({
        grant_type: 'refresh_token',
        client_id: f.kakao.clientID,
        refresh_token: issued.refresh_token,
        client_secret: CLIENT_SECRET,
      });
      expect(result).toMatchObject({ tokenType: 'bearer', rotated: false });
      expect(result.refreshToken).toBeUndefined();
      expect(result.accessToken).not.toBe(issued.access_token);
      expect(result.expiresAt.getTime()).toBeGreaterThan(
        Date.now() + result.expiresIn * 1000 - 5000,
      );
      await expect(f.client.getUser(result.accessToken)).resolves.toMatchObject({ id: USER });
    });

    it('reports the rotated refresh token when less than a month is left, and the old one dies', async () => {
      const issued = tokensFor(f.kakao, USER, true);
      f.kakao.advanceClock(31 * DAY);
      const result = await f.client.refreshTokens(issued.refresh_token as string);
      expect(result.rotated).toBe(true);
      expect(result.refreshToken).toEqual(expect.any(String));
      expect(result.refreshToken).not.toBe(issued.refresh_token);
      expect(result.refreshTokenExpiresIn).toBeGreaterThan(30 * 86400);
      expect(result.refreshTokenExpiresAt).toBeInstanceOf(Date);
      expect(result.idToken).toEqual(expect.any(String));
      const err = await rejection(f.client.refreshTokens(issued.refresh_token as string));
      expect(err).toBeInstanceOf(KakaoAuthError);
      expect(err).toMatchObject({ errorCode: 'KOE322', status: 400 });
    });

    it('without clientSecret sends no client_secret key, and Kakao answers KOE010', async () => {
      const noSecret = clientFor(f.kakao, { clientSecret: undefined });
      const issued = tokensFor(f.kakao, USER);
      const err = await rejection(noSecret.refreshTokens(issued.refresh_token as string));
      expect(only(f.kakao, 'POST /oauth/token').form).not.toHaveProperty('client_secret');
      expect(only(f.kakao, 'POST /oauth/token').body).not.toContain('client_secret');
      expect(err).toBeInstanceOf(KakaoAuthError);
      expect(err).toMatchObject({ errorCode: 'KOE010' });
    });
  });

  describe('logout and unlink (access token)', () => {
    it('logout posts an empty form with the bearer and kills the tokens', async () => {
      const id = freshUser(f.kakao);
      const { access_token } = tokensFor(f.kakao, id);
      await expect(f.client.logout(access_token)).resolves.toEqual({ id });
      const req = only(f.kakao, 'POST /v1/user/logout');
      expect(header(req, 'authorization')).toBe(`Bearer ${access_token}`);
      expect(header(req, 'content-type')).toBe(FORM);
      expect(req.body).toBe('');
      const err = await rejection(f.client.logout(access_token));
      expect(err).toMatchObject({ code: -401 });
    });

    it('unlink posts with the bearer, unlinks the user; a second unlink is -401', async () => {
      const id = freshUser(f.kakao);
      const { access_token } = tokensFor(f.kakao, id);
      await expect(f.client.unlink(access_token)).resolves.toEqual({ id });
      const req = only(f.kakao, 'POST /v1/user/unlink');
      expect(header(req, 'authorization')).toBe(`Bearer ${access_token}`);
      expect(req.body).toBe('');
      expect(f.kakao.user(id).linked).toBe(false);
      await expect(f.client.unlink(access_token)).rejects.toMatchObject({ code: -401 });
    });
  });

  describe('logoutUser and unlinkUser (admin key)', () => {
    it('logoutUser sends KakaoAK and target_id_type=user_id&target_id, for a 19-digit id', async () => {
      const { access_token } = tokensFor(f.kakao, BIG_USER);
      await expect(f.client.logoutUser(BIG_USER)).resolves.toEqual({ id: BIG_USER });
      const req = only(f.kakao, 'POST /v1/user/logout');
      expect(header(req, 'authorization')).toBe(`KakaoAK ${f.kakao.adminKey}`);
      expect(header(req, 'content-type')).toBe(FORM);
      expect(req.body).toBe(`target_id_type=user_id&target_id=${BIG_USER}`);
      await expect(f.client.getUser(access_token)).rejects.toMatchObject({ code: -401 });
    });

    it('unlinkUser unlinks by id; an unlinked user is -101, a wrong admin key -401', async () => {
      const id = freshUser(f.kakao);
      await expect(f.client.unlinkUser(id)).resolves.toEqual({ id });
      const req = only(f.kakao, 'POST /v1/user/unlink');
      expect(header(req, 'authorization')).toBe(`KakaoAK ${f.kakao.adminKey}`);
      expect(req.form).toEqual({ target_id_type: 'user_id', target_id: id });
      expect(f.kakao.user(id).linked).toBe(false);
      await expect(f.client.unlinkUser(id)).rejects.toMatchObject({ code: -101, status: 400 });
      const wrongKey = clientFor(f.kakao, { adminKey: 'wrong-admin-key' });
      await expect(wrongKey.logoutUser(USER)).rejects.toMatchObject({ code: -401 });
    });

    it('without adminKey throws KakaoConfigError and sends nothing', async () => {
      const noAdmin = clientFor(f.kakao, { adminKey: undefined });
      await expect(noAdmin.unlinkUser(USER)).rejects.toThrow(KakaoConfigError);
      expect(f.kakao.requests).toHaveLength(0);
    });
  });

  describe('scopes', () => {
    it('getScopes sends scopes as a JSON array and types each item', async () => {
      const { access_token } = tokensFor(f.kakao, USER);
      const result = await f.client.getScopes(access_token, {
        scopes: ['account_email', 'profile_nickname'],
      });
      const req = only(f.kakao, 'GET /v2/user/scopes');
      expect(req.query).toEqual({ scopes: '["account_email","profile_nickname"]' });
      expect(header(req, 'authorization')).toBe(`Bearer ${access_token}`);
      expect(result.id).toBe(USER);
      expect(result.scopes).toEqual([
        expect.objectContaining({
          id: 'profile_nickname',
          display_name: '닉네임',
          type: 'PRIVACY',
          using: true,
          agreed: true,
          revocable: false,
        }),
        expect.objectContaining({ id: 'account_email', agreed: true, revocable: true }),
      ]);
    });

    it('getScopes with a dead token is -401', async () => {
      await expect(f.client.getScopes('dead')).rejects.toMatchObject({ code: -401 });
    });

    it('revokeScopes posts scopes=["…"] and returns the new state; a required item is -3', async () => {
      const id = freshUser(f.kakao, ['profile_nickname', 'account_email', 'gender']);
      const { access_token } = tokensFor(f.kakao, id);
      const result = await f.client.revokeScopes(access_token, ['gender']);
      const req = only(f.kakao, 'POST /v2/user/revoke/scopes');
      expect(header(req, 'content-type')).toBe(FORM);
      expect(req.body).toBe(`scopes=${encodeURIComponent('["gender"]')}`);
      expect(result.id).toBe(id);
      expect(result.scopes.find((s) => s.id === 'gender')?.agreed).toBe(false);
      const err = await rejection(f.client.revokeScopes(access_token, ['profile_nickname']));
      expect(err).toBeInstanceOf(KakaoApiError);
      expect(err).toMatchObject({ code: -3, status: 403 });
      await expect(f.client.revokeScopes(access_token, ['no_such_item'])).rejects.toMatchObject({
        code: -2,
      });
    });
  });

  describe('service terms', () => {
    it('getServiceTerms sends result and comma-joined tags', async () => {
      const id = f.kakao.addUser({ agreedServiceTerms: ['service_terms_2024'] }).id;
      const { access_token } = tokensFor(f.kakao, id);
      const agreed = await f.client.getServiceTerms(access_token);
      expect(only(f.kakao, 'GET /v2/user/service_terms').query).toEqual({});
      expect(agreed.id).toBe(id);
      expect(agreed.service_terms).toEqual([
        expect.objectContaining({
          tag: 'service_terms_2024',
          required: true,
          agreed: true,
          revocable: false,
          agreed_by: 'KAUTH',
          agreed_at: expect.stringMatching(/Z$/),
        }),
      ]);
      f.kakao.clearRequests();
      const all = await f.client.getServiceTerms(access_token, {
        result: 'app_service_terms',
        tags: ['service_terms_2024', 'marketing_2024'],
      });
      expect(only(f.kakao, 'GET /v2/user/service_terms').query).toEqual({
        result: 'app_service_terms',
        tags: 'service_terms_2024,marketing_2024',
      });
      expect(all.service_terms.map((t) => [t.tag, t.agreed])).toEqual([
        ['service_terms_2024', true],
        ['marketing_2024', false],
      ]);
      await expect(
        f.client.getServiceTerms(access_token, { tags: ['unknown_tag'] }),
      ).rejects.toMatchObject({ code: -2 });
    });

    it('upgradeServiceTerms then revokeServiceTerms post tags=a,b; a required tag is -3', async () => {
      const id = freshUser(f.kakao);
      const { access_token } = tokensFor(f.kakao, id);
      const upgraded = await f.client.upgradeServiceTerms(access_token, ['marketing_2024']);
      expect(only(f.kakao, 'POST /v2/user/upgrade/service_terms').body).toBe('tags=marketing_2024');
      expect(upgraded).toMatchObject({
        id,
        agreed_service_terms: [
          expect.objectContaining({ tag: 'marketing_2024', agreed: true, agreed_by: 'KAPI' }),
        ],
      });
      const revoked = await f.client.revokeServiceTerms(access_token, ['marketing_2024']);
      const req = only(f.kakao, 'POST /v2/user/revoke/service_terms');
      expect(header(req, 'content-type')).toBe(FORM);
      expect(req.form).toEqual({ tags: 'marketing_2024' });
      expect(revoked).toEqual({
        id,
        revoked_service_terms: [{ tag: 'marketing_2024', agreed: false }],
      });
      await expect(
        f.client.revokeServiceTerms(access_token, ['service_terms_2024']),
      ).rejects.toMatchObject({ code: -3 });
      await expect(f.client.upgradeServiceTerms(access_token, ['nope'])).rejects.toMatchObject({
        code: -2,
      });
    });
  });

  describe('updateProfile and signup', () => {
    it('updateProfile posts properties as JSON; an unregistered key is -201', async () => {
      const id = freshUser(f.kakao);
      const { access_token } = tokensFor(f.kakao, id);
      await expect(
        f.client.updateProfile(access_token, { clothing_size: 'M', membership: '골드' }),
      ).resolves.toEqual({ id });
      const req = only(f.kakao, 'POST /v1/user/update_profile');
      expect(header(req, 'content-type')).toBe(FORM);
      expect(req.form).toEqual({ properties: '{"clothing_size":"M","membership":"골드"}' });
      expect((await f.client.getUser(access_token)).properties).toMatchObject({
        clothing_size: 'M',
        membership: '골드',
      });
      const err = await rejection(f.client.updateProfile(access_token, { shoe_size: '270' }));
      expect(err).toMatchObject({ code: -201, status: 400 });
    });

    it('signup with auto-link on is -102 (already registered)', async () => {
      const { access_token } = tokensFor(f.kakao, USER);
      const err = await rejection(f.client.signup(access_token));
      const req = only(f.kakao, 'POST /v1/user/signup');
      expect(header(req, 'authorization')).toBe(`Bearer ${access_token}`);
      expect(req.body).toBe('');
      expect(err).toMatchObject({ code: -102, status: 400 });
    });
  });

  describe('signup with auto-link off', () => {
    it('posts the properties and links the user; a second signup is -102', async () => {
      const manual = await startApiFixture({ autoLink: false });
      try {
        const id = manual.kakao.addUser({ nickname: '가입대기', linked: false }).id;
        const { access_token } = tokensFor(manual.kakao, id);
        expect(manual.kakao.user(id).hasSignedUp).toBe(false);
        manual.kakao.clearRequests();
        await expect(manual.client.signup(access_token, { clothing_size: 'L' })).resolves.toEqual({
          id,
        });
        const req = only(manual.kakao, 'POST /v1/user/signup');
        expect(header(req, 'authorization')).toBe(`Bearer ${access_token}`);
        expect(header(req, 'content-type')).toBe(FORM);
        expect(req.form).toEqual({ properties: '{"clothing_size":"L"}' });
        expect(manual.kakao.user(id)).toMatchObject({
          hasSignedUp: true,
          properties: { clothing_size: 'L' },
        });
        expect((await manual.client.getUser(access_token)).has_signed_up).toBe(true);
        await expect(manual.client.signup(access_token)).rejects.toMatchObject({ code: -102 });
      } finally {
        await manual.kakao.stop();
      }
    });
  });

  describe('shipping addresses', () => {
    it('getShippingAddresses sends page_size and from_updated_at; ids are strings', async () => {
      const { access_token } = tokensFor(f.kakao, USER);
      const page = await f.client.getShippingAddresses(access_token, { pageSize: 2 });
      expect(only(f.kakao, 'GET /v1/user/shipping_address').query).toEqual({ page_size: '2' });
      expect(page.user_id).toBe(USER);
      expect(page.shipping_addresses_needs_agreement).toBe(false);
      expect(page.shipping_addresses).toEqual([
        expect.objectContaining({
          id: '5001',
          name: '집',
          is_default: true,
          type: 'NEW',
          zone_number: '06236',
        }),
        expect.objectContaining({
          id: '5002',
          is_default: false,
          receiver_phone_number2: '031-123-4567',
        }),
      ]);
      f.kakao.clearRequests();
      const one = await f.client.getShippingAddresses(access_token, { addressId: '5002' });
      expect(only(f.kakao, 'GET /v1/user/shipping_address').query).toEqual({ address_id: '5002' });
      expect(one.shipping_addresses?.map((a) => a.id)).toEqual(['5002']);
    });

    it('iterateShippingAddresses walks every page', async () => {
      const addresses = Array.from({ length: 5 }, (_, i) => ({
        id: 7000 + i,
        isDefault: i === 2,
        updatedAt: 1700000000 + i * 1000,
        type: 'NEW' as const,
        baseAddress: `서울 ${i}`,
        detailAddress: `${i}호`,
        receiverName: '테스트',
        receiverPhoneNumber1: '010-0000-0000',
      }));
      const id = f.kakao.addUser({
        agreedScopes: ['profile_nickname', 'shipping_address'],
        shippingAddresses: addresses,
      }).id;
      const { access_token } = tokensFor(f.kakao, id);
      const seen: string[] = [];
      for await (const address of f.client.iterateShippingAddresses(access_token, {
        pageSize: 2,
      })) {
        seen.push(address.id);
      }
      expect(seen).toEqual(['7002', '7004', '7003', '7001', '7000']);
      expect(f.kakao.requests.map((r) => r.query.from_updated_at)).toEqual([
        undefined,
        '1700004000',
        '1700001000',
      ]);
    });

    it('without consent only the needs_agreement flag comes back; a dead token is -401', async () => {
      const page = await f.client.getShippingAddresses(tokensFor(f.kakao, BIG_USER).access_token);
      expect(page).toEqual({ user_id: BIG_USER, shipping_addresses_needs_agreement: true });
      await expect(f.client.getShippingAddresses('dead')).rejects.toMatchObject({ code: -401 });
    });
  });

  describe('getUserIds and getUsers (admin key)', () => {
    it('getUserIds sends limit, from_id and order with KakaoAK; iterateUserIds pages through all', async () => {
      const page = await f.client.getUserIds({ limit: 2, order: 'asc' });
      const req = only(f.kakao, 'GET /v1/user/ids');
      expect(header(req, 'authorization')).toBe(`KakaoAK ${f.kakao.adminKey}`);
      expect(req.query).toEqual({ limit: '2', order: 'asc' });
      expect(page.elements).toHaveLength(2);
      expect(page.elements.every((id) => typeof id === 'string')).toBe(true);
      expect(page.after_url).toEqual(expect.stringContaining('from_id='));

      const all: string[] = [];
      for await (const id of f.client.iterateUserIds({ limit: 2 })) all.push(id);
      const linked = f.kakao.users.filter((u) => u.linked).map((u) => u.id);
      expect([...all].sort()).toEqual([...linked].sort());
      expect(all).toContain(BIG_USER);
      expect(new Set(all).size).toBe(all.length);
    });

    it('getUserIds over the quota is -10 (429), retryable', async () => {
      const limited = await startApiFixture({ rateLimit: { userIdsPerMinute: 1 } });
      try {
        await limited.client.getUserIds();
        const err = await rejection(limited.client.getUserIds());
        expect(err).toBeInstanceOf(KakaoApiError);
        expect(err).toMatchObject({ code: -10, status: 429, retryable: true });
      } finally {
        await limited.kakao.stop();
      }
    });

    it('getUsers sends target_ids as a JSON array of Longs and property_keys', async () => {
      const result = await f.client.getUsers([BIG_USER, USER], {
        propertyKeys: ['kakao_account.profile'],
      });
      const req = only(f.kakao, 'GET /v2/app/users');
      expect(header(req, 'authorization')).toBe(`KakaoAK ${f.kakao.adminKey}`);
      expect(req.query).toEqual({
        target_id_type: 'user_id',
        target_ids: `[${BIG_USER},${USER}]`,
        property_keys: '["kakao_account.profile"]',
      });
      expect(result.elements.map((u) => u.id)).toEqual([BIG_USER, USER]);
      expect(result.elements[0].kakao_account?.profile?.nickname).toBe('이서연');
    });

    it('getUsers refuses 21 ids with propertyKeys before sending; a wrong admin key is -401', async () => {
      const ids = Array.from({ length: 21 }, () => USER);
      await expect(
        f.client.getUsers(ids, { propertyKeys: ['kakao_account.email'] }),
      ).rejects.toThrow(/at most 20 ids/);
      expect(f.kakao.requests).toHaveLength(0);
      const wrongKey = clientFor(f.kakao, { adminKey: 'wrong-admin-key' });
      await expect(wrongKey.getUsers([USER])).rejects.toMatchObject({ code: -401 });
    });
  });

  describe('accountLogoutURL', () => {
    it('builds the URL Kakao redirects from, with state', async () => {
      const url = f.client.accountLogoutURL({
        logoutRedirectURI: 'http://127.0.0.1:3000/bye',
        state: 'after-logout',
      });
      expect(url.startsWith(`${f.kakao.authBaseURL}/oauth/logout?`)).toBe(true);
      const res = await fetch(url, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('http://127.0.0.1:3000/bye?state=after-logout');
    });

    it('an unregistered logout redirect URI gets KOE007 from Kakao', async () => {
      const res = await fetch(
        f.client.accountLogoutURL({ logoutRedirectURI: 'http://127.0.0.1:3000/elsewhere' }),
        { redirect: 'manual' },
      );
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('KOE007');
    });
  });

  it('a client for a wrong clientID gets KOE101 on refresh', async () => {
    const wrong = new KakaoApiClient({
      clientID: 'not-this-app',
      authBaseURL: f.kakao.authBaseURL,
      apiBaseURL: f.kakao.apiBaseURL,
    });
    const err = await rejection(
      wrong.refreshTokens(tokensFor(f.kakao, USER).refresh_token as string),
    );
    expect(err).toBeInstanceOf(KakaoAuthError);
    expect((err as KakaoAuthError).errorCode).toMatch(/^KOE(101|010)$/);
  });
});
