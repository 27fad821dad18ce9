import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { KakaoEmulator } from '../../src/testing';
import { parseEmulatorConfig } from '../../src/testing/emulator-config';

const ROOT = resolve(__dirname, '../..');
const REDIRECT_URI = 'http://127.0.0.1:8765/oidc/callback';

interface DriverOutput {
  issuer: string;
  idTokenClaims: Record<string, unknown>;
  scope: string;
  userinfo: Record<string, unknown>;
  refreshed: { newAccessToken: boolean; idTokenSub: string };
  refusals: Record<string, string>;
}

describe('openid-client v6 against the KakaoEmulator (discovery, PKCE, nonce, id_token, userinfo, refresh)', () => {
  let kakao: KakaoEmulator;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start(
      parseEmulatorConfig(
        JSON.stringify({
          autoApprove: '1376016924426111111',
          app: {
            restApiKey: 'oidc-rest-api-key',
            clientSecret: 'oidc-client-secret',
            redirectURIs: [REDIRECT_URI],
            oidc: true,
            requirePkce: true,
          },
        }),
      ),
    );
  });

  afterAll(async () => {
    await kakao.stop();
  });

  it('logs in, validates the id_token against the JWKS, reads userinfo and refreshes', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'test/interop/openid-client.driver.ts'],
      {
        cwd: ROOT,
        timeout: 60000,
        env: {
          ...process.env,
          NODE_NO_WARNINGS: '1',
          ISSUER: kakao.issuer,
          CLIENT_ID: 'oidc-rest-api-key',
          CLIENT_SECRET: 'oidc-client-secret',
          REDIRECT_URI,
        },
      },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as DriverOutput;
    expect(result.issuer).toBe(kakao.issuer);
    expect(result.idTokenClaims).toMatchObject({
      iss: kakao.issuer,
      aud: 'oidc-rest-api-key',
      sub: '1376016924426111111',
      nickname: '이서연',
    });
    expect(result.scope.split(' ')).toContain('openid');
    expect(result.userinfo).toMatchObject({ sub: '1376016924426111111', nickname: '이서연' });
    expect(result.refreshed).toEqual({ newAccessToken: true, idTokenSub: '1376016924426111111' });
    expect(result.refusals['wrong nonce']).toMatch(/nonce/i);
    expect(result.refusals['wrong PKCE verifier']).toMatch(/invalid_grant|KOE320|code_verifier/);

    // What openid-client sent, as the emulator saw it: PKCE S256, a nonce, client_secret_post.
    const authorize = kakao.requests.find((entry) => entry.path === '/oauth/authorize')!;
    expect(authorize.query).toMatchObject({ code_challenge_method: 'S256', scope: 'openid' });
    expect(authorize.query.nonce).toBeTruthy();
    const token = kakao.requests.find((entry) => entry.path === '/oauth/token')!;
    expect(token.form).toMatchObject({
      grant_type: 'authorization_code',
      client_id: 'oidc-rest-api-key',
      client_secret: 'oidc-client-secret',
    });
    expect(token.headers.authorization).toBeUndefined();
    expect(kakao.requests.some((entry) => entry.path === '/.well-known/jwks.json')).toBe(true);
  }, 90000);
});
