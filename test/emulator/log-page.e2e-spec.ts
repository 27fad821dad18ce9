import { KakaoEmulator } from '../../src/testing';
import { formatRequestLine } from '../../src/testing/emulator-request.log';
import { call, codeFor, exchangeCode } from '../support/emulator-calls';

describe('KakaoEmulator log page (/_emulator/) and request lines', () => {
  let kakao: KakaoEmulator;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true, clientSecret: 'page-test-secret' });
  });

  afterAll(async () => {
    await kakao.stop();
  });

  it('lists recent requests, users, live tokens (prefix only) and webhook deliveries, in Korean and English', async () => {
    const code = await codeFor(kakao);
    const tokens = (
      await exchangeCode(kakao, code, { client_secret: 'page-test-secret' })
    ).json() as {
      access_token: string;
      refresh_token: string;
      id_token: string;
    };
    await exchangeCode(kakao, code, { client_secret: 'page-test-secret' });
    await kakao
      .sendUnlinkWebhook({
        userId: '4023456789',
        url: 'http://127.0.0.1:9/unreachable',
        timeoutMs: 500,
      })
      .catch(() => undefined);

    const page = await call(`${kakao.authBaseURL}/_emulator/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-store');
    for (const heading of [
      '최근 요청',
      'Recent requests',
      '사용자',
      'Users',
      '유효한 토큰',
      'Live tokens',
      '웹훅 전송',
      'Webhook deliveries',
    ])
      expect(page.text).toContain(heading);
    expect(page.text).toContain('<code>/oauth/token</code>');
    expect(page.text).toContain('KOE320');
    expect(page.text).toContain('김민준');
    expect(page.text).toContain('1376016924426111111');
    expect(page.text).toContain(`${tokens.access_token.slice(0, 6)}…`);
    expect(page.text).toContain('http://127.0.0.1:9/unreachable');
    expect(page.text).toContain('UNLINK_FROM_APPS');
    for (const secret of [
      tokens.access_token,
      tokens.refresh_token,
      tokens.id_token,
      code,
      'page-test-secret',
      kakao.controlToken,
    ])
      expect(page.text).not.toContain(secret);
    expect((await call(`${kakao.authBaseURL}/_emulator`)).status).toBe(200);
    expect((await call(`${kakao.authBaseURL}/_emulator/`, { method: 'POST' })).status).toBe(405);
  });

  it('escapes what users typed', async () => {
    kakao.addUser({ nickname: '<script>alert(1)</script>' });
    const page = await call(`${kakao.authBaseURL}/_emulator/`);
    expect(page.text).not.toContain('<script>alert(1)</script>');
    expect(page.text).toContain('&#60;script&#62;');
  });

  it('formats one stdout line per request, coloured only on request', () => {
    const record = {
      at: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
      method: 'POST',
      path: '/oauth/token',
      clientId: 'emulator-rest-api-key',
      status: 400,
      errorCode: 'KOE320',
      durationMs: 12,
    };
    const plain = formatRequestLine(record);
    expect(plain).toMatch(
      /^03:04:05\.678 POST +\/oauth\/token +emulator-rest-api-key +400 KOE320 12 ms$/,
    );
    expect(plain).not.toContain('\u001b[');
    expect(formatRequestLine(record, true)).toContain('\u001b[33m400\u001b[39m');
    expect(
      formatRequestLine({ ...record, status: undefined, errorCode: undefined, fault: 'hang' }),
    ).toMatch(/ --- fault: hang /);
    expect(formatRequestLine({ ...record, status: 200, errorCode: undefined })).toMatch(/ 200 ok /);
  });
});
