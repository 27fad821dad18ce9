import type { StateBytes } from '../state-bytes';
import type { ApiRow, ApiSample } from './api-phase';
import type { ApiClientName, AppVariantName, ResultRow, VariantName } from './protocol';
import { median } from './stats';

/** One measured round of one variant. */
export interface Sample extends ResultRow {
  loginP50Ms: number;
  completed: number;
  errors: number;
  /** App CPU per login on the main (JavaScript) thread only (Linux). */
  mainThreadCpuMsPerLogin?: number;
  /** App process CPU time / wall time (1 = one core busy). */
  appCpuUtil: number;
  /** Driver + emulator CPU time / wall time (they share the other core). */
  loadCpuUtil: number;
  /** CPU other processes of the machine took during the round / wall time. */
  foreignCpuUtil: number;
  /** New TCP connections the emulator accepted during the round (driver's and app's). */
  kakaoConnections?: number;
  /** Measurements made for this round (more than 1 = re-measured because disturbed). */
  attempts?: number;
}

/** One round of the unloaded latency probe (concurrency 1). */
export interface ProbeSample {
  rttMs: number;
  variant: VariantName;
  callbackP50Ms: number;
  callbackP99Ms: number;
  errors: number;
}

export interface RssGrowth {
  variant: AppVariantName;
  loginsA: number;
  rssMbA: number;
  heapMbA: number;
  loginsB: number;
  rssMbB: number;
  heapMbB: number;
  /** Median over the fresh apps of RSS after all ÷ RSS after first. */
  ratio: number;
  /** That ratio in each fresh app, in the order they ran (the figures around it are the median app's). */
  ratios: number[];
  sessionsB: number;
  /** App CPU per login over the first logins (start-up and JIT warm-up included). */
  cpuMsPerLoginFirst: number;
  /** App CPU per login over the last 2,000 logins. */
  cpuMsPerLoginLast: number;
}

export interface ReportInput {
  rows: ResultRow[];
  samples: Sample[];
  probes: ProbeSample[];
  rss: RssGrowth[];
  stateBytes: StateBytes[];
  apiRows: ApiRow[];
  apiSamples: ApiSample[];
  environment: Record<string, unknown>;
}

const fmt = (n: number | undefined, digits = 2) =>
  n === undefined || !Number.isFinite(n) ? 'n/a' : n.toFixed(digits);

function row(rows: ResultRow[], rttMs: number, variant: VariantName): ResultRow | undefined {
  return rows.find((r) => r.rttMs === rttMs && r.variant === variant);
}

/** The main table, as pasted into README and docs/performance.md. */
export function resultTable(rows: ResultRow[]): string {
  if (rows.length === 0) return '(skipped)';
  const lines = [
    '| rtt | variant | logins/s | callback p50 | callback p99 | app CPU / login | app RSS |',
    '|---:|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.rttMs} ms | ${r.variant} | ${r.loginsPerSec.toFixed(0)} | ${fmt(r.callbackP50Ms)} ms | ` +
        `${fmt(r.callbackP99Ms)} ms | ${fmt(r.cpuMsPerLogin, 3)} ms | ${fmt(r.rssMb, 1)} MB |`,
    );
  }
  return lines.join('\n');
}

/** The ratio a/b of one metric within each round (both variants ran back to back in it). */
function sameRoundRatios<S extends { rttMs: number }>(
  samples: S[],
  rtt: number,
  of: (s: S) => string,
  a: string,
  b: string,
  pick: (s: S) => number,
): number[] {
  const mine = (v: string) => samples.filter((s) => s.rttMs === rtt && of(s) === v);
  const ys = mine(b);
  return mine(a)
    .slice(0, ys.length)
    .map((x, i) => pick(x) / pick(ys[i]));
}

/** The median of the same-round ratios a/b, when there are at least two rounds. */
function pairedRatio<S extends { rttMs: number }>(
  samples: S[],
  rtt: number,
  of: (s: S) => string,
  a: string,
  b: string,
  pick: (s: S) => number,
): number | undefined {
  const ratios = sameRoundRatios(samples, rtt, of, a, b, pick);
  return ratios.length < 2 ? undefined : median(ratios);
}

/** Median; min–max over rounds of the same-round ratio a/b of one metric. */
function roundRange(
  samples: Sample[],
  rtt: number,
  a: VariantName,
  b: VariantName,
  pick: (s: Sample) => number,
): string {
  const ratios = sameRoundRatios(samples, rtt, (s) => s.variant, a, b, pick);
  if (ratios.length < 2) return '';
  return ` (${fmt(median(ratios))}; ${fmt(Math.min(...ratios))}–${fmt(Math.max(...ratios))})`;
}

/**
 * ours ÷ the others, per rtt: logins/s, callback p50, CPU per login. The ratio of the medians,
 * and in brackets the median and range of the same-round ratios (how much the rounds disagreed).
 */
export function ratioTable(rows: ResultRow[], samples: Sample[] = []): string {
  if (rows.length === 0) return '(skipped)';
  const lines = [
    '| rtt | ratio | logins/s | callback p50 | CPU / login |',
    '|---:|---|---:|---:|---:|',
  ];
  const rtts = [...new Set(rows.map((r) => r.rttMs))];
  const pairs: Array<[VariantName, VariantName]> = [
    ['ours', 'passport-kakao'],
    ['ours', 'baseline'],
    ['ours-oidc', 'passport-kakao'],
    ['ours-oidc', 'openid-client'],
    ['openid-client', 'passport-kakao'],
    ['passport-kakao', 'baseline'],
  ];
  for (const rtt of rtts) {
    for (const [a, b] of pairs) {
      const x = row(rows, rtt, a);
      const y = row(rows, rtt, b);
      if (!x || !y) continue;
      const range = (pick: (s: Sample) => number) => roundRange(samples, rtt, a, b, pick);
      lines.push(
        `| ${rtt} ms | ${a} / ${b} | ${fmt(x.loginsPerSec / y.loginsPerSec)}×${range((s) => s.loginsPerSec)} | ` +
          `${fmt(x.callbackP50Ms / y.callbackP50Ms)}×${range((s) => s.callbackP50Ms)} | ` +
          `${fmt(x.cpuMsPerLogin / y.cpuMsPerLogin)}×${range((s) => s.cpuMsPerLogin)} |`,
      );
    }
  }
  return lines.join('\n');
}

interface Target {
  what: string;
  /** What the limit is held to: the median of the same-round ratios (or the value itself). */
  value: number | undefined;
  /** For a ratio: the ratio of the medians of all rounds, shown next to it. */
  ofMedians?: number;
  limit: number;
  atMost: boolean;
  unit: string;
}

type LoginMetric = 'loginsPerSec' | 'cpuMsPerLogin' | 'callbackP50Ms';
type ApiMetric = 'callsPerSec' | 'p99Ms';

/** One side of a ratio target: the median rows, the rounds, and whose each row is. */
interface RatioData<M extends string> {
  rows: Array<{ rttMs: number } & Record<M, number>>;
  samples: Array<{ rttMs: number } & Record<M, number>>;
  nameOf: (x: object) => string;
}

/** The target a/b of one metric at one rtt: the same-round median, and the ratio of the medians. */
function ratioTarget<M extends string>(
  data: RatioData<M>,
  what: string,
  rtt: number,
  [a, b]: [string, string],
  metric: M,
  limit: number,
  atMost: boolean,
): Target {
  const find = (name: string) =>
    data.rows.find((r) => r.rttMs === rtt && data.nameOf(r) === name)?.[metric];
  const x = find(a);
  const y = find(b);
  const ofMedians = x === undefined || y === undefined ? undefined : x / y;
  const paired =
    ofMedians === undefined
      ? undefined
      : pairedRatio(data.samples, rtt, data.nameOf, a, b, (s) => s[metric]);
  return { what, value: paired ?? ofMedians, ofMedians, limit, atMost, unit: '×' };
}

/**
 * The targets of issue #18 (and the one kept from issue #9), measured or not. A ratio target is
 * held to the median of the same-round ratios: the two variants ran back to back in each round,
 * so a round on a slower moment of the machine slows both, while the ratio of the medians of
 * all rounds can pair one variant's fast rounds with the other's slow ones. With fewer than two
 * rounds, the ratio of the medians is used.
 */
export function targets(input: ReportInput): Target[] {
  const { rows, samples, rss, stateBytes, apiRows, apiSamples } = input;
  const concurrency = Number(input.environment.concurrency);
  const atC = concurrency === 20 ? 'c=20' : `c=${concurrency}, target is for c=20`;
  const apiC = `c=${String(input.environment.apiConcurrency)}`;
  const logins: RatioData<LoginMetric> = {
    rows,
    samples,
    nameOf: (x) => (x as ResultRow).variant,
  };
  const calls: RatioData<ApiMetric> = {
    rows: apiRows,
    samples: apiSamples,
    nameOf: (x) => (x as ApiRow).client,
  };
  const login = (
    what: string,
    rtt: number,
    a: VariantName,
    b: VariantName,
    metric: LoginMetric,
    limit: number,
    atMost: boolean,
  ) => ratioTarget(logins, what, rtt, [a, b], metric, limit, atMost);
  const api = (
    what: string,
    rtt: number,
    b: ApiClientName,
    metric: ApiMetric,
    limit: number,
    atMost: boolean,
  ) => ratioTarget(calls, what, rtt, ['ours', b], metric, limit, atMost);
  const loginTargets: Target[] = [
    login(
      'rtt 0: ours / passport-kakao logins/s',
      0,
      'ours',
      'passport-kakao',
      'loginsPerSec',
      1.0,
      false,
    ),
    login(
      'rtt 0: ours / passport-kakao app CPU per login',
      0,
      'ours',
      'passport-kakao',
      'cpuMsPerLogin',
      1.0,
      true,
    ),
    login(
      'rtt 0: ours-oidc / openid-client logins/s',
      0,
      'ours-oidc',
      'openid-client',
      'loginsPerSec',
      1.1,
      false,
    ),
    login(
      'rtt 0: ours-oidc / openid-client app CPU per login',
      0,
      'ours-oidc',
      'openid-client',
      'cpuMsPerLogin',
      0.9,
      true,
    ),
    login(
      `rtt 20 (${atC}): ours / passport-kakao callback p50`,
      20,
      'ours',
      'passport-kakao',
      'callbackP50Ms',
      1.02,
      true,
    ),
    login(
      `rtt 20 (${atC}): ours-oidc / passport-kakao callback p50`,
      20,
      'ours-oidc',
      'passport-kakao',
      'callbackP50Ms',
      0.55,
      true,
    ),
    login(
      `rtt 20 (${atC}): ours-oidc / openid-client callback p50`,
      20,
      'ours-oidc',
      'openid-client',
      'callbackP50Ms',
      1.0,
      true,
    ),
  ];
  const apiRtts = [...new Set(apiRows.map((x) => x.rttMs))];
  const apiTargets: Target[] = (apiRtts.length > 0 ? apiRtts : [0, 20]).flatMap((rtt) => [
    api(
      `API rtt ${rtt} (${apiC}): KakaoApiClient / fetch calls/s`,
      rtt,
      'fetch',
      'callsPerSec',
      1.0,
      false,
    ),
    api(
      `API rtt ${rtt} (${apiC}): KakaoApiClient / undici.request calls/s`,
      rtt,
      'undici',
      'callsPerSec',
      0.9,
      false,
    ),
    api(
      `API rtt ${rtt} (${apiC}): KakaoApiClient / undici.request p99`,
      rtt,
      'undici',
      'p99Ms',
      1.1,
      true,
    ),
  ]);
  const stateTargets: Target[] = stateBytes
    .filter((x) => x.variant.startsWith('ours'))
    .map((x) => ({
      what: `login state per pending login, ${x.variant} (${x.mode})`,
      value: Math.max(x.firstLoginBytes, x.perExtraLoginBytes),
      limit: 512,
      atMost: true,
      unit: ' B',
    }));
  const measuredRss = rss.filter((g) => g.variant.startsWith('ours'));
  const rssTargets: Target[] = (
    measuredRss.length > 0 ? measuredRss : [{ variant: 'ours', ratio: undefined, ratios: [] }]
  ).map((g) => ({
    what: `${g.variant}: RSS after 20,000 / after 2,000 logins (median of ${g.ratios.length || 'n'} fresh apps)`,
    value: g.ratio,
    limit: 1.2,
    atMost: true,
    unit: '×',
  }));
  return [
    ...loginTargets,
    ...apiTargets,
    ...stateTargets,
    ...rssTargets,
    login(
      'rtt 0: ours / baseline logins/s (earlier target, issue #9)',
      0,
      'ours',
      'baseline',
      'loginsPerSec',
      0.9,
      false,
    ),
  ];
}

export function targetTable(input: ReportInput): string {
  const list = targets(input);
  const lines = [
    '| target | measured | ratio of medians | limit | met |',
    '|---|---:|---:|---:|---|',
  ];
  let met = 0;
  let measured = 0;
  for (const t of list) {
    const ok = t.value !== undefined && (t.atMost ? t.value <= t.limit : t.value >= t.limit);
    if (t.value !== undefined) measured += 1;
    if (ok) met += 1;
    const verdict = t.value === undefined ? 'not measured' : ok ? 'met' : '**not met**';
    const digits = t.unit === ' B' ? 0 : 2;
    lines.push(
      `| ${t.what} | ${fmt(t.value, digits)}${t.value === undefined ? '' : t.unit} | ` +
        `${t.ofMedians === undefined ? '—' : `${fmt(t.ofMedians)}×`} | ` +
        `${t.atMost ? '≤' : '≥'} ${fmt(t.limit, digits)}${t.unit} | ${verdict} |`,
    );
  }
  lines.push(
    '',
    'Measured: for a ratio, the median of the ratios within each round (the two ran back to back ' +
      'in it); the ratio of the medians of all rounds is shown next to it. RSS: the median over ' +
      'fresh apps.',
    '',
    `${met} of ${measured} measured targets met (${list.length - measured} not measured).`,
  );
  return lines.join('\n');
}

/** The API client table: medians of the rounds per client and rtt. */
export function apiTable(rows: ApiRow[]): string {
  if (rows.length === 0) return '(skipped)';
  const lines = [
    '| rtt | client | calls/s | p50 | p99 | client CPU / call | client RSS |',
    '|---:|---|---:|---:|---:|---:|---:|',
  ];
  const label: Record<ApiClientName, string> = {
    ours: 'KakaoApiClient.getUser',
    fetch: 'fetch (global)',
    undici: 'undici.request',
  };
  for (const r of rows) {
    lines.push(
      `| ${r.rttMs} ms | ${label[r.client]} | ${r.callsPerSec.toFixed(0)} | ${fmt(r.p50Ms)} ms | ` +
        `${fmt(r.p99Ms)} ms | ${fmt(r.cpuMicrosPerCall, 0)} µs | ${fmt(r.rssMb, 1)} MB |`,
    );
  }
  return lines.join('\n');
}

/** KakaoApiClient ÷ each other client, per rtt, with the same-round ratios in brackets. */
function apiRatioTable(rows: ApiRow[], samples: ApiSample[]): string {
  if (rows.length === 0) return '(skipped)';
  const lines = [
    '| rtt | ratio | calls/s | p50 | p99 | CPU / call |',
    '|---:|---|---:|---:|---:|---:|',
  ];
  const pick = (rtt: number, c: ApiClientName) =>
    rows.find((r) => r.rttMs === rtt && r.client === c);
  const range = (rtt: number, b: ApiClientName, get: (s: ApiSample) => number) => {
    const ratios = sameRoundRatios(samples, rtt, (s) => s.client, 'ours', b, get);
    if (ratios.length < 2) return '';
    return ` (${fmt(median(ratios))}; ${fmt(Math.min(...ratios))}–${fmt(Math.max(...ratios))})`;
  };
  for (const rtt of [...new Set(rows.map((r) => r.rttMs))]) {
    const x = pick(rtt, 'ours');
    for (const other of ['fetch', 'undici'] as const) {
      const y = pick(rtt, other);
      if (!x || !y) continue;
      lines.push(
        `| ${rtt} ms | KakaoApiClient / ${other === 'fetch' ? 'fetch' : 'undici.request'} | ` +
          `${fmt(x.callsPerSec / y.callsPerSec)}×${range(rtt, other, (s) => s.callsPerSec)} | ` +
          `${fmt(x.p50Ms / y.p50Ms)}×${range(rtt, other, (s) => s.p50Ms)} | ` +
          `${fmt(x.p99Ms / y.p99Ms)}×${range(rtt, other, (s) => s.p99Ms)} | ` +
          `${fmt(x.cpuMicrosPerCall / y.cpuMicrosPerCall)}×${range(rtt, other, (s) => s.cpuMicrosPerCall)} |`,
      );
    }
  }
  return lines.join('\n');
}

function apiUtilisationTable(samples: ApiSample[]): string {
  if (samples.length === 0) return '(skipped)';
  const lines = [
    '| rtt | client | client core busy | emulator core busy | other processes | re-measured rounds | failed calls |',
    '|---:|---|---:|---:|---:|---:|---:|',
  ];
  const keys = [...new Set(samples.map((s) => `${s.rttMs}|${s.client}`))];
  for (const key of keys) {
    const mine = samples.filter((s) => `${s.rttMs}|${s.client}` === key);
    const [rtt, client] = key.split('|');
    const pct = (get: (s: ApiSample) => number) => `${fmt(median(mine.map(get)) * 100, 0)}%`;
    lines.push(
      `| ${rtt} ms | ${client} | ${pct((s) => s.clientCpuUtil)} | ${pct((s) => s.emulatorCpuUtil)} | ` +
        `${pct((s) => s.foreignCpuUtil)} | ${mine.filter((s) => s.attempts > 1).length} | ` +
        `${mine.reduce((n, s) => n + s.errors, 0)} |`,
    );
  }
  return lines.join('\n');
}

function utilisationTable(samples: Sample[]): string {
  if (samples.length === 0) return '(skipped)';
  const lines = [
    '| rtt | variant | app core busy | app CPU / login on the JS thread | driver + emulator core busy | other processes | re-measured rounds | whole login p50 | failed logins |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const keys = [...new Set(samples.map((s) => `${s.rttMs}|${s.variant}`))];
  for (const key of keys) {
    const mine = samples.filter((s) => `${s.rttMs}|${s.variant}` === key);
    const [rtt, variant] = key.split('|');
    lines.push(
      `| ${rtt} ms | ${variant} | ${fmt(median(mine.map((s) => s.appCpuUtil)) * 100, 0)}% | ` +
        `${fmt(median(mine.map((s) => s.mainThreadCpuMsPerLogin ?? NaN)), 3)} ms | ` +
        `${fmt(median(mine.map((s) => s.loadCpuUtil)) * 100, 0)}% | ` +
        `${fmt(median(mine.map((s) => s.foreignCpuUtil)) * 100, 0)}% | ` +
        `${mine.filter((s) => (s.attempts ?? 1) > 1).length} | ${fmt(median(mine.map((s) => s.loginP50Ms)))} ms | ` +
        `${mine.reduce((a, s) => a + s.errors, 0)} |`,
    );
  }
  return lines.join('\n');
}

function probeTable(probes: ProbeSample[]): string {
  if (probes.length === 0) return '(skipped)';
  const lines = [
    '| rtt | variant | callback p50 | callback p99 | p50 vs passport-kakao |',
    '|---:|---|---:|---:|---:|',
  ];
  const rtts = [...new Set(probes.map((p) => p.rttMs))];
  for (const rtt of rtts) {
    const p50 = (v: VariantName) =>
      median(probes.filter((p) => p.rttMs === rtt && p.variant === v).map((p) => p.callbackP50Ms));
    const pk = p50('passport-kakao');
    for (const variant of [
      ...new Set(probes.filter((p) => p.rttMs === rtt).map((p) => p.variant)),
    ]) {
      const mine = probes.filter((p) => p.rttMs === rtt && p.variant === variant);
      const x = p50(variant);
      lines.push(
        `| ${rtt} ms | ${variant} | ${fmt(x)} ms | ${fmt(median(mine.map((p) => p.callbackP99Ms)))} ms | ${fmt(x / pk)}× |`,
      );
    }
  }
  return lines.join('\n');
}

function stateTable(stateBytes: StateBytes[]): string {
  if (stateBytes.length === 0) return '(skipped)';
  const lines = [
    '| variant | store | first pending login | each further pending login (tabs 2–5) | Set-Cookie line |',
    '|---|---|---:|---:|---:|',
  ];
  for (const s of stateBytes) {
    lines.push(
      `| ${s.variant} | ${s.mode} | ${s.firstLoginBytes} B | ${s.perExtraLoginBytes ? `${s.perExtraLoginBytes} B` : '0 (keeps one: a second tab overwrites the first)'} | ${s.setCookieBytes ? `${s.setCookieBytes} B` : '—'} |`,
    );
  }
  return lines.join('\n');
}

function rssTable(rss: RssGrowth[]): string {
  if (rss.length === 0) return '(skipped)';
  const lines = [
    '| variant | logins | RSS after first | RSS after all | ratio (median app) | ratio in each fresh app | heap used | CPU / login, last 2,000 | sessions in MemoryStore |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const n = (x: number) => x.toLocaleString('en-US');
  for (const g of rss) {
    lines.push(
      `| ${g.variant} | ${n(g.loginsA)} → ${n(g.loginsB)} | ${fmt(g.rssMbA, 1)} MB | ${fmt(g.rssMbB, 1)} MB | ${fmt(g.ratio)}× | ` +
        `${g.ratios.map((r) => `${fmt(r)}×`).join(', ')} | ` +
        `${fmt(g.heapMbA, 1)} → ${fmt(g.heapMbB, 1)} MB | ${fmt(g.cpuMsPerLoginLast, 3)} ms | ${g.sessionsB} |`,
    );
  }
  return lines.join('\n');
}

export function formatReport(input: ReportInput): string {
  const env = input.environment;
  return [
    '## Login round trip (medians of interleaved rounds)',
    '',
    resultTable(input.rows),
    '',
    '## Ratios',
    '',
    'Ratio of the medians above; in brackets: median; min–max of the ratios within each round.',
    '',
    ratioTable(input.rows, input.samples),
    '',
    '## Targets',
    '',
    targetTable(input),
    '',
    '## Where the time went (medians)',
    '',
    utilisationTable(input.samples),
    '',
    '## Unloaded callback latency (one browser at a time, medians of rounds)',
    '',
    probeTable(input.probes),
    '',
    '## Login state per pending login',
    '',
    stateTable(input.stateBytes),
    '',
    '## RSS after 2,000 vs 20,000 logins (fresh apps, rtt 0, after a forced GC)',
    '',
    rssTable(input.rss),
    '',
    `## API client: GET /v2/user/me, ${String(env.apiConcurrency)} calls in flight (medians of interleaved rounds)`,
    '',
    apiTable(input.apiRows),
    '',
    'KakaoApiClient ÷ the others; in brackets: median; min–max of the same-round ratios.',
    '',
    apiRatioTable(input.apiRows, input.apiSamples),
    '',
    'Where the time went (medians):',
    '',
    apiUtilisationTable(input.apiSamples),
    '',
    `Node ${String(env.node)} (${Object.entries((env.versions ?? {}) as Record<string, string>)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}), ${String(env.cpus)} × ${String(env.cpuModel)}, ` +
      `${env.pinned ? 'app on its own core (taskset)' : 'not pinned'}, concurrency ${String(env.concurrency)}, ` +
      `${String(env.warmup)} warm-up logins per variant, ${String(env.rounds)} interleaved rounds, ` +
      `jest/stryker processes before/after: ${String(env.jestProcessesBefore)}/${String(env.jestProcessesAfter)}, ` +
      `other processes' CPU during the rounds (median): ${fmt(Number(env.otherProcessesCpuMedian) * 100, 0)}% of a core, ` +
      `load average before/after: ${String(env.loadAverageBefore)}/${String(env.loadAverageAfter)}, ` +
      (input.apiRows.length > 0
        ? `API clients: ${String(env.apiConcurrency)} calls in flight, calls per round ${JSON.stringify(env.apiCallsPerRound)}, `
        : '') +
      `${String(env.durationSec)} s${env.quick ? ' (--quick)' : ''}.`,
  ].join('\n');
}
