import https from 'node:https';
import { KakaoEmulator } from '../../src/testing';

function get(
  url: string,
  ca?: string,
): Promise<{ status?: number; body?: string; error?: string }> {
  return new Promise((resolve) => {
    const request = https.get(url, { ca, agent: false }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, body }));
    });
    request.on('error', (error) => resolve({ error: (error as NodeJS.ErrnoException).code }));
  });
}

describe('KakaoEmulator over HTTPS', () => {
  let kakao: KakaoEmulator;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ https: true });
  });

  afterAll(async () => {
    await kakao.stop();
  });

  it('exposes https base URLs and the certificate PEM', () => {
    expect(kakao.authBaseURL).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(kakao.apiBaseURL).toBe(kakao.authBaseURL);
    expect(kakao.issuer).toBe(kakao.authBaseURL);
    expect(kakao.caPem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
  });

  it('is trusted by a client given caPem, for 127.0.0.1 and localhost', async () => {
    const answer = await get(`${kakao.authBaseURL}/.well-known/openid-configuration`, kakao.caPem);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body!).issuer).toBe(kakao.issuer);
    const localhost = await get(
      `${kakao.authBaseURL.replace('127.0.0.1', 'localhost')}/.well-known/jwks.json`,
      kakao.caPem,
    );
    expect(localhost.status).toBe(200);
  });

  it('is refused by a client that does not trust it', async () => {
    const answer = await get(`${kakao.authBaseURL}/.well-known/jwks.json`);
    expect(answer.error).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/);
  });

  it('an http emulator has no caPem', async () => {
    const plain = await KakaoEmulator.start();
    expect(plain.caPem).toBeUndefined();
    expect(plain.authBaseURL).toMatch(/^http:\/\//);
    await plain.stop();
  });
});
