import { KakaoEmulator } from '../../src/testing';
import { call } from '../support/emulator-calls';

const BIG_ID = '1376016924426111111';

describe('KakaoEmulator admin-key APIs', () => {
  let kakao: KakaoEmulator;

  beforeEach(async () => {
    kakao = await KakaoEmulator.start({ rateLimit: { userIdsPerMinute: 5 } });
  });

  afterEach(async () => {
    await kakao.stop();
  });

  const api = (path: string) => `${kakao.apiBaseURL}${path}`;
  const admin = { authorization: 'KakaoAK emulator-admin-key' };

  it('/v1/user/ids pages through linked users with bare-number ids', async () => {
    const first = await call(api('/v1/user/ids?limit=2'), { headers: admin });
    expect(first.status).toBe(200);
    expect(first.text).toContain(`"elements":[4012345678,4023456789]`);
    const body = first.json();
    expect(body.before_url).toBeNull();
    expect(body.after_url).toBe(
      `${kakao.apiBaseURL}/v1/user/ids?limit=2&order=asc&from_id=4023456789`,
    );
    const last = await call(String(body.after_url).replace('limit=2', 'limit=10'), {
      headers: admin,
    });
    expect(last.text).toContain(`"elements":[4034567890,4045678901,${BIG_ID}]`);
    expect(last.json().after_url).toBeNull();
    const desc = await call(api('/v1/user/ids?order=desc&limit=1'), { headers: admin });
    expect(desc.text).toContain(`"elements":[${BIG_ID}]`);
  });

  it('/v1/user/ids rejects bearer tokens and bad parameters, and limits to N calls a minute', async () => {
    const bearer = kakao.issueTokens('4012345678').access_token;
    const withBearer = await call(api('/v1/user/ids'), {
      headers: { authorization: `Bearer ${bearer}` },
    });
    expect(withBearer.status).toBe(401);
    expect(withBearer.json()).toMatchObject({ code: -401 });
    expect((await call(api('/v1/user/ids?limit=101'), { headers: admin })).json()).toMatchObject({
      code: -2,
    });
    // 5 a minute: the -2 call above counted as one
    for (let i = 0; i < 4; i += 1) await call(api('/v1/user/ids'), { headers: admin });
    const limited = await call(api('/v1/user/ids'), { headers: admin });
    expect(limited.status).toBe(429);
    expect(limited.json()).toEqual({ msg: 'API limit has been exceeded.', code: -10 });
    kakao.advanceClock(60_001);
    expect((await call(api('/v1/user/ids'), { headers: admin })).status).toBe(200);
  });

  it('/v2/app/users returns the linked users among target_ids', async () => {
    const ids = encodeURIComponent(`[${BIG_ID},4012345678,4056789012]`);
    const answer = await call(api(`/v2/app/users?target_id_type=user_id&target_ids=${ids}`), {
      headers: admin,
    });
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(new RegExp(`^\\{"elements":\\[\\{"id":${BIG_ID},`));
    const elements = answer.json().elements as Array<Record<string, unknown>>;
    expect(elements).toHaveLength(2); // 4056789012 is not linked
    expect(elements[1]).toMatchObject({ kakao_account: { email: 'minjun.kim@example.com' } });
  });

  it('/v2/app/users allows 100 ids, 20 with property_keys', async () => {
    const many = (n: number) =>
      encodeURIComponent(JSON.stringify(Array.from({ length: n }, (_, i) => 4012345678 + i)));
    const url = (n: number, extra = '') =>
      api(`/v2/app/users?target_id_type=user_id&target_ids=${many(n)}${extra}`);
    expect((await call(url(100), { headers: admin })).status).toBe(200);
    expect((await call(url(101), { headers: admin })).json()).toMatchObject({ code: -2 });
    const keys = `&property_keys=${encodeURIComponent('["kakao_account.email"]')}`;
    expect((await call(url(20, keys), { headers: admin })).status).toBe(200);
    expect((await call(url(21, keys), { headers: admin })).json()).toMatchObject({ code: -2 });
  });
});
