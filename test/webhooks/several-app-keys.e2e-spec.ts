import {
  KakaoAdminKeyCategoryError,
  KakaoApiClient,
  KakaoApiError,
  KakaoTokenVerifier,
  type KakaoAccountEvent,
} from '../../src';
import { KakaoEmulator } from '../../src/testing';
import { type NestInstance, startNestInstance } from '../support/nest-instance';
import { logIn, whoAmI } from '../support/login-steps';
import { TestBrowser } from '../support/test-browser';
import { startWebhookApp } from './support/webhook-app';

/**
 * Several app keys (since 2025-12-03): one app with two REST API keys, each with its own
 * redirect URIs and client secret, admin keys with API-category allow-lists, and the checks that
 * take the app's key set (`audiences`) or its app id.
 */
describe('several app keys of one Kakao app', () => {
  let kakao: KakaoEmulator;
  const first: Partial<Record<'a' | 'b', NestInstance>> = {};

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({
      autoApprove: true,
      clientSecret: 'first-key-secret',
      restApiKeys: [{ key: 'second-rest-api-key', clientSecret: 'second-key-secret' }],
      adminKeys: [{ key: 'logout-only-admin-key', categories: ['logout'] }],
    });
    first.a = await startNestInstance(kakao);
    first.b = await startNestInstance(kakao, ({ kakaoOptions }) => ({
      ...kakaoOptions,
      clientID: 'second-rest-api-key',
      clientSecret: 'second-key-secret',
      openid: true,
    }));
  });
  afterAll(async () => {
    await first.a?.close();
    await first.b?.close();
    await kakao.stop();
  });

  it('logs in through each REST API key, with its own secret (openid on for the second key)', async () => {
    for (const app of [first.a!, first.b!]) {
      const browser = new TestBrowser();
      await logIn(browser, app);
      expect(await whoAmI(browser, app.url)).toBe(kakao.users[0].id);
    }
    const exchanges = kakao.requests.filter((r) => r.path === '/oauth/token');
    expect(exchanges.map((r) => r.form?.client_id)).toEqual(
      expect.arrayContaining([kakao.clientID, 'second-rest-api-key']),
    );
  });

  it('a key’s secret does not work with the other key (KOE010), nor an unknown key (KOE101)', async () => {
    const post = (clientId: string, secret: string) =>
      fetch(`${kakao.authBaseURL}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: clientId,
          client_secret: secret,
          code: 'x',
          redirect_uri: 'http://127.0.0.1/cb',
        }),
      }).then(async (res) => ((await res.json()) as { error_code?: string }).error_code);
    expect(await post('second-rest-api-key', 'first-key-secret')).toBe('KOE010');
    expect(await post(kakao.clientID, 'second-key-secret')).toBe('KOE010');
    expect(await post('third-key', 'second-key-secret')).toBe('KOE101');
  });

  it('redirect URIs belong to each key (KOE006 for the other key’s URI)', async () => {
    const perKey = await KakaoEmulator.start({
      redirectURIs: ['http://127.0.0.1/first/callback'],
      restApiKeys: [{ key: 'k2', redirectURIs: ['http://127.0.0.1/second/callback'] }],
    });
    try {
      const authorize = (clientId: string, uri: string) =>
        fetch(
          `${perKey.authBaseURL}/oauth/authorize?${new URLSearchParams({ client_id: clientId, redirect_uri: uri, response_type: 'code' })}`,
          { redirect: 'manual' },
        ).then(async (res) => ({
          status: res.status,
          koe006: (await res.text()).includes('KOE006'),
        }));
      expect(await authorize('k2', 'http://127.0.0.1/second/callback')).toEqual({
        status: 200,
        koe006: false,
      });
      expect((await authorize('k2', 'http://127.0.0.1/first/callback')).koe006).toBe(true);
      expect((await authorize(perKey.clientID, 'http://127.0.0.1/second/callback')).koe006).toBe(
        true,
      );
    } finally {
      await perKey.stop();
    }
  });

  /** A code flow by hand through the second key: its tokens. */
  async function tokensOfSecondKey(): Promise<{ access_token: string; id_token?: string }> {
    const redirectURI = 'http://127.0.0.1:9/second/callback';
    const authorize = await fetch(
      `${kakao.authBaseURL}/oauth/authorize?${new URLSearchParams({
        client_id: 'second-rest-api-key',
        redirect_uri: redirectURI,
        response_type: 'code',
        scope: 'openid',
      })}`,
      { redirect: 'manual' },
    );
    const code = new URL(authorize.headers.get('location')!).searchParams.get('code')!;
    const res = await fetch(`${kakao.authBaseURL}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: 'second-rest-api-key',
        client_secret: 'second-key-secret',
        code,
        redirect_uri: redirectURI,
      }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { access_token: string; id_token?: string };
  }

  it('the second key’s id_token has that key as aud; its access token passes the app_id check', async () => {
    const tokens = await tokensOfSecondKey();
    const claims = JSON.parse(
      Buffer.from(tokens.id_token!.split('.')[1], 'base64url').toString('utf8'),
    ) as { aud: string };
    expect(claims.aud).toBe('second-rest-api-key');
    // Token login configured with the first key and the app id: app_id is per app, not per key.
    const verifier = new KakaoTokenVerifier({
      clientID: kakao.clientID,
      appId: kakao.appId,
      audiences: ['second-rest-api-key'],
      authBaseURL: kakao.authBaseURL,
      apiBaseURL: kakao.apiBaseURL,
    });
    await expect(verifier.verifyAccessToken(tokens.access_token)).resolves.toMatchObject({
      appId: kakao.appId,
    });
    const otherApp = new KakaoTokenVerifier({
      clientID: kakao.clientID,
      appId: '999999',
      authBaseURL: kakao.authBaseURL,
      apiBaseURL: kakao.apiBaseURL,
    });
    await expect(otherApp.verifyAccessToken(tokens.access_token)).rejects.toThrow();
  });

  it('the account webhook takes a SET addressed to any configured key (audiences)', async () => {
    const events: KakaoAccountEvent[] = [];
    const app = await startWebhookApp(kakao, {
      audiences: ['second-rest-api-key'],
      accountWebhook: { onAccountEvent: (event) => void events.push(event) },
    });
    try {
      const send = (audience: string) =>
        kakao.sendAccountWebhook({
          userId: kakao.users[0].id,
          event: 'user-linked',
          url: app.accountURL,
          audience,
        });
      expect((await send('second-rest-api-key')).status).toBe(202);
      expect((await send(kakao.clientID)).status).toBe(202);
      expect((await send('a-third-apps-key')).status).toBe(400);
      expect(events.map((e) => e.audience)).toEqual(['second-rest-api-key', kakao.clientID]);
    } finally {
      await app.close();
    }
  });

  it('an admin key without the category → KakaoAdminKeyCategoryError naming it; allowed ones work', async () => {
    const client = new KakaoApiClient({
      clientID: kakao.clientID,
      adminKey: 'logout-only-admin-key',
      authBaseURL: kakao.authBaseURL,
      apiBaseURL: kakao.apiBaseURL,
    });
    const id = kakao.users[2].id;
    kakao.issueTokens(id);
    await expect(client.logoutUser(id)).resolves.toMatchObject({ id });
    const refused = await client.unlinkUser(id).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(KakaoAdminKeyCategoryError);
    expect(refused).toBeInstanceOf(KakaoApiError);
    expect(refused).toMatchObject({ code: -3, status: 403, category: 'Unlink user' });
    expect((refused as KakaoAdminKeyCategoryError).hint).toContain(
      '[App] > [Platform Keys] > [Admin Key]',
    );
    expect(kakao.user(id).linked).toBe(true);
    const users = await client.getUserIds().catch((err: unknown) => err);
    expect(users).toMatchObject({ category: 'Manage user info' });
  });

  it('a -3 on a user-token call (a required consent item) stays a plain KakaoApiError', async () => {
    const client = new KakaoApiClient({
      clientID: kakao.clientID,
      adminKey: kakao.adminKey,
      authBaseURL: kakao.authBaseURL,
      apiBaseURL: kakao.apiBaseURL,
    });
    const token = kakao.issueTokens(kakao.users[1].id).access_token;
    const err = await client.revokeScopes(token, ['profile_nickname']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KakaoApiError);
    expect(err).not.toBeInstanceOf(KakaoAdminKeyCategoryError);
  });
});
