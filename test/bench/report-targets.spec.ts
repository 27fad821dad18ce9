import {
  type ReportInput,
  type RssGrowth,
  type Sample,
  targets,
  targetTable,
} from '../../bench/lib/report';
import type { VariantName } from '../../bench/lib/protocol';

/** A round of one variant at rtt 0 with these logins/s (the other figures do not matter here). */
function round(variant: VariantName, loginsPerSec: number): Sample {
  return {
    rttMs: 0,
    variant,
    loginsPerSec,
    callbackP50Ms: 10,
    callbackP99Ms: 30,
    cpuMsPerLogin: 1000 / loginsPerSec,
    rssMb: 100,
    loginP50Ms: 20,
    completed: 3000,
    errors: 0,
    appCpuUtil: 1,
    loadCpuUtil: 0.5,
    foreignCpuUtil: 0,
  };
}

function rss(variant: RssGrowth['variant'], ratios: number[], ratio: number): RssGrowth {
  return {
    variant,
    loginsA: 2000,
    rssMbA: 96,
    heapMbA: 10,
    loginsB: 20000,
    rssMbB: 96 * ratio,
    heapMbB: 10,
    ratio,
    ratios,
    sessionsB: 20,
    cpuMsPerLoginFirst: 1.5,
    cpuMsPerLoginLast: 0.9,
  };
}

function input(
  samples: Sample[],
  rows: ReportInput['rows'],
  rssRows: RssGrowth[] = [],
): ReportInput {
  return {
    rows,
    samples,
    probes: [],
    rss: rssRows,
    stateBytes: [],
    apiRows: [],
    apiSamples: [],
    environment: { concurrency: 20, apiConcurrency: 50 },
  };
}

const target = (list: ReturnType<typeof targets>, what: string) =>
  list.find((t) => t.what === what)!;

describe('bench targets', () => {
  // Rounds 1–3 ran on a slow moment of the machine for both variants, rounds 4–5 on a fast one:
  // within every round ours is 2 % ahead, but the medians of all rounds pair ours' slow rounds
  // with passport-kakao's fast ones.
  const ours = [800, 810, 790, 1100, 1120].map((x) => round('ours', x * 1.02));
  const theirs = [800, 810, 790, 1100, 1120].map((x) => round('passport-kakao', x));
  const samples = [...ours, ...theirs];
  const rows = [
    { ...round('ours', 700), loginsPerSec: 700 },
    { ...round('passport-kakao', 1000), loginsPerSec: 1000 },
  ];

  it('holds a ratio to the median of the same-round ratios, and shows the ratio of the medians', () => {
    const t = target(targets(input(samples, rows)), 'rtt 0: ours / passport-kakao logins/s');
    expect(t.value).toBeCloseTo(1.02, 5);
    expect(t.ofMedians).toBeCloseTo(0.7, 5);
    const line = targetTable(input(samples, rows))
      .split('\n')
      .find((l) => l.startsWith('| rtt 0: ours / passport-kakao logins/s'));
    expect(line).toBe('| rtt 0: ours / passport-kakao logins/s | 1.02× | 0.70× | ≥ 1.00× | met |');
  });

  it('says not met when the rounds themselves put ours behind', () => {
    const slower = ours.map((s) => ({ ...s, loginsPerSec: s.loginsPerSec * 0.95 }));
    const t = target(
      targets(input([...slower, ...theirs], rows)),
      'rtt 0: ours / passport-kakao logins/s',
    );
    expect(t.value).toBeCloseTo(0.969, 3);
    expect(targetTable(input([...slower, ...theirs], rows))).toContain(
      '| rtt 0: ours / passport-kakao logins/s | 0.97× | 0.70× | ≥ 1.00× | **not met** |',
    );
  });

  it('falls back to the ratio of the medians with a single round', () => {
    const t = target(
      targets(input([ours[0], theirs[0]], rows)),
      'rtt 0: ours / passport-kakao logins/s',
    );
    expect(t.value).toBeCloseTo(0.7, 5);
  });

  it('holds RSS growth to the median over fresh apps and lists every app', () => {
    const list = targets(input(samples, rows, [rss('ours', [1.01, 1.29, 1.02], 1.02)]));
    const t = target(list, 'ours: RSS after 20,000 / after 2,000 logins (median of 3 fresh apps)');
    expect(t.value).toBe(1.02);
    expect(t.value! <= t.limit).toBe(true);
    const table = targetTable(input(samples, rows, [rss('ours', [1.3, 1.29, 1.25], 1.29)]));
    expect(table).toContain('(median of 3 fresh apps) | 1.29× | — | ≤ 1.20× | **not met** |');
  });

  it('counts unmeasured targets as such', () => {
    const table = targetTable(input([], []));
    expect(table).toContain(
      '| rtt 0: ours / passport-kakao logins/s | n/a | — | ≥ 1.00× | not measured |',
    );
    expect(table).toMatch(/0 of 0 measured targets met/);
  });
});
