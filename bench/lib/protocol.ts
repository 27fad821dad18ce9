/** Messages between run-bench (the parent) and its child processes, over the IPC channel. */

export type VariantName = 'ours' | 'ours-oidc' | 'openid-client' | 'passport-kakao' | 'baseline';
/** `ours-cookie`: ours with the login state in sealed cookies (state-size and RSS checks only). */
export type AppVariantName = VariantName | 'ours-cookie';

export const VARIANTS: readonly VariantName[] = [
  'ours',
  'ours-oidc',
  'openid-client',
  'passport-kakao',
  'baseline',
];

/** The variants that log in with OpenID Connect (served by the emulator with OIDC on). */
export const OIDC_VARIANTS: readonly AppVariantName[] = ['ours-oidc', 'openid-client'];

/** Where an app finds Kakao: the emulator (one with OIDC on, one with it off). */
export interface KakaoEndpoints {
  baseURL: string;
  clientID: string;
  clientSecret: string;
  /** The emulator's self-signed certificate (PEM). */
  caPem: string;
}

export interface EmulatorReady {
  type: 'ready';
  /** OIDC switched off in the console: ours, passport-kakao, baseline. */
  plain: KakaoEndpoints;
  /** OIDC switched on: ours-oidc, openid-client. */
  oidc: KakaoEndpoints;
}

export interface ProcessStats {
  type: 'stats';
  /** process.cpuUsage() user + system, µs. */
  cpuMicros: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** Logins the app completed (req.logIn succeeded). */
  logins: number;
  /** The main thread's share of cpuMicros (Linux), µs. */
  mainThreadCpuMicros?: number;
  /** express-session MemoryStore entries. */
  sessions?: number;
}

/** One run of the load driver. */
export interface DriveRequest {
  type: 'drive';
  appURL: string;
  logins: number;
  concurrency: number;
  /** Stop early after this long (ms); the report says how many logins ran. */
  timeLimitMs: number;
}

export interface DriveResult {
  type: 'driven';
  completed: number;
  errors: number;
  /** First few error messages. */
  errorSamples: string[];
  elapsedMs: number;
  callbackP50Ms: number;
  callbackP99Ms: number;
  /** Whole login (4 requests) p50, ms. */
  loginP50Ms: number;
  /** Driver process CPU during the run, µs. */
  cpuMicros: number;
}

/** One result row, as written to bench/results/latest.json. */
export interface ResultRow {
  rttMs: number;
  variant: VariantName;
  loginsPerSec: number;
  callbackP50Ms: number;
  callbackP99Ms: number;
  cpuMsPerLogin: number;
  rssMb: number;
}

/** The API clients compared by the API client benchmark, each in its own process. */
export type ApiClientName = 'ours' | 'fetch' | 'undici';

export const API_CLIENTS: readonly ApiClientName[] = ['ours', 'fetch', 'undici'];

/** One run of one API client: `calls` calls of GET /v2/user/me, `concurrency` at a time. */
export interface CallsRequest {
  type: 'calls';
  calls: number;
  concurrency: number;
  /** Stop early after this long (ms). */
  timeLimitMs: number;
}

export interface CallsResult {
  type: 'called';
  completed: number;
  errors: number;
  errorSamples: string[];
  elapsedMs: number;
  p50Ms: number;
  p99Ms: number;
  /** The client process's CPU during the run (user + system, all threads), µs. */
  cpuMicros: number;
  rssBytes: number;
}
