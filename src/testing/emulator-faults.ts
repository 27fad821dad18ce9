import { apiErrorReply, authErrorReply, htmlReply, type Reply } from './emulator-http';

/** A Kakao error to answer with: a kauth KOE code or a kapi numeric code. */
export type KakaoErrorFault = `KOE${number}` | number;

/** What to do to requests of one endpoint. Effects combine: latency first, then the answer. */
export interface EmulatorFault {
  /** Extra delay before answering. */
  latencyMs?: number;
  /** Never answer (the socket stays open until the client gives up or stop()). */
  hang?: boolean;
  /** Answer with this status (body `body`, or a Kakao error shape when no body is given). */
  status?: number;
  body?: string;
  contentType?: string;
  /** Destroy the socket without answering. */
  reset?: boolean;
  /** 200 (or `status`) with a truncated JSON body. */
  malformedJson?: boolean;
  /** A 502 HTML page, as a proxy in front of Kakao would send. */
  htmlError?: boolean;
  /** Stream a JSON-looking body of this many bytes. */
  oversizedBytes?: number;
  /** Answer with Kakao's error shape for this code (status per reference §1.7). */
  kakaoError?: KakaoErrorFault;
  /** required_scopes of a -402 error; default ['account_email']. */
  requiredScopes?: string[];
  /** Apply to the next N matching requests only; default forever. */
  times?: number;
}

/** What the server does after a fault's latency. */
export type FaultOutcome =
  | { kind: 'pass' }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'reply'; reply: Reply }
  | { kind: 'oversized'; bytes: number; status: number; contentType: string };

interface FaultEntry {
  fault: EmulatorFault;
  remaining: number | undefined;
}

/** Per-endpoint faults: keys are 'METHOD /path' or '/path' (any method). */
export class EmulatorFaults {
  /** Round-trip delay for benchmarks: every request waits N ms, a new connection's first one 3N ms. */
  rttMs = 0;
  private readonly entries = new Map<string, FaultEntry>();

  set(key: string, fault: EmulatorFault): void {
    this.entries.set(normalizeKey(key), { fault: { ...fault }, remaining: fault.times });
  }

  /** Removes one endpoint's fault, or all faults (and rttMs) when no key is given. */
  clear(key?: string): void {
    if (key === undefined) {
      this.entries.clear();
      this.rttMs = 0;
    } else {
      this.entries.delete(normalizeKey(key));
    }
  }

  /** The faults switched on, for the control API. */
  list(): Array<{ endpoint: string; fault: EmulatorFault; remaining?: number }> {
    return [...this.entries].map(([endpoint, entry]) => ({
      endpoint,
      fault: { ...entry.fault },
      ...(entry.remaining === undefined ? {} : { remaining: entry.remaining }),
    }));
  }

  /** The fault for this request, if any; counts one use of a `times`-limited fault. */
  take(method: string, path: string): EmulatorFault | undefined {
    for (const key of [`${method.toUpperCase()} ${path}`, path]) {
      const entry = this.entries.get(key);
      if (!entry) continue;
      if (entry.remaining !== undefined) {
        entry.remaining -= 1;
        if (entry.remaining <= 0) this.entries.delete(key);
      }
      return entry.fault;
    }
    return undefined;
  }
}

function normalizeKey(key: string): string {
  const match = /^(?:([A-Za-z]+)\s+)?(\/\S*)$/.exec(key.trim());
  if (!match) throw new Error(`Fault key must be 'METHOD /path' or '/path', got "${key}"`);
  return match[1] ? `${match[1].toUpperCase()} ${match[2]}` : match[2];
}

const KOE_ERRORS: Record<string, [number, string, string]> = {
  KOE001: [400, 'invalid_request', 'bad request'],
  KOE003: [500, 'server_error', 'temporary error, try again'],
  KOE010: [401, 'invalid_client', 'Bad client credentials'],
  KOE101: [401, 'invalid_client', 'Not exist client_id'],
  KOE237: [400, 'invalid_request', 'token issuance rate limit exceeded'],
  KOE303: [400, 'invalid_grant', 'Redirect URI mismatch.'],
  KOE319: [400, 'invalid_grant', 'refresh_token is required'],
  KOE320: [400, 'invalid_grant', 'authorization code not found for code=emulated'],
  KOE322: [400, 'invalid_grant', 'expired_or_invalid_refresh_token'],
  KOE400: [400, 'invalid_token', 'invalid id_token'],
};

const API_ERRORS: Record<number, [number, string]> = {
  [-1]: [400, 'internal error, try again'],
  [-2]: [400, 'invalid parameter'],
  [-3]: [403, 'this API is not supported for the app'],
  [-4]: [403, 'blocked account'],
  [-5]: [403, 'access denied'],
  [-10]: [429, 'API limit has been exceeded.'],
  [-101]: [400, 'the user is not linked to this app'],
  [-102]: [400, 'already registered'],
  [-103]: [400, 'dormant or nonexistent account'],
  [-201]: [400, 'user property not found'],
  [-401]: [401, 'this access token does not exist'],
  [-402]: [403, 'Check the required_scopes in the response body, and request additional consent'],
  [-406]: [401, 'under age limit'],
  [-9798]: [503, 'service under maintenance'],
};

function isAuthPath(path: string): boolean {
  return path.startsWith('/oauth') || path.startsWith('/.well-known');
}

function kakaoErrorReply(fault: EmulatorFault, code: KakaoErrorFault): Reply {
  if (typeof code === 'string') {
    const [status, error, description] = KOE_ERRORS[code] ?? [400, 'invalid_request', code];
    return authErrorReply(fault.status ?? status, error, description, code);
  }
  const [status, msg] = API_ERRORS[code] ?? [400, `error ${code}`];
  const extra =
    code === -402
      ? {
          api_type: 'USER_ME',
          required_scopes: fault.requiredScopes ?? ['account_email'],
          allowed_scopes: ['profile_nickname', 'profile_image'],
        }
      : {};
  return apiErrorReply(fault.status ?? status, code, msg, extra);
}

const BAD_GATEWAY_PAGE = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

/** Turns a fault into what the server does (after its latency). */
export function faultOutcome(fault: EmulatorFault, path: string): FaultOutcome {
  if (fault.hang) return { kind: 'hang' };
  if (fault.reset) return { kind: 'reset' };
  const contentType = fault.contentType;
  if (fault.oversizedBytes !== undefined) {
    return {
      kind: 'oversized',
      bytes: fault.oversizedBytes,
      status: fault.status ?? 200,
      contentType: contentType ?? 'application/json;charset=UTF-8',
    };
  }
  if (fault.htmlError) {
    return { kind: 'reply', reply: htmlReply(fault.status ?? 502, BAD_GATEWAY_PAGE) };
  }
  if (fault.malformedJson) {
    const body = isAuthPath(path)
      ? '{"token_type":"bearer","access_token":"'
      : '{"id":1234567890,"kakao_account":{';
    return {
      kind: 'reply',
      reply: {
        status: fault.status ?? 200,
        headers: { 'content-type': contentType ?? 'application/json;charset=UTF-8' },
        body,
      },
    };
  }
  if (fault.kakaoError !== undefined) {
    return { kind: 'reply', reply: kakaoErrorReply(fault, fault.kakaoError) };
  }
  if (fault.status !== undefined || fault.body !== undefined) {
    const status = fault.status ?? 200;
    if (fault.body === undefined && status >= 400) {
      const code = isAuthPath(path) ? 'KOE003' : -1;
      return { kind: 'reply', reply: kakaoErrorReply({ ...fault, status }, code) };
    }
    return {
      kind: 'reply',
      reply: {
        status,
        headers: { 'content-type': contentType ?? 'application/json;charset=UTF-8' },
        body: fault.body ?? '',
      },
    };
  }
  return { kind: 'pass' };
}
