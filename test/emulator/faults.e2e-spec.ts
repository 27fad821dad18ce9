import http from 'node:http';
import { KakaoEmulator } from '../../src/testing';
import { call, codeFor, exchangeCode, postForm } from '../support/emulator-calls';

/** A raw request on a fresh connection, so resets and streamed bodies can be observed. */
function rawGet(url: string): Promise<{ status?: number; bytes: number; error?: string }> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve({ status: response.statusCode, bytes }));
      response.on('error', (error) =>
        resolve({ status: response.statusCode, bytes, error: error.message }),
      );
    });
    request.on('error', (error) =>
      resolve({ bytes: 0, error: (error as NodeJS.ErrnoException).code }),
    );
  });
}

describe('KakaoEmulator faults, request log and connections', () => {
  let kakao: KakaoEmulator;
  let token: string;

  beforeEach(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
    token = kakao.issueTokens('4012345678').access_token;
  });

  afterEach(async () => {
    await kakao.stop();
  });

  const me = () =>
    call(`${kakao.apiBaseURL}/v2/user/me`, { headers: { authorization: `Bearer ${token}` } });

  it('latencyMs delays the answer', async () => {
    kakao.faults.set('GET /v2/user/me', { latencyMs: 300 });
    const started = Date.now();
    expect((await me()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('status answers with Kakao’s error shape; times limits it to the next N requests', async () => {
    kakao.faults.set('/v2/user/me', { status: 503, times: 2 });
    const first = await me();
    expect(first.status).toBe(503);
    expect(first.json()).toMatchObject({ code: -1 });
    expect((await me()).status).toBe(503);
    expect((await me()).status).toBe(200);
  });

  it('kakaoError gives the documented shapes (KOE237, -10, -402 with scopes)', async () => {
    kakao.faults.set('POST /oauth/token', { kakaoError: 'KOE237', times: 1 });
    const limited = await exchangeCode(kakao, await codeFor(kakao));
    expect(limited.json()).toMatchObject({ error_code: 'KOE237', error: 'invalid_request' });
    kakao.faults.set('GET /v2/user/me', { kakaoError: -10, times: 1 });
    const quota = await me();
    expect(quota.status).toBe(429);
    expect(quota.json()).toEqual({ msg: 'API limit has been exceeded.', code: -10 });
    kakao.faults.set('GET /v2/user/me', {
      kakaoError: -402,
      requiredScopes: ['account_email'],
      times: 1,
    });
    const scope = await me();
    expect(scope.status).toBe(403);
    expect(scope.json()).toMatchObject({
      code: -402,
      required_scopes: ['account_email'],
      allowed_scopes: expect.any(Array),
    });
    kakao.faults.set('GET /v2/user/me', { kakaoError: -401, times: 1 });
    expect((await me()).headers.get('www-authenticate')).toBe('Bearer error=invalid_token');
  });

  it('body and contentType are sent as given', async () => {
    kakao.faults.set('GET /v2/user/me', { status: 200, body: 'plain', contentType: 'text/plain' });
    const answer = await me();
    expect(answer.text).toBe('plain');
    expect(answer.headers.get('content-type')).toBe('text/plain');
  });

  it('malformedJson sends truncated JSON; htmlError a 502 page', async () => {
    kakao.faults.set('POST /oauth/token', { malformedJson: true });
    const broken = await exchangeCode(kakao, await codeFor(kakao));
    expect(broken.status).toBe(200);
    expect(() => broken.json()).toThrow(SyntaxError);
    kakao.faults.set('GET /v2/user/me', { htmlError: true });
    const html = await me();
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.text).toContain('502 Bad Gateway');
  });

  it('reset destroys the socket; hang never answers', async () => {
    kakao.faults.set('GET /v2/user/me', { reset: true });
    const reset = await rawGet(`${kakao.apiBaseURL}/v2/user/me`);
    expect(reset.status).toBeUndefined();
    expect(reset.error).toBe('ECONNRESET');
    kakao.faults.set('GET /v2/user/me', { hang: true });
    const hung = await Promise.race([
      me().then(() => 'answered'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 400)),
    ]);
    expect(hung).toBe('still waiting');
  });

  it('oversizedBytes streams a body of that size', async () => {
    kakao.faults.set('GET /v2/user/me', { oversizedBytes: 5 * 1024 * 1024 });
    const answer = await rawGet(`${kakao.apiBaseURL}/v2/user/me`);
    expect(answer).toEqual({ status: 200, bytes: 5 * 1024 * 1024 });
  });

  it('faults.clear removes one key or all', async () => {
    kakao.faults.set('/v2/user/me', { status: 500 });
    kakao.faults.clear('/v2/user/me');
    expect((await me()).status).toBe(200);
    kakao.faults.set('GET /v2/user/me', { status: 500 });
    kakao.faults.clear();
    expect((await me()).status).toBe(200);
    expect(() => kakao.faults.set('nonsense', {})).toThrow(/METHOD \/path/);
  });

  it('rttMs delays every request by N and a new connection’s first one by 2N more', async () => {
    kakao.faults.rttMs = 100;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const timed = () =>
      new Promise<number>((resolve) => {
        const started = Date.now();
        http.get(
          `${kakao.apiBaseURL}/v2/user/me`,
          { agent, headers: { authorization: `Bearer ${token}` } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(Date.now() - started));
          },
        );
      });
    const first = await timed();
    const second = await timed();
    agent.destroy();
    expect(first).toBeGreaterThanOrEqual(290);
    expect(second).toBeGreaterThanOrEqual(95);
    expect(second).toBeLessThan(250);
  });

  it('logs requests with connection ids; keep-alive reuses one connection', async () => {
    kakao.clearRequests();
    const before = kakao.connectionCount;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<void>((resolve) => {
        http.get(
          `${kakao.apiBaseURL}/v2/user/me?x=1`,
          { agent, headers: { authorization: `Bearer ${token}` } },
          (res) => {
            res.resume();
            res.on('end', () => resolve());
          },
        );
      });
    await get();
    await get();
    agent.destroy();
    await postForm(`${kakao.authBaseURL}/oauth/tokeninfo`, { id_token: 'x' });
    expect(kakao.connectionCount - before).toBe(2);
    const [a, b, c] = kakao.requests;
    expect(a).toMatchObject({ method: 'GET', path: '/v2/user/me', query: { x: '1' }, body: '' });
    expect(a.headers.authorization).toBe(`Bearer ${token}`);
    expect(b.connectionId).toBe(a.connectionId);
    expect(c).toMatchObject({
      method: 'POST',
      path: '/oauth/tokeninfo',
      form: { id_token: 'x' },
      body: 'id_token=x',
    });
    expect(c.connectionId).not.toBe(a.connectionId);
    kakao.clearRequests();
    expect(kakao.requests).toHaveLength(0);
  });

  it('stop() closes hung connections at once', async () => {
    kakao.faults.set('GET /v2/user/me', { hang: true });
    const pending = me().then(
      () => 'answered',
      () => 'closed',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await kakao.stop();
    expect(Date.now() - started).toBeLessThan(500);
    expect(await pending).toBe('closed');
    kakao = await KakaoEmulator.start();
  });
});
