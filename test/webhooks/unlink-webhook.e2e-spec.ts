import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { KakaoUnlinkEvent } from '../../src';
import { createKakaoUnlinkWebhookHandler, type KakaoUnlinkWebhookEvent } from '../../src/passport';
import { KakaoEmulator } from '../../src/testing';
import { startWebhookApp, type WebhookApp } from './support/webhook-app';

type Mode = 'ok' | 'hang' | 'throw' | 'slow';

/**
 * Kakao's unlink webhook per the newest docs, on the Nest route and the Express handler alike:
 * primary admin key, GET or POST, app_id checked, canonical user ids only, every referrer_type,
 * group_user_token passed on, and a 200 within 3 s whatever onUnlink does.
 */
describe.each(['nest', 'express'] as const)('unlink webhook (%s)', (flavour) => {
  let kakao: KakaoEmulator;
  let url: string;
  let close: () => Promise<void>;
  let logs: () => string;
  const seen: Array<KakaoUnlinkEvent | KakaoUnlinkWebhookEvent> = [];
  let mode: Mode = 'ok';

  const onUnlink = async (event: KakaoUnlinkEvent | KakaoUnlinkWebhookEvent) => {
    seen.push(event);
    if (mode === 'hang') await new Promise(() => undefined);
    if (mode === 'slow') await new Promise((resolve) => setTimeout(resolve, 200));
    if (mode === 'throw') throw new Error('database down');
  };

  beforeAll(async () => {
    kakao = await KakaoEmulator.start();
    if (flavour === 'nest') {
      const app: WebhookApp = await startWebhookApp(kakao, { onUnlink, webhookTimeoutMs: 1500 });
      url = app.unlinkURL;
      close = app.close;
      logs = () => app.logs.join('\n');
    } else {
      const lines: string[] = [];
      const handler = createKakaoUnlinkWebhookHandler({
        adminKey: kakao.adminKey,
        appId: kakao.appId,
        onUnlink,
        budgetMs: 1500,
        logger: { warn: (m) => lines.push(m), error: (m) => lines.push(m) },
      });
      const app = express();
      app.use(express.urlencoded({ extended: false }));
      app.all('/hooks/kakao-unlink', (req, res) => void handler(req, res));
      const server: Server = createServer(app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/kakao-unlink`;
      close = async () => {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      };
      logs = () => lines.join('\n');
    }
  });
  afterAll(async () => {
    await close();
    await kakao.stop();
  });
  beforeEach(() => {
    seen.length = 0;
    mode = 'ok';
  });

  const send = (fields: Record<string, string>, method: 'GET' | 'POST' = 'POST') => {
    const form = new URLSearchParams({ app_id: kakao.appId, ...fields }).toString();
    const headers = { authorization: `KakaoAK ${kakao.adminKey}` };
    return method === 'GET'
      ? fetch(`${url}?${form}`, { headers, redirect: 'manual' })
      : fetch(url, {
          method: 'POST',
          redirect: 'manual',
          headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
        });
  };

  it.each([
    'ACCOUNT_DELETE',
    'FORCED_ACCOUNT_DELETE',
    'UNLINK_FROM_ADMIN',
    'UNLINK_FROM_APPS',
    'INCOMPLETE_SIGN_UP',
    'SOMETHING_KAKAO_ADDS_LATER',
  ])('referrer_type %s → 200 and onUnlink gets it', async (referrerType) => {
    const res = await send({ user_id: '4012345678', referrer_type: referrerType });
    expect(res.status).toBe(200);
    expect(seen).toEqual([
      expect.objectContaining({ userId: '4012345678', referrerType, appId: kakao.appId }),
    ]);
  });

  it.each(['GET', 'POST'] as const)('%s from the emulator → 200', async (method) => {
    const result = await kakao.sendUnlinkWebhook({ userId: kakao.users[0].id, url, method });
    expect(result).toMatchObject({ status: 200, ok: true });
    expect(seen).toHaveLength(1);
  });

  it('the emulator sends group_user_token for a group app, and onUnlink gets it', async () => {
    const result = await kakao.sendUnlinkWebhook({
      userId: '4012345678',
      url,
      groupUserToken: 'gut-2',
    });
    expect(result.status).toBe(200);
    expect(seen[0]).toMatchObject({ userId: '4012345678', groupUserToken: 'gut-2' });
  });

  it('group_user_token is passed on when present', async () => {
    const res = await send({
      user_id: '4012345678',
      referrer_type: 'UNLINK_FROM_APPS',
      group_user_token: 'gut-1',
    });
    expect(res.status).toBe(200);
    expect(seen[0]).toMatchObject({ groupUserToken: 'gut-1' });
  });

  it.each(['0004012345678', '+4012345678', '4012345678 ', '-1', '0', '1e9', '', '٤٠١٢'])(
    'user_id %j (not canonical) → 400, onUnlink never runs',
    async (userId) => {
      const res = await send({ user_id: userId, referrer_type: 'UNLINK_FROM_APPS' });
      expect(res.status).toBe(400);
      expect(await res.text()).toBe('{"error":"invalid_request"}');
      expect(seen).toHaveLength(0);
    },
  );

  it('another app’s app_id → 401, onUnlink never runs', async () => {
    const res = await send({ user_id: '4012345678', app_id: '999999' });
    expect(res.status).toBe(401);
    expect(seen).toHaveLength(0);
  });

  it('a wrong admin key → 401', async () => {
    const result = await kakao.sendUnlinkWebhook({ userId: '4012345678', url, adminKey: 'nope' });
    expect(result.status).toBe(401);
    expect(seen).toHaveLength(0);
  });

  it('a redelivery carries the same idempotencyKey (and a later receivedAt)', async () => {
    await send({ user_id: '4012345678', referrer_type: 'UNLINK_FROM_APPS' });
    await send({ user_id: '4012345678', referrer_type: 'UNLINK_FROM_APPS' });
    expect(seen).toHaveLength(2);
    expect(seen[0].idempotencyKey).toBe(`unlink:${kakao.appId}:4012345678:UNLINK_FROM_APPS`);
    expect(seen[1].idempotencyKey).toBe(seen[0].idempotencyKey);
    expect(seen[1].receivedAt!).toBeGreaterThanOrEqual(seen[0].receivedAt!);
  });

  it('a hook that hangs: 200 still within 3 s (at the 1.5 s budget), logged as running on', async () => {
    mode = 'hang';
    const result = await kakao.sendUnlinkWebhook({ userId: '4012345678', url });
    expect(result).toMatchObject({ status: 200, ok: true });
    expect(result.durationMs).toBeGreaterThanOrEqual(1400);
    expect(result.durationMs).toBeLessThan(3000);
    expect(logs()).toMatch(/onUnlink still running .*keeps running/);
  });

  it('a slow hook is waited for; a throwing one still gets 200', async () => {
    mode = 'slow';
    const slow = await kakao.sendUnlinkWebhook({ userId: '4012345678', url });
    expect(slow.durationMs).toBeGreaterThanOrEqual(190);
    mode = 'throw';
    const thrown = await kakao.sendUnlinkWebhook({ userId: '4012345678', url });
    expect(thrown.status).toBe(200);
    expect(logs()).toContain('onUnlink threw: Error: database down');
  });
});
