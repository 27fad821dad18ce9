import type { EmulatorFault } from './emulator-faults';
import type { EmulatorRequest, Reply } from './emulator-http';
import type { EmulatorState } from './emulator-state';

/** One answered request as the stdout log and the log page show it: no tokens, codes or secrets. */
export interface EmulatorRequestRecord {
  /** Emulator clock (ms) when the request arrived. */
  at: number;
  method: string;
  /** Path only: the query can hold codes and tokens. */
  path: string;
  /** `client_id`, the app a Bearer token was issued to, or `admin key` for KakaoAK calls. */
  clientId?: string;
  /** HTTP status; undefined when no answer was sent (hang, reset). */
  status?: number;
  /** Kakao's error: `KOE320`, `-401`, or a redirect's `error=` (`access_denied`). */
  errorCode?: string;
  /** The fault that answered instead of the endpoint, if any. */
  fault?: string;
  durationMs: number;
}

/** Requests kept for the log page. */
export const RECENT_REQUESTS_KEPT = 200;

function header(request: EmulatorRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Which app a request is for, read before the endpoint runs (logout and unlink revoke the
 * token the client id is found with).
 */
export function clientIdOf(state: EmulatorState, request: EmulatorRequest): string | undefined {
  if (request.params.client_id) return request.params.client_id;
  const auth = /^(\S+)\s+(\S+)/.exec(header(request, 'authorization') ?? '');
  if (auth?.[1] === 'KakaoAK') return 'admin key';
  const token = auth?.[1].toLowerCase() === 'bearer' ? auth[2] : request.query.access_token;
  return token ? state.tokens.accessToken(token)?.clientId : undefined;
}

/** Kakao's error code in a reply: kauth `error_code`, kapi `code`, a redirect's `error`, a KOE page. */
export function errorCodeOf(reply: Reply): string | undefined {
  const location = reply.headers.location;
  if (reply.status >= 300 && reply.status < 400 && typeof location === 'string') {
    try {
      return new URL(location).searchParams.get('error') ?? undefined;
    } catch {
      return undefined;
    }
  }
  if (reply.status < 400) return undefined;
  const type = String(reply.headers['content-type'] ?? '');
  if (type.includes('json')) {
    const match = /"error_code"\s*:\s*"(KOE\d+)"|"code"\s*:\s*(-\d+)/.exec(
      reply.body.slice(0, 4096),
    );
    return match?.[1] ?? match?.[2];
  }
  return /\bKOE\d{3}\b/.exec(reply.body)?.[0];
}

/** A short name for what a fault does, for the log. */
export function faultName(fault: EmulatorFault): string {
  if (fault.hang) return 'hang';
  if (fault.reset) return 'reset';
  if (fault.oversizedBytes !== undefined) return `huge body ${fault.oversizedBytes} B`;
  if (fault.htmlError) return 'html';
  if (fault.malformedJson) return 'bad json';
  if (fault.kakaoError !== undefined) return String(fault.kakaoError);
  if (fault.status !== undefined || fault.body !== undefined)
    return `status ${fault.status ?? 200}`;
  return `latency ${fault.latencyMs ?? 0} ms`;
}

const COLOURS = { red: 31, green: 32, yellow: 33, grey: 90 } as const;

function paint(text: string, colour: keyof typeof COLOURS, enabled: boolean): string {
  return enabled ? `\u001b[${COLOURS[colour]}m${text}\u001b[39m` : text;
}

/**
 * One stdout line: time, method, path, client id, status, result. Colour only when asked
 * (the CLI asks when stdout is a TTY and NO_COLOR is unset).
 */
export function formatRequestLine(record: EmulatorRequestRecord, colour = false): string {
  const time = new Date(record.at).toISOString().slice(11, 23);
  const status = record.status === undefined ? '---' : String(record.status);
  const result = record.fault
    ? `fault: ${record.fault}${record.errorCode && record.errorCode !== record.fault ? ` ${record.errorCode}` : ''}`
    : (record.errorCode ?? 'ok');
  const tone =
    record.fault || record.status === undefined || record.status >= 500
      ? 'red'
      : record.status >= 400 || record.errorCode
        ? 'yellow'
        : 'green';
  return [
    paint(time, 'grey', colour),
    record.method.padEnd(6),
    record.path.padEnd(32),
    (record.clientId ?? '-').padEnd(24),
    paint(status, tone, colour),
    paint(result, tone, colour),
    paint(`${record.durationMs} ms`, 'grey', colour),
  ].join(' ');
}
