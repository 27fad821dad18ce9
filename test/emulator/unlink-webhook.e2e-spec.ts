import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KakaoEmulator } from '../../src/testing';

interface Received {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('KakaoEmulator.sendUnlinkWebhook', () => {
  let kakao: KakaoEmulator;
  let app: Server;
  let appURL: string;
  let received: Received[];
  let answer: (res: ServerResponse) => void;

  beforeAll(async () => {
    app = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({
          method: req.method!,
          url: new URL(req.url!, appURL),
          headers: req.headers,
          body,
        });
        answer(res);
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    appURL = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    app.closeAllConnections();
    await new Promise((resolve) => app.close(resolve));
  });

  beforeEach(async () => {
    received = [];
    answer = (res) => res.writeHead(200).end('OK');
    kakao = await KakaoEmulator.start({ webhookURL: `${appURL}/auth/kakao/webhooks/unlink` });
  });

  afterEach(async () => {
    await kakao.stop();
  });

  it('POSTs Kakao’s fields with the admin key and reports a 200 as ok', async () => {
    kakao.issueTokens('1376016924426111111');
    const result = await kakao.sendUnlinkWebhook({
      userId: '1376016924426111111',
      referrerType: 'ACCOUNT_DELETE',
    });
    expect(result).toEqual({ status: 200, ok: true, durationMs: expect.any(Number) });
    expect(result.durationMs).toBeLessThan(3000);
    const [call] = received;
    expect(call.method).toBe('POST');
    expect(call.url.pathname).toBe('/auth/kakao/webhooks/unlink');
    expect(call.headers.authorization).toBe('KakaoAK emulator-admin-key');
    expect(call.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(call.body))).toEqual({
      app_id: '1000001',
      user_id: '1376016924426111111',
      referrer_type: 'ACCOUNT_DELETE',
    });
    expect(kakao.user('1376016924426111111').linked).toBe(false);
  });

  it('sends GET with query parameters when asked, default referrer UNLINK_FROM_APPS', async () => {
    await kakao.sendUnlinkWebhook({ userId: '4012345678', method: 'GET' });
    const [call] = received;
    expect(call.method).toBe('GET');
    expect(Object.fromEntries(call.url.searchParams)).toEqual({
      app_id: '1000001',
      user_id: '4012345678',
      referrer_type: 'UNLINK_FROM_APPS',
    });
  });

  it('can send a wrong admin key or no Authorization header at all', async () => {
    await kakao.sendUnlinkWebhook({ userId: '4012345678', adminKey: 'wrong' });
    await kakao.sendUnlinkWebhook({ userId: '4012345678', authorization: null });
    expect(received[0].headers.authorization).toBe('KakaoAK wrong');
    expect(received[1].headers).not.toHaveProperty('authorization');
  });

  it('a redirect is a failure and is not followed', async () => {
    answer = (res) => res.writeHead(302, { location: `${appURL}/elsewhere` }).end();
    const result = await kakao.sendUnlinkWebhook({ userId: '4012345678' });
    expect(result).toMatchObject({ status: 302, ok: false });
    expect(received).toHaveLength(1);
  });

  it('a non-200 status is a failure', async () => {
    answer = (res) => res.writeHead(401).end();
    expect(await kakao.sendUnlinkWebhook({ userId: '4012345678' })).toMatchObject({
      status: 401,
      ok: false,
    });
  });

  it('an app that answers after 3.5 s fails (Kakao gives up at 3 s)', async () => {
    answer = (res) => setTimeout(() => res.writeHead(200).end(), 3500);
    const result = await kakao.sendUnlinkWebhook({ userId: '4012345678' });
    expect(result.ok).toBe(false);
    expect(result.status).toBeUndefined();
    expect(result.durationMs).toBeGreaterThanOrEqual(2990);
    expect(result.durationMs).toBeLessThan(3400);
  });

  it('reports an app that is not listening', async () => {
    const result = await kakao.sendUnlinkWebhook({
      userId: '4012345678',
      url: 'http://127.0.0.1:1/hook',
    });
    expect(result).toMatchObject({
      ok: false,
      status: undefined,
      error: expect.stringContaining('ECONNREFUSED'),
    });
  });
});
