import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What a unit spec's stub answers: a status and a body (an object is sent as JSON). */
export interface StubAnswer {
  status?: number;
  body?: unknown;
  /** Drop the connection without answering. */
  destroy?: boolean;
  delayMs?: number;
}

export interface StubRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A minimal HTTP server for unit specs: records every request and answers with `handler`.
 * The Kakao behaviour itself is tested against `KakaoEmulator` in test/api.
 */
export class StubKakaoServer {
  readonly requests: StubRequest[] = [];
  handler: (req: StubRequest) => StubAnswer | Promise<StubAnswer> = () => ({ body: {} });
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  base = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', async () => {
        const url = new URL(req.url ?? '/', 'http://stub');
        const request = {
          method: req.method ?? '',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body,
        };
        this.requests.push(request);
        const answer = await this.handler(request);
        if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
        if (answer.destroy) return req.socket.destroy();
        const text =
          typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json;charset=UTF-8' });
        res.end(text);
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((r) => this.server?.close(r));
  }
}
