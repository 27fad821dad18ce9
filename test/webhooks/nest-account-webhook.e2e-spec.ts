import { KakaoApiClient, type KakaoAccountEvent } from '../../src';
import { KakaoEmulator } from '../../src/testing';
import { mintSet, setClaims } from './support/mint-set';
import { postRaw, startWebhookApp, type WebhookApp } from './support/webhook-app';

/**
 * `POST {prefix}/webhooks/account` in a Nest app with Nest's default body parsers: the emulator
 * signs and sends SETs (by hand and after user actions), the typed hooks run, the answer is 202
 * in time whatever they do, and a bad token is a 400 without detail.
 */
describe('Nest: account-status webhook', () => {
  let kakao: KakaoEmulator;
  let app: WebhookApp;
  const events: KakaoAccountEvent[] = [];
  const calls: string[] = [];
  let hang = false;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
    app = await startWebhookApp(kakao, {
      accountWebhook: {
        budgetMs: 1500,
        onAccountEvent: async (event) => {
          events.push(event);
          if (hang) await new Promise(() => undefined);
        },
        endUserSessions: (userId, event) => void calls.push(`end ${userId} ${event.type}`),
        onSessionsRevoked: (event) => void calls.push(`revoked ${event.userId}`),
        onAccountDisabled: (event) => void calls.push(`disabled ${event.userId}`),
        onAccountEnabled: (event) => void calls.push(`enabled ${event.userId}`),
        onUnlinked: (event) => void calls.push(`unlinked ${event.userId} ${event.reason}`),
        onScopeWithdrawn: (event) => void calls.push(`withdrawn ${event.scopes?.join(',')}`),
        onProfileChanged: (event) => void calls.push(`profile ${JSON.stringify(event.payload)}`),
      },
    });
  });
  afterAll(async () => {
    await app.close();
    await kakao.stop();
  });
  beforeEach(() => {
    events.length = 0;
    calls.length = 0;
    hang = false;
  });

  const user = () => kakao.users[0].id;
  const send = (event: string, extra: object = {}) =>
    kakao.sendAccountWebhook({ userId: user(), event, url: app.accountURL, ...extra });

  it('a SET from the emulator → 202, typed event to onAccountEvent', async () => {
    const result = await send('user-linked');
    expect(result).toMatchObject({ status: 202, ok: true });
    expect(events).toEqual([
      expect.objectContaining({ type: 'user-linked', category: 'OAUTH', userId: user() }),
    ]);
    expect(calls).toEqual([]);
  });

  it.each([
    ['tokens-revoked', {}, [`end U tokens-revoked`, 'revoked U']],
    ['sessions-revoked', {}, [`end U sessions-revoked`, 'revoked U']],
    ['account-disabled', {}, [`end U account-disabled`, 'disabled U']],
    ['account-enabled', {}, ['enabled U']],
    [
      'user-unlinked',
      { reason: 'ACCOUNT_DELETE' },
      ['end U user-unlinked', 'unlinked U ACCOUNT_DELETE'],
    ],
    ['user-scope-withdraw', { scope: 'talk_message' }, ['withdrawn talk_message']],
    ['user-profile-changed', { nickname: '새이름' }, ['profile {"nickname":"새이름"}']],
  ])('%s → the convenience hooks', async (event, payload, expected) => {
    const result = await send(event, { payload });
    expect(result.status).toBe(202);
    expect(calls).toEqual(expected.map((line) => line.replace(/\bU\b/, user())));
    expect(events).toHaveLength(1);
  });

  it('an unknown event type reaches onAccountEvent only, never an unlink or session end', async () => {
    const result = await send(
      'https://schemas.openid.net/secevent/oauth/event-type/user-deleted-forever',
    );
    expect(result.status).toBe(202);
    expect(events.map((e) => e.type)).toEqual(['unknown']);
    expect(calls).toEqual([]);
  });

  it.each(['wrong-key', 'expired-iat', 'wrong-aud'] as const)(
    'fault %s → 400 {"err":"invalid_request"}, no hook',
    async (fault) => {
      const result = await send('tokens-revoked', { fault });
      expect(result).toMatchObject({ status: 400, ok: false });
      expect(events).toHaveLength(0);
      expect(calls).toHaveLength(0);
      const res = await postRaw(
        app.accountURL,
        mintSet(kakao, { ...setClaims(kakao, user()), aud: 'x' }),
      );
      expect(res).toMatchObject({ status: 400, text: '{"err":"invalid_request"}', location: null });
    },
  );

  it('fault replayed-jti → the replay is 400, the first delivery ran once', async () => {
    expect((await send('tokens-revoked')).status).toBe(202);
    const replay = await send('tokens-revoked', { fault: 'replayed-jti' });
    expect(replay.status).toBe(400);
    expect(replay.jti).toBe(kakao.accountWebhooks.at(-2)!.jti);
    expect(events).toHaveLength(1);
  });

  it('a hook that hangs: 202 still arrives within the budget, and the log says the hook runs on', async () => {
    hang = true;
    const result = await send('tokens-revoked');
    expect(result).toMatchObject({ status: 202, ok: true });
    expect(result.durationMs).toBeGreaterThanOrEqual(1400);
    expect(result.durationMs).toBeLessThan(3000);
    expect(app.logs.join('\n')).toMatch(
      /onAccountEvent\(tokens-revoked\) still running .* keeps running/,
    );
  });

  it('a hook that throws: 202, and the error is logged without the app’s secrets', async () => {
    const thrower = await startWebhookApp(kakao, {
      accountWebhook: {
        onAccountEvent: () => {
          throw new Error(`database down (admin key ${kakao.adminKey})`);
        },
      },
    });
    try {
      const result = await send('user-linked', { url: thrower.accountURL });
      expect(result.status).toBe(202);
      expect(thrower.logs.join('\n')).toContain(
        'onAccountEvent(user-linked) threw: Error: database down (admin key [redacted])',
      );
    } finally {
      await thrower.close();
    }
  });

  it('user actions at Kakao send their SETs: logout, consent withdrawal, unlink', async () => {
    kakao.accountWebhookURL = app.accountURL;
    try {
      const id = kakao.users[1].id;
      const client = new KakaoApiClient({
        clientID: kakao.clientID,
        authBaseURL: kakao.authBaseURL,
        apiBaseURL: kakao.apiBaseURL,
      });
      const first = kakao.issueTokens(id);
      await client.revokeScopes(first.access_token, ['account_email']);
      await kakao.accountWebhooksSettled();
      await client.logout(first.access_token);
      await kakao.accountWebhooksSettled();
      const second = kakao.issueTokens(id);
      await client.unlink(second.access_token);
      await kakao.accountWebhooksSettled();
      expect(events.map((e) => [e.type, e.userId])).toEqual([
        ['user-scope-withdraw', id],
        ['tokens-revoked', id],
        ['user-unlinked', id],
      ]);
      expect(calls).toEqual([
        'withdrawn account_email',
        `end ${id} tokens-revoked`,
        `revoked ${id}`,
        `end ${id} user-unlinked`,
        `unlinked ${id} UNLINK_FROM_SERVICE`,
      ]);
      expect(kakao.accountWebhooks.slice(-3).every((r) => r.status === 202)).toBe(true);
    } finally {
      kakao.accountWebhookURL = undefined;
    }
  });

  it('the unlink webhook from Kakao’s side also sends user-unlinked with its referrer', async () => {
    kakao.accountWebhookURL = app.accountURL;
    try {
      const id = kakao.users[2].id;
      kakao.issueTokens(id);
      const unlink = await kakao.sendUnlinkWebhook({
        userId: id,
        url: app.unlinkURL,
        referrerType: 'ACCOUNT_DELETE',
      });
      expect(unlink.status).toBe(200);
      await kakao.accountWebhooksSettled();
      expect(calls).toContain(`unlinked ${id} ACCOUNT_DELETE`);
    } finally {
      kakao.accountWebhookURL = undefined;
    }
  });
});
