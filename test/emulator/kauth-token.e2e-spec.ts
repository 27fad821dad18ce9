import { KakaoEmulator } from '../../src/testing';
import {
  authorizeURL,
  call,
  codeFor,
  decodeJwt,
  exchangeCode,
  pkcePair,
  postForm,
  REDIRECT_URI,
  verifiesAgainstJwks,
} from '../support/emulator-calls';

const DAY = 86400_000;

describe('KakaoEmulator /oauth/token', () => {
  let kakao: KakaoEmulator;

  beforeEach(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
  });

  afterEach(async () => {
    await kakao.stop();
  });

  const tokenURL = () => `${kakao.authBaseURL}/oauth/token`;
  const refresh = (refreshToken: string) =>
    postForm(tokenURL(), {
      grant_type: 'refresh_token',
      client_id: kakao.clientID,
      refresh_token: refreshToken,
    });

  it('exchanges a code for Kakao’s token response (shape, content type, OIDC scope)', async () => {
    const answer = await exchangeCode(kakao, await codeFor(kakao, { nonce: 'n-0S6_WzA2Mj' }));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const body = answer.json();
    expect(Object.keys(body)).toEqual([
      'token_type',
      'access_token',
      'id_token',
      'expires_in',
      'refresh_token',
      'refresh_token_expires_in',
      'scope',
    ]);
    expect(body).toMatchObject({
      token_type: 'bearer',
      expires_in: 21599,
      refresh_token_expires_in: 5184000,
    });
    expect(String(body.scope).split(' ')).toEqual(
      expect.arrayContaining(['profile_nickname', 'account_email', 'openid']),
    );
    expect(String(body.scope)).not.toContain(',');
  });

  it('issues an RS256 id_token with Kakao’s claims, raw nonce and sub as a string', async () => {
    const body = (await exchangeCode(kakao, await codeFor(kakao, { nonce: 'raw+nonce/=' }))).json();
    const idToken = String(body.id_token);
    expect(await verifiesAgainstJwks(kakao, idToken)).toBe(true);
    const { header, payload } = decodeJwt(idToken);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: kakao.signingKeyId });
    const user = kakao.users[0];
    expect(payload).toMatchObject({
      iss: kakao.authBaseURL,
      aud: kakao.clientID,
      sub: user.id,
      nonce: 'raw+nonce/=',
      nickname: user.nickname,
      picture: user.thumbnailImageURL,
      email: user.email,
    });
    expect(typeof payload.sub).toBe('string');
    expect(payload.exp).toBe(Number(payload.iat) + 21599);
    expect(payload.auth_time).toEqual(expect.any(Number));
    expect(payload).not.toHaveProperty('email_verified');
  });

  it('leaves email out of the id_token unless it is valid and verified', async () => {
    for (const id of ['4034567890', '4045678901']) {
      kakao.setAutoApprove(id);
      kakao.user(id).agreedScopes.push('account_email');
      const body = (await exchangeCode(kakao, await codeFor(kakao))).json();
      expect(decodeJwt(String(body.id_token)).payload).not.toHaveProperty('email');
    }
  });

  it('omits id_token and openid when OIDC is off, or when additional consent does not name openid', async () => {
    const additional = (
      await exchangeCode(kakao, await codeFor(kakao, { scope: 'gender' }))
    ).json();
    expect(additional).not.toHaveProperty('id_token');
    expect(String(additional.scope)).not.toContain('openid');
    await kakao.stop();
    kakao = await KakaoEmulator.start({ autoApprove: true, oidc: false });
    const body = (await exchangeCode(kakao, await codeFor(kakao))).json();
    expect(body).not.toHaveProperty('id_token');
  });

  describe('authorization_code errors', () => {
    it('a body that is not form-encoded → KOE001 invalid_request', async () => {
      const answer = await call(tokenURL(), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'authorization_code' }),
      });
      expect(answer.status).toBe(400);
      expect(answer.json()).toMatchObject({ error: 'invalid_request', error_code: 'KOE001' });
    });

    it('unknown client_id → 401 invalid_client KOE101', async () => {
      const answer = await exchangeCode(kakao, await codeFor(kakao), { client_id: 'typo-key' });
      expect(answer.status).toBe(401);
      expect(answer.json()).toEqual({
        error: 'invalid_client',
        error_description: 'Not exist client_id [typo-key]',
        error_code: 'KOE101',
      });
    });

    it('client_secret missing or wrong when the app has one → KOE010; right one passes', async () => {
      await kakao.stop();
      kakao = await KakaoEmulator.start({ autoApprove: true, clientSecret: 's3cret' });
      const missing = await exchangeCode(kakao, await codeFor(kakao));
      expect(missing.status).toBe(401);
      expect(missing.json()).toMatchObject({ error: 'invalid_client', error_code: 'KOE010' });
      const wrong = await exchangeCode(kakao, await codeFor(kakao), { client_secret: 'kakao' });
      expect(wrong.json()).toMatchObject({ error_code: 'KOE010' });
      const right = await exchangeCode(kakao, await codeFor(kakao), { client_secret: 's3cret' });
      expect(right.status).toBe(200);
    });

    it('a client_secret sent to an app without one is ignored', async () => {
      const answer = await exchangeCode(kakao, await codeFor(kakao), { client_secret: 'anything' });
      expect(answer.status).toBe(200);
    });

    it('redirect_uri different from the authorize one → KOE303', async () => {
      const answer = await exchangeCode(kakao, await codeFor(kakao), {
        redirect_uri: `${REDIRECT_URI}/other`,
      });
      expect(answer.status).toBe(400);
      expect(answer.json()).toMatchObject({ error: 'invalid_grant', error_code: 'KOE303' });
    });

    it('codes are single use → KOE320 without echoing the whole code', async () => {
      const code = await codeFor(kakao);
      expect((await exchangeCode(kakao, code)).status).toBe(200);
      const again = await exchangeCode(kakao, code);
      expect(again.status).toBe(400);
      const body = again.json();
      expect(body).toMatchObject({ error: 'invalid_grant', error_code: 'KOE320' });
      expect(String(body.error_description)).toMatch(/^authorization code not found for code=/);
      expect(again.text).not.toContain(code);
    });

    it('codes die after 10 minutes → KOE320', async () => {
      const code = await codeFor(kakao);
      kakao.advanceClock(10 * 60_000 + 1000);
      expect((await exchangeCode(kakao, code)).json()).toMatchObject({ error_code: 'KOE320' });
    });

    it('PKCE: the S256 verifier must match when a challenge was sent', async () => {
      const { verifier, challenge } = pkcePair();
      const params = { code_challenge: challenge, code_challenge_method: 'S256' };
      const missing = await exchangeCode(kakao, await codeFor(kakao, params));
      expect(missing.json()).toMatchObject({ error: 'invalid_grant', error_code: 'KOE320' });
      const wrong = await exchangeCode(kakao, await codeFor(kakao, params), {
        code_verifier: `${verifier}x`,
      });
      expect(wrong.status).toBe(400);
      const right = await exchangeCode(kakao, await codeFor(kakao, params), {
        code_verifier: verifier,
      });
      expect(right.status).toBe(200);
    });

    it('requirePkce rejects an authorize request without code_challenge', async () => {
      await kakao.stop();
      kakao = await KakaoEmulator.start({ autoApprove: true, requirePkce: true });
      const answer = await call(authorizeURL(kakao));
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('KOE001');
    });

    it('token rate limit → KOE237', async () => {
      await kakao.stop();
      kakao = await KakaoEmulator.start({ autoApprove: true, rateLimit: { tokenPerMinute: 2 } });
      expect((await exchangeCode(kakao, await codeFor(kakao))).status).toBe(200);
      expect((await exchangeCode(kakao, await codeFor(kakao))).status).toBe(200);
      const limited = await exchangeCode(kakao, await codeFor(kakao));
      expect(limited.json()).toMatchObject({ error_code: 'KOE237' });
      kakao.advanceClock(61_000);
      expect((await exchangeCode(kakao, await codeFor(kakao))).status).toBe(200);
    });
  });

  describe('refresh_token grant', () => {
    it('no rotation while more than a month is left: no refresh_token in the answer', async () => {
      const tokens = (await exchangeCode(kakao, await codeFor(kakao))).json();
      kakao.advanceClock(29 * DAY);
      const answer = await refresh(String(tokens.refresh_token));
      expect(answer.status).toBe(200);
      const body = answer.json();
      expect(body).toMatchObject({ token_type: 'bearer', expires_in: 21599 });
      expect(body.access_token).not.toBe(tokens.access_token);
      expect(body).not.toHaveProperty('refresh_token');
      expect(body).not.toHaveProperty('refresh_token_expires_in');
      expect(body).not.toHaveProperty('scope');
      // the same refresh token still works
      expect((await refresh(String(tokens.refresh_token))).status).toBe(200);
    });

    it('rotates when less than a month is left, and the old refresh token dies (KOE322)', async () => {
      const tokens = (await exchangeCode(kakao, await codeFor(kakao))).json();
      kakao.advanceClock(31 * DAY);
      const body = (await refresh(String(tokens.refresh_token))).json();
      expect(body.refresh_token).toEqual(expect.any(String));
      expect(body.refresh_token).not.toBe(tokens.refresh_token);
      expect(body.refresh_token_expires_in).toBe(5184000);
      const old = await refresh(String(tokens.refresh_token));
      expect(old.status).toBe(400);
      expect(old.json()).toEqual({
        error: 'invalid_grant',
        error_description: 'expired_or_invalid_refresh_token',
        error_code: 'KOE322',
      });
      expect((await refresh(String(body.refresh_token))).status).toBe(200);
    });

    it('an expired refresh token → KOE322; a missing one → KOE319', async () => {
      const tokens = (await exchangeCode(kakao, await codeFor(kakao))).json();
      kakao.advanceClock(61 * DAY);
      expect((await refresh(String(tokens.refresh_token))).json()).toMatchObject({
        error_code: 'KOE322',
      });
      const missing = await postForm(tokenURL(), {
        grant_type: 'refresh_token',
        client_id: kakao.clientID,
      });
      expect(missing.json()).toMatchObject({ error: 'invalid_grant', error_code: 'KOE319' });
    });

    it('returns an id_token only when the refresh token came with one', async () => {
      const withId = (await exchangeCode(kakao, await codeFor(kakao, { nonce: 'n1' }))).json();
      const refreshed = (await refresh(String(withId.refresh_token))).json();
      expect(await verifiesAgainstJwks(kakao, String(refreshed.id_token))).toBe(true);
      expect(Object.keys(refreshed).slice(0, 4)).toEqual([
        'token_type',
        'access_token',
        'id_token',
        'expires_in',
      ]);
      const without = kakao.issueTokens(kakao.users[0].id, { openid: false });
      expect((await refresh(String(without.refresh_token))).json()).not.toHaveProperty('id_token');
    });
  });

  it('onNextTokenResponse changes exactly one response', async () => {
    kakao.onNextTokenResponse((body) => ({ ...body, id_token: 'tampered' }));
    expect((await exchangeCode(kakao, await codeFor(kakao))).json().id_token).toBe('tampered');
    expect((await exchangeCode(kakao, await codeFor(kakao))).json().id_token).not.toBe('tampered');
  });
});
