import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KakaoEmulator } from '../../src/testing';
import type { EmulatorRequestRecord } from '../../src/testing/emulator-request.log';
import { call, codeFor, exchangeCode, postForm } from '../support/emulator-calls';

const TOKEN = 'control-token-for-the-tests-0123456789';

describe('KakaoEmulator control API (/_emulator/api)', () => {
  let kakao: KakaoEmulator;
  const records: EmulatorRequestRecord[] = [];

  beforeEach(async () => {
    records.length = 0;
    kakao = await KakaoEmulator.start({
      autoApprove: true,
      controlToken: TOKEN,
      onRequest: (record) => records.push(record),
    });
  });

  afterEach(async () => {
    await kakao.stop();
  });

  const api = (method: string, path: string, body?: unknown, token: string | null = TOKEN) =>
    call(`${kakao.controlURL}${path}`, {
      method,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const userMe = (accessToken: string) =>
    call(`${kakao.apiBaseURL}/v2/user/me`, { headers: { authorization: `Bearer ${accessToken}` } });

  describe('refuses unauthorized calls', () => {
    it.each([
      ['no Authorization header', null],
      ['a wrong token', 'not-the-control-token'],
      ['the token with one character changed', `${TOKEN.slice(0, -1)}X`],
      ['the admin key', 'emulator-admin-key'],
    ])('%s: 401, and nothing changes', async (_case, token) => {
      const before = kakao.users.length;
      const add = await api('POST', '/users', { id: '4099999999', nickname: '침입자' }, token);
      expect(add.status).toBe(401);
      expect(add.json()).toMatchObject({ error: 'unauthorized' });
      expect(add.text).toContain('Authorization: Bearer <control token>');
      expect(
        (await api('PUT', '/faults', { endpoint: '/v2/user/me', fault: { status: 503 } }, token))
          .status,
      ).toBe(401);
      expect((await api('POST', '/reset', undefined, token)).status).toBe(401);
      expect((await api('GET', '/state', undefined, token)).status).toBe(401);
      expect(kakao.users).toHaveLength(before);
      expect(kakao.faults.list()).toEqual([]);
    });

    it('does not take the token from the query string or a KakaoAK header', async () => {
      expect((await call(`${kakao.controlURL}/state?token=${TOKEN}`)).status).toBe(401);
      const kakaoAK = await call(`${kakao.controlURL}/state`, {
        headers: { authorization: `KakaoAK ${TOKEN}` },
      });
      expect(kakaoAK.status).toBe(401);
    });

    it('generates a random token when none is given', async () => {
      const other = await KakaoEmulator.start();
      try {
        expect(other.controlToken).toMatch(/^[A-Za-z0-9_-]{24}$/);
        expect(other.controlToken).not.toBe(kakao.controlToken);
        const state = await call(`${other.controlURL}/state`, {
          headers: { authorization: `Bearer ${other.controlToken}` },
        });
        expect(state.status).toBe(200);
      } finally {
        await other.stop();
      }
    });
  });

  it('keeps Kakao paths exactly Kakao: /_emulator requests are not in kakao.requests', async () => {
    await api('GET', '/state');
    expect(kakao.requests).toEqual([]);
    expect((await call(`${kakao.authBaseURL}/_emulator/nothing`)).status).toBe(404);
    expect((await api('GET', '/nothing')).status).toBe(404);
    expect((await api('DELETE', '/users')).status).toBe(405);
    const discovery = await call(`${kakao.authBaseURL}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
  });

  it('adds a user with a 19-digit id who can log in, and refuses bad user fields by name', async () => {
    const added = await api('POST', '/users', {
      id: '9223372036854775807',
      nickname: '홍길동',
      email: 'gildong@example.com',
      agreedScopes: ['profile_nickname', 'account_email'],
    });
    expect(added.status).toBe(201);
    expect(added.json()).toMatchObject({ id: '9223372036854775807', linked: true });
    const tokens = kakao.issueTokens('9223372036854775807');
    const me = await userMe(tokens.access_token);
    expect(me.text).toContain('"id":9223372036854775807');
    expect(me.json()).toMatchObject({ kakao_account: { email: 'gildong@example.com' } });

    const bad = await call(`${kakao.controlURL}/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: '{"id": 1376016924426111111, "gender": "m", "ageRange": "20-29", "nick": "x"}',
    });
    expect(bad.status).toBe(400);
    const problems = (bad.json() as { problems: string[] }).problems.join('\n');
    expect(problems).toContain('body.id: write the id as a string');
    expect(problems).toContain('body.gender: expected "female" or "male", got string "m"');
    expect(problems).toContain("body.ageRange: expected Kakao's age range with a tilde");
    expect(problems).toContain('body.nick: unknown field');
    expect((await api('POST', '/users', { id: '4012345678' })).status).toBe(400);
    expect((await api('POST', '/users', '[1]')).status).toBe(400);
  });

  it('updates a user: the next /v2/user/me shows it', async () => {
    const tokens = kakao.issueTokens('4012345678');
    const updated = await api('PATCH', '/users/4012345678', {
      email: 'new.address@example.com',
      isEmailVerified: false,
    });
    expect(updated.status).toBe(200);
    const me = (await userMe(tokens.access_token)).json() as {
      kakao_account: Record<string, unknown>;
    };
    expect(me.kakao_account).toMatchObject({
      email: 'new.address@example.com',
      is_email_verified: false,
    });
    expect((await api('PATCH', '/users/4012345678', { id: '5' })).status).toBe(400);
    expect((await api('PATCH', '/users/4000000001', { nickname: 'x' })).status).toBe(404);
  });

  it('switches faults on an endpoint and off again', async () => {
    const tokens = kakao.issueTokens('4012345678');
    const set = await api('PUT', '/faults', {
      endpoint: 'GET /v2/user/me',
      fault: { kakaoError: -401, times: 1 },
    });
    expect(set.status).toBe(200);
    expect(set.json()).toEqual({
      faults: [
        { endpoint: 'GET /v2/user/me', fault: { kakaoError: -401, times: 1 }, remaining: 1 },
      ],
    });
    expect((await api('GET', '/faults')).json()).toEqual(set.json());
    const failed = await userMe(tokens.access_token);
    expect(failed.status).toBe(401);
    expect(failed.json()).toMatchObject({ code: -401 });
    expect((await userMe(tokens.access_token)).status).toBe(200);

    await api('PUT', '/faults', { endpoint: '/v2/user/me', fault: { htmlError: true } });
    expect((await userMe(tokens.access_token)).text).toContain('502 Bad Gateway');
    await api('PUT', '/faults', { endpoint: 'POST /oauth/token', fault: { kakaoError: 'KOE237' } });
    const limited = await exchangeCode(kakao, 'whatever');
    expect(limited.json()).toMatchObject({ error_code: 'KOE237' });
    expect((await api('DELETE', '/faults?endpoint=%2Fv2%2Fuser%2Fme')).json()).toEqual({
      faults: [{ endpoint: 'POST /oauth/token', fault: { kakaoError: 'KOE237' } }],
    });
    expect((await userMe(tokens.access_token)).status).toBe(200);
    await api('DELETE', '/faults');
    expect(kakao.faults.list()).toEqual([]);

    const bad = await api('PUT', '/faults', {
      endpoint: 'v2/user/me',
      fault: { kakaoError: 'E320', lag: 1 },
    });
    expect(bad.status).toBe(400);
    const problems = (bad.json() as { problems: string[] }).problems.join('\n');
    expect(problems).toContain('body.endpoint: expected "METHOD /path" or "/path"');
    expect(problems).toContain('body.fault.kakaoError: expected a KOE code');
    expect(problems).toContain('body.fault.lag: unknown field');
  });

  it('revokes tokens and expires refresh tokens', async () => {
    const first = kakao.issueTokens('4012345678');
    const revoked = await api('POST', '/tokens/revoke', { userId: '4012345678' });
    expect(revoked.json()).toEqual({ revoked: 2 });
    expect((await userMe(first.access_token)).json()).toMatchObject({ code: -401 });

    const second = kakao.issueTokens('4012345678');
    expect((await api('POST', '/tokens/expire-refresh', { userId: '4012345678' })).json()).toEqual({
      expired: 1,
    });
    expect((await userMe(second.access_token)).status).toBe(200);
    const refresh = await postForm(`${kakao.authBaseURL}/oauth/token`, {
      grant_type: 'refresh_token',
      client_id: kakao.clientID,
      refresh_token: second.refresh_token!,
    });
    expect(refresh.json()).toMatchObject({ error: 'invalid_grant', error_code: 'KOE322' });
    expect((await api('POST', '/tokens/revoke', { userId: '4000000001' })).status).toBe(404);
    expect((await api('POST', '/tokens/revoke', {})).status).toBe(400);
  });

  it('sends the unlink webhook and records the delivery', async () => {
    const received: Array<{ authorization?: string; body: string }> = [];
    const app = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ authorization: req.headers.authorization, body });
        res.end();
      });
    });
    await new Promise<void>((done) => app.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/webhooks/kakao/unlink`;
    try {
      const sent = await api('POST', '/webhooks/unlink', {
        userId: '4012345678',
        referrerType: 'ACCOUNT_DELETE',
        url,
      });
      expect(sent.status).toBe(200);
      expect(sent.json()).toMatchObject({ status: 200, ok: true });
      expect(received).toEqual([
        {
          authorization: 'KakaoAK emulator-admin-key',
          body: 'app_id=1000001&user_id=4012345678&referrer_type=ACCOUNT_DELETE',
        },
      ]);
      expect(kakao.user('4012345678').linked).toBe(false);
      expect(kakao.webhookDeliveries).toMatchObject([
        { kind: 'unlink', url, userId: '4012345678', detail: 'ACCOUNT_DELETE', ok: true },
      ]);
      const state = (await api('GET', '/state')).json() as { webhookDeliveries: unknown[] };
      expect(state.webhookDeliveries).toHaveLength(1);
    } finally {
      await new Promise((done) => app.close(done));
    }
    const unknownKind = await api('POST', '/webhooks/nope', { userId: '4012345678' });
    expect(unknownKind.status).toBe(404);
    expect(unknownKind.text).toContain('Known: unlink');
    const bad = await api('POST', '/webhooks/unlink', { referrerType: 'BORED' });
    expect((bad.json() as { problems: string[] }).problems.join('\n')).toMatch(
      /body\.userId[\s\S]*body\.referrerType: expected ACCOUNT_DELETE/,
    );
  });

  it('resets to the state after start', async () => {
    const before = structuredClone(kakao.users[0]);
    await api('PATCH', '/users/4012345678', { nickname: '바뀐 이름', agreedScopes: [] });
    await api('POST', '/users', { id: '4099999999', nickname: '임시' });
    const tokens = kakao.issueTokens('4012345678');
    await api('PUT', '/faults', { endpoint: '/v2/user/me', fault: { status: 503 } });
    kakao.advanceClock(60_000);
    expect((await api('POST', '/reset')).json()).toEqual({ reset: true });
    expect(kakao.users.map((user) => user.id)).not.toContain('4099999999');
    expect(kakao.users).toHaveLength(6);
    expect(kakao.users[0]).toEqual(before);
    expect(kakao.faults.list()).toEqual([]);
    expect((await userMe(tokens.access_token)).status).toBe(401);
    expect(Math.abs(kakao.now() - Date.now())).toBeLessThan(5000);
  });

  it('reset keeps the generated ids of users given without one', async () => {
    const other = await KakaoEmulator.start({ users: [{ nickname: '아이디 없음' }] });
    try {
      const id = other.users[0].id;
      other.addUser({ nickname: '추가' });
      other.reset();
      expect(other.users.map((user) => [user.id, user.nickname])).toEqual([[id, '아이디 없음']]);
    } finally {
      await other.stop();
    }
  });

  it('records each Kakao request with client id, status and Kakao error code', async () => {
    const code = await codeFor(kakao);
    const tokens = (await exchangeCode(kakao, code)).json() as { access_token: string };
    await userMe(tokens.access_token);
    await userMe('not-a-token');
    await postForm(`${kakao.authBaseURL}/oauth/token`, {
      grant_type: 'authorization_code',
      client_id: 'someone-else',
      code: 'x',
    });
    await call(`${kakao.apiBaseURL}/v1/user/ids`, {
      headers: { authorization: 'KakaoAK emulator-admin-key' },
    });
    await api('GET', '/state');
    const kakaoRecords = records.filter((record) => !record.path.startsWith('/_emulator'));
    expect(
      kakaoRecords.map(({ method, path, clientId, status, errorCode }) => ({
        method,
        path,
        clientId,
        status,
        errorCode,
      })),
    ).toEqual([
      {
        method: 'GET',
        path: '/oauth/authorize',
        clientId: kakao.clientID,
        status: 302,
        errorCode: undefined,
      },
      {
        method: 'POST',
        path: '/oauth/token',
        clientId: kakao.clientID,
        status: 200,
        errorCode: undefined,
      },
      {
        method: 'GET',
        path: '/v2/user/me',
        clientId: kakao.clientID,
        status: 200,
        errorCode: undefined,
      },
      { method: 'GET', path: '/v2/user/me', clientId: undefined, status: 401, errorCode: '-401' },
      {
        method: 'POST',
        path: '/oauth/token',
        clientId: 'someone-else',
        status: 401,
        errorCode: 'KOE101',
      },
      {
        method: 'GET',
        path: '/v1/user/ids',
        clientId: 'admin key',
        status: 200,
        errorCode: undefined,
      },
    ]);
    expect(records.at(-1)).toMatchObject({ path: '/_emulator/api/state', status: 200 });
    const serialized = JSON.stringify(records);
    expect(serialized).not.toContain(tokens.access_token);
    expect(serialized).not.toContain(code);
  });

  it('records faults that never answer', async () => {
    kakao.faults.set('GET /v2/user/me', { reset: true });
    await expect(fetch(`${kakao.apiBaseURL}/v2/user/me`)).rejects.toThrow();
    expect(records.at(-1)).toMatchObject({
      path: '/v2/user/me',
      status: undefined,
      fault: 'reset',
    });
  });
});
