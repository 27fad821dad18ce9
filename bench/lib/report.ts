import type { StateBytes } from '../state-bytes';
import type { AppVariantName, ResultRow, VariantName } from './protocol';
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
  ratio: number;
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
  environment: Record<string, unknown>;
}

const fmt = (n: number | undefined, digits = 2) =>
  n === undefined || !Number.isFinite(n) ? 'n/a' : n.toFixed(digits);

function row(rows: ResultRow[], rttMs: number, variant: VariantName): ResultRow | undefined {
  return rows.find((r) => r.rttMs === rttMs && r.variant === variant);
}

/** The main table, as pasted into README and docs/performance.md. */
export function resultTable(rows: ResultRow[]): string {
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

/** Median; min–max over rounds of the same-round ratio a/b of one metric. */
function roundRange(
  samples: Sample[],
  rtt: number,
  a: VariantName,
  b: VariantName,
  pick: (s: Sample) => number,
): string {
  const mine = (v: VariantName) => samples.filter((s) => s.rttMs === rtt && s.variant === v);
  const xs = mine(a);
  const ys = mine(b);
  const ratios = xs.slice(0, ys.length).map((x, i) => pick(x) / pick(ys[i]));
  if (ratios.length < 2) return '';
  return ` (${fmt(median(ratios))}; ${fmt(Math.min(...ratios))}–${fmt(Math.max(...ratios))})`;
}

/**
 * ours ÷ the others, per rtt: logins/s, callback p50, CPU per login. The ratio of the medians,
 * and in brackets the median and range of the same-round ratios (how much the rounds disagreed).
 */
export function ratioTable(rows: ResultRow[], samples: Sample[] = []): string {
  const lines = [
    '| rtt | ratio | logins/s | callback p50 | CPU / login |',
    '|---:|---|---:|---:|---:|',
  ];
  const rtts = [...new Set(rows.map((r) => r.rttMs))];
  const pairs: Array<[VariantName, VariantName]> = [
    ['ours', 'passport-kakao'],
    ['ours', 'baseline'],
    ['ours-oidc', 'passport-kakao'],
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
  value: number | undefined;
  limit: number;
  atMost: boolean;
  unit: string;
}

export function targetTable(input: ReportInput): string {
  const { rows, rss, stateBytes } = input;
  const r = (rtt: number, v: VariantName) => row(rows, rtt, v);
  const div = (a?: number, b?: number) => (a === undefined || b === undefined ? undefined : a / b);
  const ours = rss.find((g) => g.variant === 'ours');
  const targets: Target[] = [
    {
      what: 'rtt 0: ours / passport-kakao logins/s',
      value: div(r(0, 'ours')?.loginsPerSec, r(0, 'passport-kakao')?.loginsPerSec),
      limit: 1.0,
      atMost: false,
      unit: '×',
    },
    {
      what: 'rtt 0: ours / baseline logins/s',
      value: div(r(0, 'ours')?.loginsPerSec, r(0, 'baseline')?.loginsPerSec),
      limit: 0.9,
      atMost: false,
      unit: '×',
    },
    {
      what: 'rtt 0: ours / passport-kakao app CPU per login',
      value: div(r(0, 'ours')?.cpuMsPerLogin, r(0, 'passport-kakao')?.cpuMsPerLogin),
      limit: 1.0,
      atMost: true,
      unit: '×',
    },
    {
      what: 'rtt 20: ours / passport-kakao callback p50',
      value: div(r(20, 'ours')?.callbackP50Ms, r(20, 'passport-kakao')?.callbackP50Ms),
      limit: 1.05,
      atMost: true,
      unit: '×',
    },
    {
      what: 'rtt 20: ours-oidc / passport-kakao callback p50',
      value: div(r(20, 'ours-oidc')?.callbackP50Ms, r(20, 'passport-kakao')?.callbackP50Ms),
      limit: 0.55,
      atMost: true,
      unit: '×',
    },
    ...stateBytes
      .filter((s) => s.variant.startsWith('ours'))
      .map((s) => ({
        what: `login state per pending login, ${s.variant} (${s.mode})`,
        value: Math.max(s.firstLoginBytes, s.perExtraLoginBytes),
        limit: 512,
        atMost: true,
        unit: ' B',
      })),
    {
      what: 'ours: RSS after 20,000 / after 2,000 logins',
      value: ours?.ratio,
      limit: 1.2,
      atMost: true,
      unit: '×',
    },
  ];
  const lines = ['| target | measured | limit | met |', '|---|---:|---:|---|'];
  for (const t of targets) {
    const met =
      t.value === undefined
        ? 'not measured'
        : (t.atMost ? t.value <= t.limit : t.value >= t.limit)
          ? 'yes'
          : '**no**';
    const digits = t.unit === ' B' ? 0 : 2;
    lines.push(
      `| ${t.what} | ${fmt(t.value, digits)}${t.value === undefined ? '' : t.unit} | ${t.atMost ? '≤' : '≥'} ${fmt(t.limit, digits)}${t.unit} | ${met} |`,
    );
  }
  return lines.join('\n');
}

function utilisationTable(samples: Sample[]): string {
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
    '| variant | logins | RSS after first | RSS after all | ratio | heap used | CPU / login, last 2,000 | sessions in MemoryStore |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const n = (x: number) => x.toLocaleString('en-US');
  for (const g of rss) {
    lines.push(
      `| ${g.variant} | ${n(g.loginsA)} → ${n(g.loginsB)} | ${fmt(g.rssMbA, 1)} MB | ${fmt(g.rssMbB, 1)} MB | ${fmt(g.ratio)}× | ` +
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
    '## RSS after 2,000 vs 20,000 logins (fresh app, rtt 0, after a forced GC)',
    '',
    rssTable(input.rss),
    '',
    `Node ${String(env.node)}, ${String(env.cpus)} × ${String(env.cpuModel)}, ` +
      `${env.pinned ? 'app on its own core (taskset)' : 'not pinned'}, concurrency ${String(env.concurrency)}, ` +
      `${String(env.warmup)} warm-up logins per variant, ${String(env.rounds)} interleaved rounds, ` +
      `jest/stryker processes before/after: ${String(env.jestProcessesBefore)}/${String(env.jestProcessesAfter)}, ` +
      `other processes' CPU during the rounds (median): ${fmt(Number(env.otherProcessesCpuMedian) * 100, 0)}% of a core, ` +
      `load average before/after: ${String(env.loadAverageBefore)}/${String(env.loadAverageAfter)}, ` +
      `${String(env.durationSec)} s${env.quick ? ' (--quick)' : ''}.`,
  ].join('\n');
}
