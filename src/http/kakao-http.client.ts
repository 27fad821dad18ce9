import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createSecureContext, rootCertificates } from 'node:tls';
import { KakaoNetworkError } from '../errors/kakao-network.error';
import { KakaoResponseError } from '../errors/kakao-response.error';
import { KakaoTimeoutError } from '../errors/kakao-timeout.error';
import { parseExactJson } from '../util/exact-json';
import { errorFromResponse, type KakaoHost } from './kakao-error.mapper';
export type { KakaoHost } from './kakao-error.mapper';

/** Transport settings shared by `KakaoStrategy` and `KakaoApiClient`. */
export interface KakaoHttpOptions {
  /** Abort a call to Kakao after this many ms (default 10000). */
  timeoutMs?: number;
  /** Refuse answers bigger than this many bytes (default 1 MiB). */
  maxResponseBytes?: number;
  /** Extra CA certificates to trust (PEM), e.g. the `KakaoEmulator`'s `caPem` in HTTPS mode. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** An agent to use instead of the built-in keep-alive agents (proxies, tests). */
  agent?: HttpAgent;
  /** Headers added to every request to Kakao (passport-oauth2's option); never `Authorization`. */
  customHeaders?: Record<string, string>;
  /** `User-Agent` of requests to Kakao (passport-kakao's option; `customHeaders` wins). */
  userAgent?: string;
}

/** One call to Kakao. `endpoint` labels errors (`POST /oauth/token`) and never holds a query. */
export interface KakaoHttpRequest {
  method: 'GET' | 'POST';
  url: string;
  endpoint: string;
  headers?: Record<string, string>;
  /** Sent as `application/x-www-form-urlencoded;charset=utf-8`; undefined values are left out. */
  form?: Record<string, string | undefined>;
  /** A form already encoded (`application/x-www-form-urlencoded`); used instead of `form`. */
  formBody?: string;
  /** Safe to send again after a connection error (GET without side effects). */
  idempotent?: boolean;
}

export interface KakaoHttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
const USER_AGENT = 'nestjs-kakao-auth';
/** Headers the client sets itself: an app's `customHeaders` cannot replace them. */
const RESERVED_HEADERS = new Set(['authorization', 'content-length', 'content-type', 'host']);

const httpAgent = new HttpAgent({ keepAlive: true, scheduling: 'lifo' });
const httpsAgents = new Map<string, HttpsAgent>();

/** One keep-alive agent per CA set, shared by every client in the process. */
function httpsAgentFor(ca: KakaoHttpOptions['ca']): HttpsAgent {
  const key = ca === undefined ? '' : [ca].flat().map(String).join('\n');
  let agent = httpsAgents.get(key);
  if (!agent) {
    // A secure context, not `ca`: Node puts `ca` into every request's socket-pool key. The extra
    // CAs are added to Node's own roots, so the real Kakao stays trusted too.
    agent = new HttpsAgent({
      keepAlive: true,
      scheduling: 'lifo',
      secureContext:
        ca === undefined
          ? undefined
          : createSecureContext({ ca: [...rootCertificates, ...[ca].flat()] }),
    });
    httpsAgents.set(key, agent);
  }
  return agent;
}

/**
 * The only way this library talks to Kakao: keep-alive connections, a timeout on the whole
 * call, a cap on the body size, UTF-8 decoded once over the whole body (a Hangul nickname split
 * across chunks stays intact), and typed errors. Nothing here logs.
 *
 * @internal
 */
export class KakaoHttpClient {
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  private agent?: HttpAgent;
  private readonly httpsAgent: HttpsAgent;
  /** User-Agent, Accept and the app's custom headers, merged once. */
  private readonly baseHeaders: Readonly<Record<string, string>>;

  constructor(options: KakaoHttpOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.agent = options.agent;
    this.httpsAgent = httpsAgentFor(options.ca);
    const headers: Record<string, string> = {
      'user-agent': options.userAgent || USER_AGENT,
      accept: 'application/json',
    };
    for (const [name, value] of Object.entries(options.customHeaders ?? {})) {
      const key = name.toLowerCase();
      if (!RESERVED_HEADERS.has(key) && typeof value === 'string') headers[key] = value;
    }
    this.baseHeaders = headers;
  }

  /** Sends every later call through `agent` (a proxy agent), or the built-in ones when undefined. */
  setAgent(agent: HttpAgent | undefined): void {
    this.agent = agent;
  }

  /**
   * Sends the call and reads the whole body; throws only network, timeout and size errors. An
   * idempotent call is sent once more after a connection error (a keep-alive socket the server
   * had just closed), never after a timeout.
   */
  send(call: KakaoHttpRequest): Promise<KakaoHttpResponse> {
    const sent = this.sendOnce(call);
    if (!call.idempotent) return sent;
    return sent.catch((err: unknown) => {
      if (err instanceof KakaoNetworkError && !(err instanceof KakaoTimeoutError))
        return this.sendOnce(call);
      throw err;
    });
  }

  /** Sends the call and parses a JSON answer; a non-2xx answer becomes the host's typed error. */
  async json<T>(call: KakaoHttpRequest, host: KakaoHost): Promise<T> {
    const res = await this.send(call);
    if (res.status < 200 || res.status >= 300) throw errorFromResponse(call.endpoint, res, host);
    let parsed: unknown;
    try {
      parsed = parseExactJson(res.text);
    } catch {
      throw new KakaoResponseError(
        call.endpoint,
        'malformed',
        'the body is not valid JSON',
        res.status,
      );
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new KakaoResponseError(
        call.endpoint,
        'malformed',
        'expected a JSON object',
        res.status,
      );
    }
    return parsed as T;
  }

  private sendOnce(call: KakaoHttpRequest): Promise<KakaoHttpResponse> {
    const headers: Record<string, string> = { ...this.baseHeaders, ...call.headers };
    let body: string | undefined;
    if (call.formBody !== undefined || call.form) {
      if (call.formBody !== undefined) body = call.formBody;
      else {
        const form = new URLSearchParams();
        for (const [key, value] of Object.entries(call.form!)) {
          if (value !== undefined) form.append(key, value);
        }
        body = form.toString();
      }
      headers['content-type'] = 'application/x-www-form-urlencoded;charset=utf-8';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const target = parseTarget(call.url);
    const https = target.https;
    const max = this.maxResponseBytes;
    return new Promise<KakaoHttpResponse>((resolve, reject) => {
      let settled = false;
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        reject(err);
      };
      const req = (https ? httpsRequest : httpRequest)({
        hostname: target.hostname,
        port: target.port,
        path: target.path,
        method: call.method,
        headers,
        agent: this.agent ?? (https ? this.httpsAgent : httpAgent),
      });
      const timer = setTimeout(
        () => fail(new KakaoTimeoutError(call.endpoint, this.timeoutMs, new Error('ETIMEDOUT'))),
        this.timeoutMs,
      );
      req.on('error', (err) => fail(new KakaoNetworkError(call.endpoint, err)));
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        if (Number(res.headers['content-length']) > max) {
          res.destroy();
          return fail(tooLarge(call.endpoint, max, status));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > max) {
            res.destroy();
            return fail(tooLarge(call.endpoint, max, status));
          }
          chunks.push(chunk);
        });
        res.on('error', (err) => fail(new KakaoNetworkError(call.endpoint, err)));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const text =
            chunks.length === 1
              ? chunks[0].toString('utf8')
              : Buffer.concat(chunks, size).toString('utf8');
          resolve({ status, headers: res.headers, text });
        });
      });
      req.end(body);
    });
  }
}

interface Target {
  https: boolean;
  hostname: string;
  port: string;
  path: string;
}

const targets = new Map<string, Target>();

/** Parsed once per URL: the strategy's Kakao URLs never change. Bounded for varying queries. */
function parseTarget(href: string): Target {
  let target = targets.get(href);
  if (!target) {
    const url = new URL(href);
    target = {
      https: url.protocol === 'https:',
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port,
      path: `${url.pathname}${url.search}`,
    };
    if (targets.size >= 256) targets.clear();
    targets.set(href, target);
  }
  return target;
}

function tooLarge(endpoint: string, max: number, status: number): KakaoResponseError {
  return new KakaoResponseError(endpoint, 'too_large', `body larger than ${max} bytes`, status);
}
