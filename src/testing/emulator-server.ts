import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { faultOutcome, type EmulatorFaults } from './emulator-faults';
import {
  formToRecord,
  parseCookies,
  type EmulatorRequest,
  type EmulatorRequestLogEntry,
  type Reply,
  type RouteHandler,
} from './emulator-http';
import { errorCodeOf, faultName, type EmulatorRequestRecord } from './emulator-request.log';

const MAX_REQUEST_BODY = 1024 * 1024;

/** Paths under it are the emulator's own (control API, log page), never Kakao's. */
export const CONTROL_PREFIX = '/_emulator';

export interface ServerHooks {
  routes: Record<string, RouteHandler>;
  faults: EmulatorFaults;
  log: EmulatorRequestLogEntry[];
  now: () => number;
  /** Handles CONTROL_PREFIX paths: no faults, no delay, not in `log`. */
  control?: RouteHandler;
  /** The client id of a Kakao request, read before the endpoint runs. */
  identify?: (request: EmulatorRequest) => string | undefined;
  /** Called once per request when it is answered (or left hanging / reset by a fault). */
  onAnswered?: (record: EmulatorRequestRecord) => void;
}

/** The HTTP(S) server: connection accounting, request log, round-trip delay, faults, routing. */
export class EmulatorServer {
  connectionCount = 0;
  private readonly server: http.Server;
  private readonly socketIds = new WeakMap<Socket, number>();
  private readonly answeredOnce = new WeakSet<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextSocketId = 1;

  constructor(
    private readonly hooks: ServerHooks,
    tls?: { key: string; cert: string },
  ) {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`KakaoEmulator internal error: ${String(error)}`);
        }
      });
    };
    this.server = tls ? https.createServer({ ...tls }, handler) : http.createServer(handler);
    this.server.keepAliveTimeout = 5000;
    this.server.on('connection', () => {
      this.connectionCount += 1;
    });
    this.server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => {
      this.socketIds.set(socket, this.nextSocketId++);
    });
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /** Closes the listener and every open connection at once, hung requests included. */
  close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private delay(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private async readBody(req: http.IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size <= MAX_REQUEST_BODY) chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const socket = req.socket;
    const started = performance.now();
    const body = await this.readBody(req);
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = (req.method ?? 'GET').toUpperCase();
    const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
    const isForm = contentType.startsWith('application/x-www-form-urlencoded');
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers))
      if (value !== undefined) headers[name] = value;
    const query: Record<string, string> = {};
    for (const [key, value] of url.searchParams) if (!(key in query)) query[key] = value;
    const form = isForm ? formToRecord(body) : undefined;
    const entry: EmulatorRequestLogEntry = {
      method,
      path: url.pathname,
      query,
      headers,
      body,
      form,
      connectionId: this.socketIds.get(socket) ?? 0,
      at: this.hooks.now(),
    };
    const request: EmulatorRequest = {
      ...entry,
      params: { ...query, ...(form ?? {}) },
      cookies: parseCookies(req.headers.cookie),
      isForm,
    };
    const isControl =
      url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`);
    const record: EmulatorRequestRecord = {
      at: entry.at,
      method,
      path: url.pathname,
      clientId: isControl ? undefined : this.hooks.identify?.(request),
      durationMs: 0,
    };
    const answered = (reply?: Reply, status = reply?.status) => {
      record.status = status;
      if (reply) record.errorCode = errorCodeOf(reply);
      record.durationMs = Math.round(performance.now() - started);
      this.hooks.onAnswered?.(record);
    };
    if (isControl && this.hooks.control) {
      const reply = await this.hooks.control(request);
      this.write(res, reply);
      answered(reply);
      return;
    }
    this.hooks.log.push(entry);

    const { faults } = this.hooks;
    const firstOnConnection = !this.answeredOnce.has(socket);
    this.answeredOnce.add(socket);
    const fault = faults.take(method, url.pathname);
    if (fault) record.fault = faultName(fault);
    await this.delay(faults.rttMs * (firstOnConnection ? 3 : 1) + (fault?.latencyMs ?? 0));
    if (res.destroyed) {
      // The client gave up during the latency: logged without a status.
      answered();
      return;
    }

    const outcome = fault ? faultOutcome(fault, url.pathname) : { kind: 'pass' as const };
    if (outcome.kind === 'pass' && !fault?.latencyMs) record.fault = undefined;
    switch (outcome.kind) {
      case 'hang':
        answered();
        return;
      case 'reset':
        socket.destroy();
        answered();
        return;
      case 'reply':
        this.write(res, outcome.reply);
        answered(outcome.reply);
        return;
      case 'oversized':
        answered(undefined, outcome.status);
        await this.stream(res, outcome.bytes, outcome.status, outcome.contentType);
        return;
      case 'pass':
        break;
    }

    const route = this.hooks.routes[`${method} ${url.pathname}`];
    const otherMethod =
      !route && Object.keys(this.hooks.routes).some((key) => key.endsWith(` ${url.pathname}`));
    const reply: Reply = route
      ? await route(request)
      : {
          status: otherMethod ? 405 : 404,
          headers: { 'content-type': 'text/plain;charset=UTF-8' },
          body: otherMethod
            ? 'Method Not Allowed'
            : `KakaoEmulator: no route ${method} ${url.pathname}`,
        };
    this.write(res, reply);
    answered(reply);
  }

  private write(res: http.ServerResponse, reply: Reply): void {
    if (res.destroyed) return;
    const headers = { ...reply.headers };
    if (!('content-length' in headers))
      headers['content-length'] = String(Buffer.byteLength(reply.body));
    res.writeHead(reply.status, headers);
    res.end(reply.body);
  }

  /** Streams `bytes` bytes of a JSON-looking body, honouring backpressure, until the client quits. */
  private async stream(
    res: http.ServerResponse,
    bytes: number,
    status: number,
    contentType: string,
  ): Promise<void> {
    res.writeHead(status, { 'content-type': contentType });
    const head = '{"padding":"';
    const tail = '"}';
    const filler = Buffer.alloc(64 * 1024, 'a');
    let left = Math.max(0, bytes - head.length - tail.length);
    res.write(head);
    while (left > 0 && !res.destroyed) {
      const chunk = filler.subarray(0, Math.min(left, filler.length));
      left -= chunk.length;
      if (!res.write(chunk)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
    }
    if (!res.destroyed) res.end(tail);
  }
}
