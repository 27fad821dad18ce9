import { KakaoEmulator } from '../../src/testing';
import { type KakaoAccountEvent, type KakaoUnlinkEvent, MemoryOneTimeStore } from '../../src';
import { mintSet, setClaims } from './support/mint-set';
import {
  postRaw,
  startWebhookApp,
  type WebhookApp,
  type WebhookAppSettings,
} from './support/webhook-app';

/**
 * The webhook routes whatever the app around them does: its body parsers (Nest's defaults,
 * `rawBody: true`, an app-wide text parser), a global deny-all guard, or the route switched off.
 */
describe('Nest: webhook routes in different apps', () => {
  let kakao: KakaoEmulator;
  beforeAll(async () => {
    kakao = await KakaoEmulator.start();
  });
  afterAll(() => kakao.stop());

  async function withApp(
    settings: WebhookAppSettings,
    run: (
      app: WebhookApp,
      events: KakaoAccountEvent[],
      unlinks: KakaoUnlinkEvent[],
    ) => Promise<void>,
    accountWebhook: boolean = true,
  ): Promise<void> {
    const events: KakaoAccountEvent[] = [];
    const unlinks: KakaoUnlinkEvent[] = [];
    const app = await startWebhookApp(
      kakao,
      {
        onUnlink: (event) => void unlinks.push(event),
        ...(accountWebhook
          ? { accountWebhook: { onAccountEvent: (event) => void events.push(event) } }
          : {}),
      },
      settings,
    );
    try {
      await run(app, events, unlinks);
    } finally {
      await app.close();
    }
  }

  /** One character in the middle of the signature changed. */
  const tamper = (token: string) => {
    const at = token.length - 20;
    return `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
  };
  const set = () => mintSet(kakao, setClaims(kakao, kakao.users[0].id));

  it.each<[string, WebhookAppSettings]>([
    ['Nest’s default JSON/urlencoded parsers', {}],
    ['rawBody: true', { rawBody: true }],
    ['an app-wide express.text({ type: "*/*" }) before Nest', { textParserFirst: true }],
    ['a global deny-all guard that exempts isKakaoAuthRoute', { denyAll: true }],
  ])('with %s: a SET → 202 and the hook ran', async (_label, settings) => {
    await withApp(settings, async (app, events) => {
      const res = await postRaw(app.accountURL, set());
      expect(res).toMatchObject({ status: 202, text: '', location: null });
      expect(events).toHaveLength(1);
    });
  });

  it('with another content type (text/plain) the raw body is still what is verified', async () => {
    await withApp({ rawBody: true }, async (app, events) => {
      const res = await postRaw(app.accountURL, set(), { 'content-type': 'text/plain' });
      expect(res.status).toBe(202);
      expect(events).toHaveLength(1);
    });
  });

  it('with a global deny-all guard the unlink webhook passes too', async () => {
    await withApp({ denyAll: true }, async (app, _events, unlinks) => {
      const result = await kakao.sendUnlinkWebhook({
        userId: kakao.users[1].id,
        url: app.unlinkURL,
      });
      expect(result.status).toBe(200);
      expect(unlinks).toHaveLength(1);
    });
  });

  it('without jtiStore the module’s oneTimeStore keeps the jtis: shared by two instances', async () => {
    const shared = new MemoryOneTimeStore();
    const start = () => startWebhookApp(kakao, { oneTimeStore: shared, accountWebhook: true });
    const [a, b] = [await start(), await start()];
    try {
      const token = set();
      expect((await postRaw(a.accountURL, token)).status).toBe(202);
      expect((await postRaw(b.accountURL, token)).status).toBe(400);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('with the default budget a hanging hook still gets Kakao its 202 within 3 s', async () => {
    const app = await startWebhookApp(kakao, {
      accountWebhook: { endUserSessions: () => new Promise(() => undefined) },
    });
    try {
      const result = await kakao.sendAccountWebhook({
        userId: kakao.users[0].id,
        event: 'tokens-revoked',
        url: app.accountURL,
      });
      expect(result).toMatchObject({ status: 202, ok: true });
      expect(result.durationMs).toBeGreaterThanOrEqual(2450);
      expect(result.durationMs).toBeLessThan(3000);
      console.log(`hanging hook, default budget: answered in ${result.durationMs} ms`);
    } finally {
      await app.close();
    }
  });

  it('switched off (no accountWebhook) → 404, nothing verified', async () => {
    await withApp(
      {},
      async (app) => {
        const res = await postRaw(app.accountURL, set());
        expect(res.status).toBe(404);
      },
      false,
    );
  });

  it('a bad token → 400 without detail, never a redirect; a huge body → 413', async () => {
    await withApp({}, async (app, events) => {
      for (const body of ['x', tamper(set()), mintSet(kakao, setClaims(kakao, '01'))]) {
        const res = await postRaw(app.accountURL, body);
        expect(res).toMatchObject({
          status: 400,
          text: '{"err":"invalid_request"}',
          location: null,
        });
      }
      const huge = await postRaw(app.accountURL, 'a'.repeat(64 * 1024));
      expect(huge.status).toBe(413);
      expect(events).toHaveLength(0);
      expect(app.logs.join('\n')).toContain('Kakao webhook refused (bad_signature)');
    });
  });

  it('GET → 404 (only POST is routed), never a redirect', async () => {
    await withApp({}, async (app) => {
      const res = await fetch(app.accountURL, { redirect: 'manual' });
      expect(res.status).toBe(404);
    });
  });

  it('accountWebhook with a non-function hook fails at startup with the option named', async () => {
    await expect(
      startWebhookApp(kakao, { accountWebhook: { onAccountEvent: 'x' as never } }),
    ).rejects.toThrow(/accountWebhook.onAccountEvent must be a function/);
  });
});
