/** Messages between run-bench (the parent) and its child processes, over the IPC channel. */

export type VariantName = 'ours' | 'ours-oidc' | 'passport-kakao' | 'baseline';
/** `ours-cookie`: ours with the login state in sealed cookies (state-size and RSS checks only). */
export type AppVariantName = VariantName | 'ours-cookie';

export const VARIANTS: readonly VariantName[] = ['ours', 'ours-oidc', 'passport-kakao', 'baseline'];

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
  /** OIDC switched on: ours-oidc. */
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
