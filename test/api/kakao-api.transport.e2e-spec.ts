import { KakaoNetworkError, KakaoResponseError, KakaoTimeoutError } from '../../src/errors';
import {
  clientFor,
  received,
  rejection,
  startApiFixture,
  tokensFor,
  USER,
  type ApiFixture,
} from './api-e2e.helpers';

/** Connections, timeouts, retries and broken answers, counted on the emulator's side. */
describe('KakaoApiClient transport against the emulator', () => {
  let f: ApiFixture;
  let token: string;

  beforeAll(async () => {
    f = await startApiFixture();
    token = tokensFor(f.kakao, USER).access_token;
  });
  afterAll(() => f.kakao.stop());
  beforeEach(() => {
    f.kakao.clearRequests();
    f.kakao.faults.clear();
  });

  it('20 sequential calls travel over one TCP connection (counted by the emulator)', async () => {
    const fresh = await startApiFixture();
    try {
      const { access_token } = tokensFor(fresh.kakao, USER);
      for (let i = 0; i < 20; i++) {
        await (i % 2
          ? fresh.client.getUser(access_token)
          : fresh.client.getTokenInfo(access_token));
      }
      expect(fresh.kakao.requests).toHaveLength(20);
      expect(fresh.kakao.connectionCount).toBe(1);
      expect(new Set(fresh.kakao.requests.map((r) => r.connectionId)).size).toBe(1);
    } finally {
      await fresh.kakao.stop();
    }
  });

  it('times out within timeout + 100 ms on injected latency, with the cause attached', async () => {
    const client = clientFor(f.kakao, { timeoutMs: 300 });
    f.kakao.faults.set('GET /v2/user/me', { latencyMs: 2000 });
    const started = performance.now();
    const err = await rejection(client.getUser(token));
    const elapsed = performance.now() - started;
    expect(err).toBeInstanceOf(KakaoTimeoutError);
    expect(err).toBeInstanceOf(KakaoNetworkError);
    expect(err).toMatchObject({ endpoint: 'GET /v2/user/me', timeoutMs: 300 });
    expect(err.cause).toBeInstanceOf(Error);
    expect(elapsed).toBeGreaterThanOrEqual(295);
    expect(elapsed).toBeLessThan(400);
    // A timeout is never retried, not even for a GET.
    expect(received(f.kakao, 'GET /v2/user/me')).toHaveLength(1);
  });

  it('a refresh that hangs times out and is not sent again', async () => {
    const client = clientFor(f.kakao, { timeoutMs: 200 });
    f.kakao.faults.set('POST /oauth/token', { hang: true });
    const { refresh_token } = tokensFor(f.kakao, USER);
    const err = await rejection(client.refreshTokens(refresh_token as string));
    expect(err).toBeInstanceOf(KakaoTimeoutError);
    expect(received(f.kakao, 'POST /oauth/token')).toHaveLength(1);
  });

  it('retries a GET once after a reset connection, and never a POST', async () => {
    f.kakao.faults.set('GET /v2/user/me', { reset: true, times: 1 });
    await expect(f.client.getUser(token)).resolves.toMatchObject({ id: USER });
    expect(received(f.kakao, 'GET /v2/user/me')).toHaveLength(2);

    f.kakao.faults.set('POST /v1/user/update_profile', { reset: true, times: 1 });
    const err = await rejection(f.client.updateProfile(token, { clothing_size: 'S' }));
    expect(err).toBeInstanceOf(KakaoNetworkError);
    expect(err.cause).toBeDefined();
    expect(received(f.kakao, 'POST /v1/user/update_profile')).toHaveLength(1);

    f.kakao.faults.set('GET /v2/user/me', { reset: true, times: 2 });
    await expect(f.client.getUser(token)).rejects.toBeInstanceOf(KakaoNetworkError);
  });

  it('turns malformed JSON, an HTML page and an oversized body into KakaoResponseError', async () => {
    f.kakao.faults.set('GET /v2/user/me', { malformedJson: true, times: 1 });
    await expect(f.client.getUser(token)).rejects.toMatchObject({ problem: 'malformed' });
    f.kakao.faults.set('GET /v2/user/scopes', { htmlError: true, times: 1 });
    const html = await rejection(f.client.getScopes(token));
    expect(html).toBeInstanceOf(KakaoResponseError);
    expect(html).toMatchObject({ status: 502 });
    f.kakao.faults.set('GET /v1/user/access_token_info', {
      oversizedBytes: 2 * 1024 * 1024,
      times: 1,
    });
    await expect(f.client.getTokenInfo(token)).rejects.toMatchObject({ problem: 'too_large' });
  });

  it('maps injected Kakao errors: -9798 maintenance is retryable, KOE237 on refresh', async () => {
    f.kakao.faults.set('GET /v2/user/me', { kakaoError: -9798, times: 1 });
    await expect(f.client.getUser(token)).rejects.toMatchObject({
      code: -9798,
      status: 503,
      retryable: true,
    });
    f.kakao.faults.set('POST /oauth/token', { kakaoError: 'KOE237', times: 1 });
    await expect(
      f.client.refreshTokens(tokensFor(f.kakao, USER).refresh_token as string),
    ).rejects.toMatchObject({ errorCode: 'KOE237' });
  });

  it('a refused connection is a KakaoNetworkError with the cause', async () => {
    const gone = await startApiFixture();
    const client = clientFor(gone.kakao);
    await gone.kakao.stop();
    const err = await rejection(client.getUser(token));
    expect(err).toBeInstanceOf(KakaoNetworkError);
    expect(err).toMatchObject({ endpoint: 'GET /v2/user/me' });
    expect((err.cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  describe('over HTTPS', () => {
    let secure: ApiFixture;
    beforeAll(async () => {
      secure = await startApiFixture({ https: true });
    });
    afterAll(() => secure.kakao.stop());

    it('works with the emulator CA, and keeps one connection', async () => {
      expect(secure.kakao.apiBaseURL).toMatch(/^https:/);
      const { access_token } = tokensFor(secure.kakao, USER);
      for (let i = 0; i < 5; i++) {
        await expect(secure.client.getUser(access_token)).resolves.toMatchObject({ id: USER });
      }
      expect(secure.kakao.connectionCount).toBe(1);
    });

    it('refuses the self-signed certificate without the CA', async () => {
      const untrusting = clientFor(secure.kakao, { ca: undefined });
      const err = await rejection(untrusting.getUser('x'));
      expect(err).toBeInstanceOf(KakaoNetworkError);
      expect(err).not.toBeInstanceOf(KakaoTimeoutError);
    });
  });
});
