import { KakaoEmulator } from '../../src/testing';
import { call, postForm } from '../support/emulator-calls';

const BIG_ID = '1376016924426111111';

describe('KakaoEmulator kapi user APIs', () => {
  let kakao: KakaoEmulator;

  beforeEach(async () => {
    kakao = await KakaoEmulator.start();
  });

  afterEach(async () => {
    await kakao.stop();
  });

  const api = (path: string) => `${kakao.apiBaseURL}${path}`;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const admin = { authorization: `KakaoAK emulator-admin-key` };
  const tokenOf = (userId: string, scopes?: string[]) =>
    kakao.issueTokens(userId, { scopes }).access_token;

  describe('/v2/user/me', () => {
    it('returns Kakao’s shape for a fully consented user, with http:// images by default', async () => {
      const answer = await call(api('/v2/user/me'), { headers: bearer(tokenOf('4012345678')) });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/json;charset=UTF-8');
      const body = answer.json();
      expect(body).toMatchObject({
        id: 4012345678,
        connected_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        properties: { nickname: '김민준' },
      });
      expect(body.kakao_account).toEqual({
        profile_nickname_needs_agreement: false,
        profile_image_needs_agreement: false,
        profile: {
          nickname: '김민준',
          is_default_nickname: false,
          thumbnail_image_url: expect.stringMatching(/^http:\/\/k\.kakaocdn\.net\/.+110x110\.jpg$/),
          profile_image_url: expect.stringMatching(/^http:\/\/k\.kakaocdn\.net\/.+640x640\.jpg$/),
          is_default_image: false,
        },
        name_needs_agreement: false,
        name: '김민준',
        email_needs_agreement: false,
        is_email_valid: true,
        is_email_verified: true,
        email: 'minjun.kim@example.com',
        age_range_needs_agreement: false,
        age_range: '30~39',
        birthyear_needs_agreement: false,
        birthyear: '1991',
        birthday_needs_agreement: false,
        birthday: '0415',
        birthday_type: 'SOLAR',
        is_leap_month: false,
        gender_needs_agreement: false,
        gender: 'male',
        phone_number_needs_agreement: false,
        phone_number: '+82 10-2345-6789',
      });
      expect(body).not.toHaveProperty('has_signed_up');
    });

    it('secure_resource=true gives https:// image URLs; POST with a form body works too', async () => {
      const token = tokenOf('4012345678');
      const body = (
        await postForm(api('/v2/user/me'), { secure_resource: 'true' }, bearer(token))
      ).json();
      const profile = (body.kakao_account as { profile: Record<string, string> }).profile;
      expect(profile.profile_image_url).toMatch(/^https:\/\//);
      expect(profile.thumbnail_image_url).toMatch(/^https:\/\//);
    });

    it('writes a 19-digit id as a bare JSON number, exactly', async () => {
      const answer = await call(api('/v2/user/me'), { headers: bearer(tokenOf(BIG_ID)) });
      expect(answer.text).toMatch(new RegExp(`^\\{"id":${BIG_ID},`));
      expect(answer.text).not.toContain(`"${BIG_ID}"`);
    });

    it('leaves out what was not agreed and flags it with *_needs_agreement: true', async () => {
      // 박지호: nickname and image agreed, no email at all, gender and age range not agreed.
      const body = (
        await call(api('/v2/user/me'), { headers: bearer(tokenOf('4023456789')) })
      ).json();
      const account = body.kakao_account as Record<string, unknown>;
      expect(account).toMatchObject({
        gender_needs_agreement: true,
        age_range_needs_agreement: true,
        profile: { is_default_image: true },
      });
      expect(account).not.toHaveProperty('gender');
      expect(account).not.toHaveProperty('age_range');
      expect(account).not.toHaveProperty('email');
      expect(account).not.toHaveProperty('email_needs_agreement');
    });

    it('property_keys selects fields; "kakao_account." selects all children', async () => {
      const token = tokenOf('4012345678');
      const only = (
        await call(
          api(`/v2/user/me?property_keys=${encodeURIComponent('["kakao_account.email"]')}`),
          {
            headers: bearer(token),
          },
        )
      ).json();
      expect(only.kakao_account).toEqual({
        email_needs_agreement: false,
        is_email_valid: true,
        is_email_verified: true,
        email: 'minjun.kim@example.com',
      });
      expect(only).not.toHaveProperty('properties');
      const all = (
        await postForm(api('/v2/user/me'), { property_keys: '["kakao_account."]' }, bearer(token))
      ).json();
      expect(Object.keys(all.kakao_account as object)).toContain('phone_number');
      expect(all).not.toHaveProperty('properties');
      const bad = await call(api('/v2/user/me?property_keys=kakao_account.email'), {
        headers: bearer(token),
      });
      expect(bad.status).toBe(400);
      expect(bad.json()).toMatchObject({ code: -2 });
    });

    it('takes the admin key with target_id_type=user_id and target_id', async () => {
      const answer = await call(api(`/v2/user/me?target_id_type=user_id&target_id=${BIG_ID}`), {
        headers: admin,
      });
      expect(answer.status).toBe(200);
      expect(answer.text).toContain(`"id":${BIG_ID}`);
      const missing = await call(api('/v2/user/me'), { headers: admin });
      expect(missing.json()).toMatchObject({ code: -2 });
      const unlinked = await call(api('/v2/user/me?target_id_type=user_id&target_id=4056789012'), {
        headers: admin,
      });
      expect(unlinked.status).toBe(400);
      expect(unlinked.json()).toMatchObject({ code: -101 });
      const wrongKey = await call(api(`/v2/user/me?target_id_type=user_id&target_id=${BIG_ID}`), {
        headers: { authorization: 'KakaoAK nope' },
      });
      expect(wrongKey.status).toBe(401);
      expect(wrongKey.json()).toMatchObject({ code: -401 });
    });

    it('rejects missing, unknown and expired tokens with -401 and WWW-Authenticate', async () => {
      const token = tokenOf('4012345678');
      for (const headers of [{}, bearer('not-a-token')]) {
        const answer = await call(api('/v2/user/me'), { headers });
        expect(answer.status).toBe(401);
        expect(answer.headers.get('www-authenticate')).toBe('Bearer error=invalid_token');
        expect(answer.json()).toEqual({ msg: 'this access token does not exist', code: -401 });
      }
      kakao.advanceClock(21600_000);
      const expired = await call(api('/v2/user/me'), { headers: bearer(token) });
      expect(expired.status).toBe(401);
      expect(expired.json()).toEqual({ msg: 'this access token is already expired', code: -401 });
    });

    it('still accepts ?access_token= (old clients) but counts it', async () => {
      const token = tokenOf('4012345678');
      expect(kakao.queryTokenRequests).toBe(0);
      const answer = await call(api(`/v2/user/me?access_token=${token}`));
      expect(answer.status).toBe(200);
      expect(kakao.queryTokenRequests).toBe(1);
      await call(api('/v2/user/me'), { headers: bearer(token) });
      expect(kakao.queryTokenRequests).toBe(1);
    });

    it('reports has_signed_up when auto-link is off', async () => {
      await kakao.stop();
      kakao = await KakaoEmulator.start({ autoLink: false });
      const token = tokenOf('4056789012');
      const me = async () => (await call(api('/v2/user/me'), { headers: bearer(token) })).json();
      expect((await me()).has_signed_up).toBe(false);
      const signup = await postForm(
        api('/v1/user/signup'),
        { properties: '{"clothing_size":"M"}' },
        bearer(token),
      );
      expect(signup.json()).toEqual({ id: 4056789012 });
      expect(await me()).toMatchObject({ has_signed_up: true, properties: { clothing_size: 'M' } });
      const again = await postForm(api('/v1/user/signup'), {}, bearer(token));
      expect(again.status).toBe(400);
      expect(again.json()).toEqual({ msg: 'already registered', code: -102 });
    });
  });

  it('/v1/user/access_token_info returns id, expires_in and app_id', async () => {
    await kakao.stop();
    kakao = await KakaoEmulator.start({ now: () => Date.UTC(2025, 0, 1) });
    const token = tokenOf(BIG_ID);
    kakao.advanceClock(1000_000);
    const answer = await call(api('/v1/user/access_token_info'), { headers: bearer(token) });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(`{"id":${BIG_ID},"expires_in":20599,"app_id":1000001}`);
  });

  it('/v1/user/logout kills the user’s tokens; the account stays linked', async () => {
    const tokens = kakao.issueTokens('4012345678');
    const answer = await postForm(api('/v1/user/logout'), {}, bearer(tokens.access_token));
    expect(answer.json()).toEqual({ id: 4012345678 });
    expect((await call(api('/v2/user/me'), { headers: bearer(tokens.access_token) })).status).toBe(
      401,
    );
    const refresh = await postForm(`${kakao.authBaseURL}/oauth/token`, {
      grant_type: 'refresh_token',
      client_id: kakao.clientID,
      refresh_token: tokens.refresh_token!,
    });
    expect(refresh.json()).toMatchObject({ error_code: 'KOE322' });
    expect(kakao.user('4012345678').linked).toBe(true);
  });

  it('/v1/user/unlink by token and by admin key unlinks and kills tokens', async () => {
    const tokens = kakao.issueTokens('4012345678');
    expect(
      (await postForm(api('/v1/user/unlink'), {}, bearer(tokens.access_token))).json(),
    ).toEqual({
      id: 4012345678,
    });
    expect(kakao.user('4012345678')).toMatchObject({ linked: false, agreedScopes: [] });
    expect((await call(api('/v2/user/me'), { headers: bearer(tokens.access_token) })).status).toBe(
      401,
    );

    const other = kakao.issueTokens(BIG_ID);
    const byAdmin = await postForm(
      api('/v1/user/unlink'),
      { target_id_type: 'user_id', target_id: BIG_ID },
      admin,
    );
    expect(byAdmin.text).toBe(`{"id":${BIG_ID}}`);
    expect((await call(api('/v2/user/me'), { headers: bearer(other.access_token) })).status).toBe(
      401,
    );
  });

  it('/v1/user/update_profile stores registered properties; unknown keys → -201', async () => {
    const token = tokenOf('4012345678');
    const ok = await postForm(
      api('/v1/user/update_profile'),
      { properties: '{"clothing_size":"L"}' },
      bearer(token),
    );
    expect(ok.json()).toEqual({ id: 4012345678 });
    const me = (await call(api('/v2/user/me'), { headers: bearer(token) })).json();
    expect(me.properties).toMatchObject({ clothing_size: 'L' });
    const bad = await postForm(
      api('/v1/user/update_profile'),
      { properties: '{"shoe":"270"}' },
      bearer(token),
    );
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ code: -201 });
  });

  it('/v1/user/signup with auto-link on → -102', async () => {
    const answer = await postForm(api('/v1/user/signup'), {}, bearer(tokenOf('4012345678')));
    expect(answer.json()).toEqual({ msg: 'already registered', code: -102 });
  });

  describe('/v1/user/shipping_address', () => {
    it('lists the default address first, then newest first', async () => {
      const answer = await call(api('/v1/user/shipping_address'), {
        headers: bearer(tokenOf('4012345678')),
      });
      const body = answer.json();
      expect(body).toMatchObject({
        user_id: 4012345678,
        shipping_addresses_needs_agreement: false,
      });
      const addresses = body.shipping_addresses as Array<Record<string, unknown>>;
      expect(addresses.map((a) => a.id)).toEqual([5001, 5002]);
      expect(addresses[0]).toMatchObject({
        is_default: true,
        type: 'NEW',
        base_address: '서울특별시 강남구 테헤란로 152',
        receiver_name: '김민준',
        zone_number: '06236',
      });
    });

    it('pages with page_size (min 2) and from_updated_at; address_id picks one', async () => {
      const user = kakao.user('4012345678');
      user.shippingAddresses.push(
        { ...user.shippingAddresses[1], id: 5003, updatedAt: 1720000000 },
        { ...user.shippingAddresses[1], id: 5004, updatedAt: 1690000000 },
      );
      const token = tokenOf(user.id);
      const page = async (query: string) =>
        (await call(api(`/v1/user/shipping_address?${query}`), { headers: bearer(token) })).json();
      const first = (await page('page_size=2')).shipping_addresses as Array<Record<string, number>>;
      expect(first.map((a) => a.id)).toEqual([5001, 5003]);
      const second = (await page(`page_size=2&from_updated_at=${first[1].updated_at}`))
        .shipping_addresses as Array<Record<string, number>>;
      expect(second.map((a) => a.id)).toEqual([5002, 5004]);
      expect(((await page('address_id=5002')).shipping_addresses as unknown[]).length).toBe(1);
      expect(await page('page_size=1')).toMatchObject({ code: -2 });
    });

    it('without consent only flags shipping_addresses_needs_agreement', async () => {
      const body = (
        await call(api('/v1/user/shipping_address'), { headers: bearer(tokenOf(BIG_ID)) })
      ).json();
      expect(body).toEqual({
        user_id: expect.any(Number),
        shipping_addresses_needs_agreement: true,
      });
    });
  });

  describe('/v1/oidc/userinfo', () => {
    it('returns the standard claims the user agreed to', async () => {
      const body = (
        await call(api('/v1/oidc/userinfo'), { headers: bearer(tokenOf('4012345678')) })
      ).json();
      expect(body).toEqual({
        sub: '4012345678',
        name: '김민준',
        nickname: '김민준',
        picture: expect.stringContaining('110x110'),
        email: 'minjun.kim@example.com',
        email_verified: true,
        gender: 'male',
        birthdate: '1991-04-15',
        phone_number: '+82 10-2345-6789',
        phone_number_verified: true,
      });
    });

    it('email_verified is false unless the email is both valid and verified', async () => {
      const token = tokenOf('4034567890', ['account_email']);
      const body = (await call(api('/v1/oidc/userinfo'), { headers: bearer(token) })).json();
      expect(body).toMatchObject({ email: 'yerin.choi@example.com', email_verified: false });
    });

    it('a token without openid → 403 -402 with required_scopes and allowed_scopes', async () => {
      const token = kakao.issueTokens('4012345678', { openid: false }).access_token;
      const answer = await call(api('/v1/oidc/userinfo'), { headers: bearer(token) });
      expect(answer.status).toBe(403);
      expect(answer.json()).toMatchObject({
        code: -402,
        required_scopes: ['openid'],
        allowed_scopes: expect.arrayContaining(['profile_nickname']),
      });
    });
  });
});
