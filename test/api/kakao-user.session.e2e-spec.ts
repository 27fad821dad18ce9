import type { KakaoRefreshedTokens, KakaoUserTokens } from '../../src/passport';
import { KakaoApiError, KakaoAuthError } from '../../src/errors';
import {
  authorizeAndExchange,
  BIG_USER,
  clientFor,
  header,
  received,
  REDIRECT_URI,
  rejection,
  startApiFixture,
  tokensFor,
  USER,
  type ApiFixture,
} from './api-e2e.helpers';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A one-row token store with compare-and-set on the refresh token, as docs/api-client.md shows. */
class TokenRow {
  writes = 0;
  lostCas = 0;
  constructor(public tokens: KakaoUserTokens) {}

  onTokens = async (tokens: KakaoUserTokens, previous: KakaoUserTokens): Promise<void | false> => {
    if (this.tokens.refreshToken !== previous.refreshToken) {
      this.lostCas++;
      return false;
    }
    this.tokens = tokens;
    this.writes++;
  };

  loadTokens = async (): Promise<KakaoUserTokens> => ({ ...this.tokens });
}

function stored(issued: { access_token: string; refresh_token?: string }): KakaoUserTokens {
  return { accessToken: issued.access_token, refreshToken: issued.refresh_token };
}

describe('Calling as a user with stored tokens (asUser) against the emulator', () => {
  let f: ApiFixture;
  const refreshes = () => received(f.kakao, 'POST /oauth/token').length;

  beforeAll(async () => {
    f = await startApiFixture();
  });
  afterAll(() => f.kakao.stop());
  beforeEach(() => {
    f.kakao.clearRequests();
    f.kakao.faults.clear();
  });

  it('on -401 (expired access token) refreshes once, persists, and retries once', async () => {
    const issued = tokensFor(f.kakao, USER);
    f.kakao.advanceClock(7 * HOUR); // REST access tokens live 6 h
    const calls: Array<[KakaoUserTokens, KakaoUserTokens, KakaoRefreshedTokens]> = [];
    const session = f.client.asUser(stored(issued), {
      onTokens: (tokens, previous, refreshed) => void calls.push([tokens, previous, refreshed]),
    });

    await expect(session.getUser()).resolves.toMatchObject({ id: USER });

    expect(f.kakao.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v2/user/me',
      'POST /oauth/token',
      'GET /v2/user/me',
    ]);
    const [first, refresh, retry] = f.kakao.requests;
    expect(header(first, 'authorization')).toBe(`Bearer ${issued.access_token}`);
    expect(refresh.form).toMatchObject({
      grant_type: 'refresh_token',
      refresh_token: issued.refresh_token,
    });
    expect(calls).toHaveLength(1);
    const [tokens, previous, refreshed] = calls[0];
    expect(previous).toEqual(stored(issued));
    expect(refreshed.rotated).toBe(false);
    expect(tokens.refreshToken).toBe(issued.refresh_token); // kept: Kakao did not rotate
    expect(tokens.accessToken).not.toBe(issued.access_token);
    expect(header(retry, 'authorization')).toBe(`Bearer ${tokens.accessToken}`);
    expect(session.tokens.accessToken).toBe(tokens.accessToken);
  });

  it('two concurrent calls trigger exactly one refresh', async () => {
    const issued = tokensFor(f.kakao, USER);
    f.kakao.advanceClock(7 * HOUR);
    f.kakao.faults.set('POST /oauth/token', { latencyMs: 100 }); // keep the refresh in flight
    const onTokens = jest.fn();
    const session = f.client.asUser(stored(issued), { onTokens });
    const [user, info] = await Promise.all([session.getUser(), session.getTokenInfo()]);
    expect(user.id).toBe(USER);
    expect(info.id).toBe(USER);
    expect(refreshes()).toBe(1);
    expect(onTokens).toHaveBeenCalledTimes(1);
  });

  it('two sessions built from the same stored tokens (two requests of one user) share one refresh', async () => {
    const issued = tokensFor(f.kakao, USER);
    f.kakao.advanceClock(7 * HOUR);
    f.kakao.faults.set('POST /oauth/token', { latencyMs: 50 });
    const row = new TokenRow(stored(issued));
    const a = f.client.asUser(row.tokens, row);
    const b = f.client.asUser(row.tokens, row);
    await Promise.all([a.getScopes(), b.getProfile(), a.getShippingAddresses(), b.getUser()]);
    expect(refreshes()).toBe(1);
    expect(row.writes).toBe(1);
    expect(a.tokens).toEqual(b.tokens);
  });

  it('a rotated refresh token reaches onTokens with the one it replaces (compare-and-set)', async () => {
    const issued = tokensFor(f.kakao, USER);
    f.kakao.advanceClock(31 * DAY); // < 1 month left: Kakao rotates
    const row = new TokenRow(stored(issued));
    const session = f.client.asUser(row.tokens, row);
    await session.getUser();
    expect(row.writes).toBe(1);
    expect(row.tokens.refreshToken).not.toBe(issued.refresh_token);
    expect(row.tokens.refreshTokenExpiresAt).toBeInstanceOf(Date);
    expect(session.tokens).toEqual(row.tokens);
    // The old refresh token is dead at Kakao.
    await expect(f.client.refreshTokens(issued.refresh_token as string)).rejects.toMatchObject({
      errorCode: 'KOE322',
    });
  });

  it('another process that lost the rotation race adopts the stored tokens (loadTokens)', async () => {
    const issued = tokensFor(f.kakao, USER);
    f.kakao.advanceClock(31 * DAY);
    const row = new TokenRow(stored(issued));
    // Two processes: two clients, so nothing is shared in memory.
    const processA = clientFor(f.kakao).asUser(row.tokens, row);
    const processB = clientFor(f.kakao).asUser(row.tokens, row);
    await processA.getUser(); // rotates; the old refresh token dies
    f.kakao.clearRequests();
    await expect(processB.getUser()).resolves.toMatchObject({ id: USER });
    expect(f.kakao.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v2/user/me', // -401 with the old access token
      'POST /oauth/token', // KOE322 with the old refresh token
      'GET /v2/user/me', // retried with the stored tokens of process A
    ]);
    expect(processB.tokens).toEqual(row.tokens);
    expect(row.writes).toBe(1);
  });

  it('a dead refresh token surfaces KOE322 (and is not sent again)', async () => {
    const issued = tokensFor(f.kakao, USER);
    await f.client.refreshTokens(issued.refresh_token as string); // warm-up: still valid
    f.kakao.clearRequests();
    await f.client.logoutUser(USER); // Kakao expires every token of the user
    const session = f.client.asUser(stored(issued));
    const err = await rejection(session.getUser());
    expect(err).toBeInstanceOf(KakaoAuthError);
    expect(err).toMatchObject({ errorCode: 'KOE322' });
    await expect(session.getTokenInfo()).rejects.toMatchObject({ errorCode: 'KOE322' });
    expect(refreshes()).toBe(1);
  });

  it('retries once only: a token that stays invalid surfaces the second -401', async () => {
    const issued = tokensFor(f.kakao, USER);
    f.kakao.faults.set('GET /v2/user/me', { kakaoError: -401 });
    const session = f.client.asUser(stored(issued));
    await expect(session.getUser()).rejects.toMatchObject({ code: -401 });
    expect(received(f.kakao, 'GET /v2/user/me')).toHaveLength(2);
    expect(refreshes()).toBe(1);
  });

  it('does not refresh for other errors (-402, -10)', async () => {
    const session = f.client.asUser(stored(tokensFor(f.kakao, USER)));
    await expect(session.getOidcUserInfo()).rejects.toMatchObject({ code: -402 });
    f.kakao.faults.set('GET /v2/user/scopes', { kakaoError: -10, times: 1 });
    await expect(session.getScopes()).rejects.toMatchObject({ code: -10 });
    expect(refreshes()).toBe(0);
  });

  describe('-402 step-up: the additional-consent URL, end to end', () => {
    it('asks for openid again and the retried call succeeds', async () => {
      f.kakao.setAutoApprove(BIG_USER);
      const issued = tokensFor(f.kakao, BIG_USER, false);
      const err = await rejection(f.client.getOidcUserInfo(issued.access_token));
      expect(err).toBeInstanceOf(KakaoApiError);
      const url = f.client.additionalConsentURL({
        error: err as KakaoApiError,
        redirectURI: REDIRECT_URI,
        state: 'step-up-1',
        openid: true,
      });
      const params = new URL(url).searchParams;
      expect(url.startsWith(`${f.kakao.authBaseURL}/oauth/authorize?`)).toBe(true);
      expect(Object.fromEntries(params)).toEqual({
        client_id: f.kakao.clientID,
        redirect_uri: REDIRECT_URI,
        response_type: 'code',
        scope: 'openid',
        state: 'step-up-1',
      });
      const upgraded = await authorizeAndExchange(f.kakao, url);
      expect(upgraded.id_token).toEqual(expect.any(String));
      await expect(f.client.getOidcUserInfo(upgraded.access_token)).resolves.toMatchObject({
        sub: BIG_USER,
      });
    });

    it("asks for exactly the -402's required_scopes (plus openid) and Kakao records the consent", async () => {
      f.kakao.setAutoApprove(BIG_USER);
      const user = f.kakao.user(BIG_USER);
      expect(user.agreedScopes).not.toContain('shipping_address');
      const session = f.client.asUser(stored(tokensFor(f.kakao, BIG_USER, true)));
      f.kakao.faults.set('GET /v1/user/shipping_address', {
        kakaoError: -402,
        requiredScopes: ['shipping_address', 'phone_number'],
        times: 1,
      });
      const err = (await rejection(session.getShippingAddresses())) as KakaoApiError;
      expect(err.requiredScopes).toEqual(['shipping_address', 'phone_number']);
      const url = f.client.additionalConsentURL({
        error: err,
        redirectURI: REDIRECT_URI,
        openid: true,
      });
      expect(new URL(url).searchParams.get('scope')).toBe('shipping_address,phone_number,openid');
      expect(url).toContain('scope=shipping_address%2Cphone_number%2Copenid');
      const upgraded = await authorizeAndExchange(f.kakao, url);
      expect(user.agreedScopes).toEqual(
        expect.arrayContaining(['shipping_address', 'phone_number']),
      );
      const page = await f.client.getShippingAddresses(upgraded.access_token);
      expect(page).toMatchObject({ user_id: BIG_USER, shipping_addresses_needs_agreement: false });
    });
  });
});
