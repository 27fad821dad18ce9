import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KakaoApiError } from '../errors/kakao-api.error';
import { KakaoAuthError } from '../errors/kakao-auth.error';
import { KakaoNetworkError } from '../errors/kakao-network.error';
import { KakaoResponseError } from '../errors/kakao-response.error';
import { KakaoTimeoutError } from '../errors/kakao-timeout.error';
import { KakaoHttpClient } from './kakao-http.client';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

describe('KakaoHttpClient', () => {
  let server: Server;
  let base: string;
  let handler: Handler;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => handler(req, res, body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const http = new KakaoHttpClient({ timeoutMs: 500 });

  it('decodes a Korean nickname delivered one byte at a time', async () => {
    const payload = Buffer.from(JSON.stringify({ id: 1, nickname: '카카오 라이언' }), 'utf8');
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
      let i = 0;
      const tick = () => {
        if (i >= payload.length) return res.end();
        res.write(payload.subarray(i, i + 1));
        i++;
        setImmediate(tick);
      };
      tick();
    };
    const json = await http.json<{ nickname: string }>(
      { method: 'GET', url: base, endpoint: 'GET /x' },
      'kapi',
    );
    expect(json.nickname).toBe('카카오 라이언');
  });

  it('refuses a 2 MB body with a typed error, streamed or declared', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 0x61);
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(big.subarray(0, 1024 * 1024));
      res.end(big.subarray(1024 * 1024));
    };
    const streamed = http.send({ method: 'GET', url: base, endpoint: 'GET /big' });
    await expect(streamed).rejects.toBeInstanceOf(KakaoResponseError);
    await expect(streamed).rejects.toMatchObject({ problem: 'too_large' });
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': String(big.length) });
      res.end(big);
    };
    await expect(
      http.send({ method: 'GET', url: base, endpoint: 'GET /big' }),
    ).rejects.toMatchObject({
      problem: 'too_large',
    });
  });

  it('times out with the cause attached, within the timeout plus a margin', async () => {
    handler = () => undefined;
    const started = Date.now();
    const err = await http
      .send({ method: 'GET', url: base, endpoint: 'GET /hang' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KakaoTimeoutError);
    expect((err as KakaoTimeoutError).cause).toBeDefined();
    expect(Date.now() - started).toBeLessThan(500 + 200);
  });

  it('reuses one keep-alive connection for 20 sequential calls', async () => {
    const ports = new Set<number | undefined>();
    handler = (req, res) => {
      ports.add(req.socket.remotePort);
      res.end('{}');
    };
    const client = new KakaoHttpClient({ timeoutMs: 1000 });
    for (let i = 0; i < 20; i++) {
      await client.json({ method: 'GET', url: base, endpoint: 'GET /' }, 'kapi');
    }
    expect(ports.size).toBe(1);
  });

  it('sends forms url-encoded, leaving out undefined values', async () => {
    let seen: { body: string; type?: string } = { body: '' };
    handler = (req, res, body) => {
      seen = { body, type: req.headers['content-type'] };
      res.end('{}');
    };
    await http.json(
      {
        method: 'POST',
        url: base,
        endpoint: 'POST /t',
        form: { a: '카', client_secret: undefined, b: 'x y' },
      },
      'kauth',
    );
    expect(seen.type).toBe('application/x-www-form-urlencoded;charset=utf-8');
    expect(seen.body).toBe('a=%EC%B9%B4&b=x+y');
  });

  it('maps kauth and kapi error bodies to typed errors', async () => {
    handler = (_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        '{"error":"invalid_grant","error_description":"authorization code not found for code=SECRETCODE","error_code":"KOE320"}',
      );
    };
    const authErr = (await http
      .json({ method: 'POST', url: base, endpoint: 'POST /oauth/token' }, 'kauth')
      .catch((e) => e)) as KakaoAuthError;
    expect(authErr).toBeInstanceOf(KakaoAuthError);
    expect(authErr.errorCode).toBe('KOE320');
    expect(authErr.status).toBe(400);
    expect(String(authErr)).not.toContain('SECRETCODE');
    expect(JSON.stringify(authErr)).not.toContain('SECRETCODE');
    handler = (_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(
        '{"msg":"insufficient scopes.","code":-402,"api_type":"USER_ME","required_scopes":["account_email"],"allowed_scopes":["profile"]}',
      );
    };
    const apiErr = (await http
      .json({ method: 'GET', url: base, endpoint: 'GET /v2/user/me' }, 'kapi')
      .catch((e) => e)) as KakaoApiError;
    expect(apiErr).toBeInstanceOf(KakaoApiError);
    expect(apiErr).toMatchObject({
      code: -402,
      status: 403,
      requiredScopes: ['account_email'],
      allowedScopes: ['profile'],
    });
  });

  it('turns HTML error pages and malformed JSON into KakaoResponseError', async () => {
    handler = (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body>Bad Gateway</body></html>');
    };
    await expect(
      http.json({ method: 'GET', url: base, endpoint: 'GET /x' }, 'kapi'),
    ).rejects.toMatchObject({
      name: 'KakaoResponseError',
      status: 502,
      problem: 'unexpected',
    });
    handler = (_req, res) => res.end('{"id":');
    await expect(
      http.json({ method: 'GET', url: base, endpoint: 'GET /x' }, 'kapi'),
    ).rejects.toMatchObject({
      problem: 'malformed',
    });
  });

  it('reports refused connections as KakaoNetworkError', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const err = await http
      .send({ method: 'GET', url: `http://127.0.0.1:${port}/`, endpoint: 'GET /' })
      .catch((e) => e);
    expect(err).toBeInstanceOf(KakaoNetworkError);
    expect(err).not.toBeInstanceOf(KakaoTimeoutError);
  });
});
