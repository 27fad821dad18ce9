import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createKakaoAccountWebhookHandler, type KakaoAccountEvent } from '../../src/passport';
import { KakaoEmulator } from '../../src/testing';
import { call } from '../support/emulator-calls';

const TOKEN = 'control-token-for-the-account-webhook-tests';

/** `POST /_emulator/api/webhooks/account` sends a signed SET that the library's handler accepts. */
describe('KakaoEmulator control API: account-status webhooks', () => {
  let kakao: KakaoEmulator;
  let server: Server;
  let url: string;
  const events: KakaoAccountEvent[] = [];

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ controlToken: TOKEN });
    const handler = createKakaoAccountWebhookHandler({
      verifier: { clientID: kakao.clientID, authBaseURL: kakao.authBaseURL },
      onAccountEvent: (event) => void events.push(event),
      logger: { warn: () => undefined, error: () => undefined },
    });
    const app = express();
    app.post('/webhooks/kakao/account', (req, res) => void handler(req, res));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/kakao/account`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await kakao.stop();
  });

  const api = (path: string, body: unknown, token = TOKEN) =>
    call(`${kakao.controlURL}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('sends an event the app verifies, and lists the delivery', async () => {
    const sent = await api('/webhooks/account', {
      userId: '4012345678',
      event: 'tokens-revoked',
      url,
    });
    expect(sent.status).toBe(200);
    expect(sent.json()).toMatchObject({ status: 202, ok: true });
    expect(events.map((event) => [event.userId, event.type])).toEqual([
      ['4012345678', 'tokens-revoked'],
    ]);
    expect(kakao.webhookDeliveries.at(-1)).toMatchObject({
      kind: 'account',
      url,
      userId: '4012345678',
      ok: true,
      status: 202,
    });
  });

  it('sends a faulty SET on request, which the app refuses', async () => {
    events.length = 0;
    const sent = await api('/webhooks/account', {
      userId: '4012345678',
      event: 'tokens-revoked',
      url,
      fault: 'wrong-aud',
    });
    expect(sent.json()).toMatchObject({ status: 400, ok: false });
    expect(events).toEqual([]);
    expect(kakao.webhookDeliveries.at(-1)?.detail).toContain('(wrong-aud)');
  });

  it('refuses bad bodies and calls without the token', async () => {
    const bad = await api('/webhooks/account', { userId: '4012345678', fault: 'nope' });
    expect(bad.status).toBe(400);
    expect((bad.json() as { problems: string[] }).problems.join('\n')).toMatch(
      /body\.event[\s\S]*body\.fault/,
    );
    const noUrl = await api('/webhooks/account', { userId: '4012345678', event: 'user-linked' });
    expect(noUrl.status).toBe(400);
    const anonymous = await api('/webhooks/account', { userId: '1', event: 'x', url }, 'wrong');
    expect(anonymous.status).toBe(401);
  });
});
