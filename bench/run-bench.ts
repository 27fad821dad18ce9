/**
 * `npm run bench`: the Kakao login round trip of our KakaoStrategy against passport-kakao@1.0.1,
 * openid-client@6's Passport strategy and a hand-written baseline, then KakaoApiClient against
 * `fetch` and `undici.request`, side by side in one run, reported as ratios. See
 * docs/performance.md for what is measured and how; `npm run bench -- --help` for options.
 *
 * Processes: this one (orchestrator), the emulator, the load driver (all on core 0 when taskset
 * is there) and one app per variant, later one process per API client (core 1). Everything on
 * 127.0.0.1.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, type BenchOptions } from './lib/args';
import { buildBench } from './lib/build';
import { BenchChild, killChildren, tasksetAvailable, useBuild } from './lib/child';
import {
  OIDC_VARIANTS,
  VARIANTS,
  type AppVariantName,
  type DriveResult,
  type EmulatorReady,
  type ProcessStats,
  type ResultRow,
  type VariantName,
} from './lib/protocol';
import { apiPhase, apiRowsFrom } from './lib/api-phase';
import { machineBusyMs } from './lib/machine';
import { median, round } from './lib/stats';
import { formatReport, type ProbeSample, type RssGrowth, type Sample } from './lib/report';
import { measureStateBytes } from './state-bytes';
import { summarizeProfile } from './lib/profile-summary';

const ROOT = path.join(__dirname, '..');
const MB = 1024 * 1024;

interface Cores {
  app?: number;
  load?: number;
}

interface World {
  options: BenchOptions;
  cores: Cores;
  emulator: BenchChild;
  ready: EmulatorReady;
  driver: BenchChild;
  caFiles: { plain: string; oidc: string };
  tmp: string;
}

type AppStats = ProcessStats & { failures: number; errors: number };

interface RunningApp {
  variant: AppVariantName;
  child: BenchChild;
  url: string;
}

const T0 = Date.now();

/** Progress on stderr, with the seconds since the start (to see where a run's time goes). */
function log(line: string): void {
  process.stderr.write(`[bench +${Math.round((Date.now() - T0) / 1000)}s] ${line}\n`);
}

/** Test runners of other engineers on this machine (jest, stryker): they skew the timings. */
function jestProcesses(): number {
  const out = spawnSync('pgrep', ['-f', 'jest|stryker'], { encoding: 'utf8' });
  return out.stdout
    .split('\n')
    .filter(Boolean)
    .filter((pid) => Number(pid) !== process.pid).length;
}

async function startWorld(options: BenchOptions): Promise<World> {
  const cores: Cores = {};
  if (options.pin && os.cpus().length >= 2 && tasksetAvailable()) {
    cores.load = 0;
    cores.app = 1;
    execFileSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kakao-bench-'));
  const buildDir = path.join(tmp, 'build');
  useBuild(buildDir, buildBench(buildDir, options.srcDir && path.resolve(options.srcDir)));
  const { child: emulator, ready } = await BenchChild.start<EmulatorReady>(
    'emulator',
    'emulator-process.ts',
    { core: cores.load },
  );
  // Every app trusts its emulator's self-signed certificate the same way: NODE_EXTRA_CA_CERTS
  // (one file per emulator: two self-signed certificates with the same subject in one trust
  // store make OpenSSL pick the wrong one).
  const caFiles = { plain: path.join(tmp, 'plain-ca.pem'), oidc: path.join(tmp, 'oidc-ca.pem') };
  writeFileSync(caFiles.plain, ready.plain.caPem);
  writeFileSync(caFiles.oidc, ready.oidc.caPem);
  const { child: driver } = await BenchChild.start('driver', 'driver-process.ts', {
    core: cores.load,
    args: [
      JSON.stringify([ready.plain, ready.oidc].map((e) => ({ origin: e.baseURL, caPem: e.caPem }))),
    ],
  });
  return { options, cores, emulator, ready, driver, caFiles, tmp };
}

async function startApp(
  world: World,
  variant: AppVariantName,
  nodeFlags: string[] = [],
): Promise<RunningApp> {
  const which = OIDC_VARIANTS.includes(variant) ? 'oidc' : 'plain';
  const kakao = world.ready[which];
  const { child, ready } = await BenchChild.start<{ url: string }>(
    `app ${variant}`,
    'app-process.ts',
    {
      core: world.cores.app,
      env: { NODE_EXTRA_CA_CERTS: world.caFiles[which] },
      nodeFlags: ['--expose-gc', ...nodeFlags],
      args: [variant, JSON.stringify(kakao)],
    },
  );
  return { variant, child, url: ready.url };
}

function stats<T = AppStats>(child: BenchChild, gc = false): Promise<T> {
  return child.ask<T>({ type: 'stats', gc });
}

async function drive(
  world: World,
  app: RunningApp,
  logins: number,
  concurrency = world.options.concurrency,
  timeLimitMs = Math.max(world.options.roundTimeLimitMs, logins * 2),
): Promise<DriveResult> {
  const result = await world.driver.ask<DriveResult>(
    { type: 'drive', appURL: app.url, logins, concurrency, timeLimitMs },
    timeLimitMs + 60_000,
  );
  if (result.errors > 0) {
    log(`${app.variant}: ${result.errors} failed logins, e.g. ${result.errorSamples.join(' | ')}`);
  }
  if (result.completed === 0) throw new Error(`${app.variant}: no login completed`);
  return result;
}

async function setRtt(world: World, ms: number): Promise<void> {
  await world.emulator.ask({ type: 'rtt', ms });
}

/** One measured run of one variant: the driver's numbers plus the app's CPU and RSS. */
async function measureOnce(world: World, app: RunningApp, rttMs: number, logins: number) {
  const app0 = await stats(app.child);
  const emu0 = await stats<ProcessStats>(world.emulator);
  const self0 = process.cpuUsage();
  const busy0 = machineBusyMs();
  const t0 = performance.now();
  const result = await drive(world, app, logins);
  const wallMs = performance.now() - t0;
  const busy1 = machineBusyMs();
  const self = process.cpuUsage(self0);
  const app1 = await stats(app.child);
  const emu1 = await stats<ProcessStats>(world.emulator);
  const appLogins = app1.logins - app0.logins;
  const connections =
    ((emu1 as { connections?: number }).connections ?? 0) -
    ((emu0 as { connections?: number }).connections ?? 0);
  const oursMs =
    (app1.cpuMicros - app0.cpuMicros + emu1.cpuMicros - emu0.cpuMicros + result.cpuMicros) / 1000 +
    (self.user + self.system) / 1000;
  // CPU that other processes of the machine (other engineers' jest, tsc…) took meanwhile.
  const foreignCpuUtil =
    busy0 === undefined || busy1 === undefined ? 0 : Math.max(0, busy1 - busy0 - oursMs) / wallMs;
  const sample: Sample = {
    rttMs,
    variant: app.variant as VariantName,
    loginsPerSec: (result.completed / result.elapsedMs) * 1000,
    callbackP50Ms: result.callbackP50Ms,
    callbackP99Ms: result.callbackP99Ms,
    cpuMsPerLogin: (app1.cpuMicros - app0.cpuMicros) / 1000 / Math.max(1, appLogins),
    mainThreadCpuMsPerLogin:
      app1.mainThreadCpuMicros === undefined || app0.mainThreadCpuMicros === undefined
        ? undefined
        : (app1.mainThreadCpuMicros - app0.mainThreadCpuMicros) / 1000 / Math.max(1, appLogins),
    rssMb: app1.rssBytes / MB,
    loginP50Ms: result.loginP50Ms,
    completed: result.completed,
    errors: result.errors,
    appCpuUtil: (app1.cpuMicros - app0.cpuMicros) / 1000 / result.elapsedMs,
    loadCpuUtil: (result.cpuMicros + (emu1.cpuMicros - emu0.cpuMicros)) / 1000 / result.elapsedMs,
    foreignCpuUtil,
    kakaoConnections: connections,
  };
  return sample;
}

/**
 * measureOnce(), again when other processes took more than `maxForeignCpu` of a core meanwhile
 * (at most `retries` times; the least disturbed attempt is kept).
 */
async function measure(world: World, app: RunningApp, rttMs: number, logins: number) {
  const { maxForeignCpu, retries } = world.options;
  let best: Sample | undefined;
  for (let attempt = 0; attempt <= retries; attempt += 1) {
    const sample = await measureOnce(world, app, rttMs, logins);
    sample.attempts = attempt + 1;
    if (!best || sample.foreignCpuUtil < best.foreignCpuUtil) best = { ...sample };
    if (sample.foreignCpuUtil <= maxForeignCpu) break;
    log(
      `${app.variant}: other processes took ${(sample.foreignCpuUtil * 100).toFixed(0)}% of a core during the round` +
        (attempt < retries ? ', measuring it again' : ', keeping the least disturbed attempt'),
    );
  }
  return best!;
}

async function loadPhase(world: World, apps: Map<VariantName, RunningApp>): Promise<Sample[]> {
  const { options } = world;
  const samples: Sample[] = [];
  for (const [index, rttMs] of options.rttList.entries()) {
    await setRtt(world, rttMs);
    const warm = index === 0 ? options.warmup : options.rewarm;
    for (const variant of variantsOf(options)) {
      const app = apps.get(variant)!;
      if (warm > 0) {
        log(`rtt ${rttMs} ms: warming ${variant} (${warm} logins)`);
        await drive(world, app, warm);
      }
    }
    const logins = rttMs === 0 ? options.loginsFast : options.loginsSlow;
    for (let r = 1; r <= options.rounds; r += 1) {
      for (const variant of variantsOf(options)) {
        const sample = await measure(world, apps.get(variant)!, rttMs, logins);
        samples.push(sample);
        log(
          `rtt ${rttMs} ms round ${r}/${options.rounds} ${variant}: ${sample.loginsPerSec.toFixed(0)} logins/s, ` +
            `callback p50 ${sample.callbackP50Ms.toFixed(2)} ms, ${sample.cpuMsPerLogin.toFixed(3)} CPU ms/login ` +
            `(main thread ${sample.mainThreadCpuMsPerLogin?.toFixed(3) ?? '?'}), ` +
            `app core ${(sample.appCpuUtil * 100).toFixed(0)}%, driver+emulator ${(sample.loadCpuUtil * 100).toFixed(0)}%, ` +
            `${sample.kakaoConnections} new connections to the emulator`,
        );
      }
    }
  }
  return samples;
}

/**
 * Latency without queueing: one browser at a time (concurrency 1), at each rtt > 0, interleaved
 * rounds. Shows the floor each variant's callback has when nothing waits for a CPU.
 */
async function probePhase(
  world: World,
  apps: Map<VariantName, RunningApp>,
): Promise<ProbeSample[]> {
  const { options } = world;
  const out: ProbeSample[] = [];
  if (options.probeLogins === 0) return out;
  for (const rttMs of options.rttList.filter((rtt) => rtt > 0)) {
    await setRtt(world, rttMs);
    for (let r = 1; r <= options.probeRounds; r += 1) {
      for (const variant of variantsOf(options)) {
        const result = await drive(world, apps.get(variant)!, options.probeLogins, 1);
        out.push({
          rttMs,
          variant,
          callbackP50Ms: result.callbackP50Ms,
          callbackP99Ms: result.callbackP99Ms,
          errors: result.errors,
        });
      }
    }
    log(`rtt ${rttMs} ms: unloaded latency probe done`);
  }
  return out;
}

function variantsOf(options: BenchOptions): VariantName[] {
  return options.variants ?? [...VARIANTS];
}

function rowsFrom(samples: Sample[], rttList: number[]): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const rttMs of rttList) {
    for (const variant of VARIANTS) {
      const mine = samples.filter((s) => s.rttMs === rttMs && s.variant === variant);
      if (mine.length === 0) continue;
      const med = (pick: (s: Sample) => number) => median(mine.map(pick));
      rows.push({
        rttMs,
        variant,
        loginsPerSec: round(
          med((s) => s.loginsPerSec),
          0,
        ),
        callbackP50Ms: round(
          med((s) => s.callbackP50Ms),
          2,
        ),
        callbackP99Ms: round(
          med((s) => s.callbackP99Ms),
          2,
        ),
        cpuMsPerLogin: round(
          med((s) => s.cpuMsPerLogin),
          3,
        ),
        rssMb: round(
          med((s) => s.rssMb),
          1,
        ),
      });
    }
  }
  return rows;
}

/**
 * RSS (after a forced GC) of fresh apps after 2,000 and after 20,000 logins at rtt 0:
 * `rssApps` fresh apps per variant, interleaved, and the median ratio. One app's RSS can jump
 * by ~28 MB between the two points while the V8 heap stays flat (native allocator pages the
 * process keeps), in whichever variant it happens to; a leak grows in every app.
 */
async function rssPhase(world: World): Promise<RssGrowth[]> {
  const { options } = world;
  if (options.rssVariants.length === 0) return [];
  await setRtt(world, 0);
  const apps = new Map<AppVariantName, Array<Omit<RssGrowth, 'ratios'>>>();
  for (let rep = 0; rep < options.rssApps; rep += 1) {
    for (const variant of options.rssVariants) {
      const one = await rssOfFreshApp(world, variant, `${rep + 1}/${options.rssApps}`);
      apps.set(variant, [...(apps.get(variant) ?? []), one]);
    }
  }
  return options.rssVariants.map((variant) => {
    const runs = apps.get(variant)!;
    const byRatio = [...runs].sort((x, y) => x.ratio - y.ratio);
    const mid = byRatio[Math.floor((byRatio.length - 1) / 2)];
    const ratio = runs.length % 2 === 1 ? mid.ratio : median(runs.map((r) => r.ratio));
    return { ...mid, ratio: round(ratio, 3), ratios: runs.map((r) => r.ratio) };
  });
}

/** One fresh app of `variant`: RSS and heap after the first and after all logins. */
async function rssOfFreshApp(
  world: World,
  variant: AppVariantName,
  label: string,
): Promise<Omit<RssGrowth, 'ratios'>> {
  const [first, second] = world.options.rssLogins;
  const app = await startApp(world, variant);
  try {
    log(`RSS: ${variant} (app ${label}), ${first} logins`);
    // Generous time limits (10 ms per login): the counts must be reached, even on a busy machine.
    await drive(world, app, first, undefined, first * 10);
    const a = await stats(app.child, true);
    const tail = Math.min(2000, second - first);
    log(`RSS: ${variant} (app ${label}), ${second - first} more logins`);
    await drive(world, app, second - first - tail, undefined, (second - first) * 10);
    const t0 = await stats(app.child);
    await drive(world, app, tail, undefined, tail * 10);
    const b = await stats(app.child, true);
    const cpuFirst = a.cpuMicros / 1000 / Math.max(1, a.logins);
    return {
      variant,
      loginsA: a.logins,
      rssMbA: round(a.rssBytes / MB, 1),
      heapMbA: round(a.heapUsedBytes / MB, 1),
      loginsB: b.logins,
      rssMbB: round(b.rssBytes / MB, 1),
      heapMbB: round(b.heapUsedBytes / MB, 1),
      ratio: round(b.rssBytes / a.rssBytes, 3),
      sessionsB: b.sessions ?? 0,
      cpuMsPerLoginFirst: round(cpuFirst, 3),
      cpuMsPerLoginLast: round(
        (b.cpuMicros - t0.cpuMicros) / 1000 / Math.max(1, b.logins - t0.logins),
        3,
      ),
    };
  } finally {
    await app.child.stop();
  }
}

/** --profile VARIANT: node --cpu-prof on that app during `profileLogins` logins at rtt 0. */
async function profilePhase(world: World, variant: AppVariantName): Promise<void> {
  const dir = path.join(world.tmp, 'profile');
  mkdirSync(dir, { recursive: true });
  await setRtt(world, 0);
  const app = await startApp(world, variant, [
    '--cpu-prof',
    '--cpu-prof-dir',
    dir,
    '--cpu-prof-interval',
    '200',
  ]);
  log(
    `profiling ${variant}: ${world.options.warmup} warm-up + ${world.options.profileLogins} logins`,
  );
  await drive(world, app, world.options.warmup);
  const sample = await measure(world, app, 0, world.options.profileLogins);
  await app.child.stop();
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile written');
  const target = path.join(ROOT, 'bench', 'results', `profile-${variant}.cpuprofile`);
  mkdirSync(path.dirname(target), { recursive: true });
  renameSync(path.join(dir, file), target);
  const summary = summarizeProfile(target, sample.completed);
  const md = path.join(ROOT, 'bench', 'results', `profile-${variant}.md`);
  writeFileSync(
    md,
    `# CPU profile of the ${variant} app\n\n${sample.completed} logins at rtt 0 after ${world.options.warmup} warm-up logins; ` +
      `${sample.loginsPerSec.toFixed(0)} logins/s, ${sample.cpuMsPerLogin.toFixed(3)} app CPU ms/login (with the profiler on).\n\n${summary}\n`,
  );
  console.log(summary);
  log(
    `profile: ${path.relative(ROOT, target)} (open in Chrome DevTools), summary ${path.relative(ROOT, md)}`,
  );
}

/** The installed version of an npm package ('?' when it cannot be read). */
function versionOf(name: string): string {
  try {
    const file = require.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

/** "<name>: F of N measured logins failed" for each name with more than 1 in 1,000 failed. */
function failureRates(
  counts: Array<[name: string, completed: number, errors: number]>,
  what: string,
): string[] {
  const totals = new Map<string, { attempted: number; failed: number }>();
  for (const [name, completed, errors] of counts) {
    const t = totals.get(name) ?? { attempted: 0, failed: 0 };
    t.attempted += completed + errors;
    t.failed += errors;
    totals.set(name, t);
  }
  return [...totals]
    .filter(([, t]) => t.failed > t.attempted / 1000)
    .map(([name, t]) => `${name}: ${t.failed} of ${t.attempted} measured ${what} failed`);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const jestBefore = jestProcesses();
  const load0 = os.loadavg()[0];
  log(
    `node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ` +
      `jest/stryker processes running: ${jestBefore}, load average ${load0.toFixed(2)}`,
  );
  const world = await startWorld(options);
  log(
    world.cores.app !== undefined
      ? `pinned: apps on core ${world.cores.app}, driver + emulator on core ${world.cores.load}`
      : 'not pinned (no taskset, one core, or --no-pin)',
  );
  try {
    if (options.profile) {
      await profilePhase(world, options.profile);
      return;
    }
    const apps = new Map<VariantName, RunningApp>();
    if (!options.apiOnly) {
      const running = await Promise.all(variantsOf(options).map((v) => startApp(world, v)));
      for (const app of running) apps.set(app.variant as VariantName, app);
    }
    const samples = options.apiOnly ? [] : await loadPhase(world, apps);
    const probes = options.apiOnly ? [] : await probePhase(world, apps);
    await Promise.all([...apps.values()].map((app) => app.child.stop()));
    // After the login apps stopped: the API clients get the apps' core to themselves.
    const apiSamples = await apiPhase({
      options,
      emulator: world.emulator,
      kakao: world.ready.plain,
      caFile: world.caFiles.plain,
      core: world.cores.app,
      setRtt: (ms) => setRtt(world, ms),
      log,
    });
    const rss = options.apiOnly ? [] : await rssPhase(world);
    const stateBytes = options.apiOnly ? [] : await measureStateBytes();
    const rows = rowsFrom(samples, options.rttList);
    const apiRows = apiRowsFrom(apiSamples, options.rttList);
    const environment = {
      date: new Date().toISOString(),
      node: process.version,
      versions: {
        'passport-kakao': versionOf('passport-kakao'),
        'openid-client': versionOf('openid-client'),
        undici: versionOf('undici'),
        'undici in Node (fetch)': process.versions.undici ?? '?',
      },
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '?',
      pinned: world.cores.app !== undefined,
      concurrency: options.concurrency,
      rounds: options.rounds,
      warmup: options.warmup,
      loginsPerRound: { rtt0: options.loginsFast, rttDelayed: options.loginsSlow },
      apiConcurrency: options.apiConcurrency,
      apiCallsPerRound: { rtt0: options.apiCallsFast, rttDelayed: options.apiCallsSlow },
      jestProcessesBefore: jestBefore,
      jestProcessesAfter: jestProcesses(),
      loadAverageBefore: round(load0, 2),
      loadAverageAfter: round(os.loadavg()[0], 2),
      otherProcessesCpuMedian: round(
        median([...samples, ...apiSamples].map((s) => s.foreignCpuUtil)),
        2,
      ),
      durationSec: round((Date.now() - started) / 1000, 0),
      quick: options.quick,
    };
    const report = formatReport({
      rows,
      samples,
      probes,
      rss,
      stateBytes,
      apiRows,
      apiSamples,
      environment,
    });
    console.log(report);
    if (options.out) {
      const out = path.resolve(ROOT, options.out);
      mkdirSync(path.dirname(out), { recursive: true });
      if (rows.length > 0) writeFileSync(out, `${JSON.stringify(rows, null, 2)}\n`);
      if (apiRows.length > 0) {
        writeFileSync(
          out.replace(/\.json$/, '') + '-api.json',
          `${JSON.stringify(apiRows, null, 2)}\n`,
        );
      }
      const details = out.replace(/\.json$/, '') + '-details.json';
      writeFileSync(
        details,
        `${JSON.stringify({ environment, rows, samples, probes, rss, stateBytes, apiRows, apiSamples }, null, 2)}\n`,
      );
      writeFileSync(out.replace(/\.json$/, '') + '.md', `${report}\n`);
      const written = [rows.length > 0 ? '.json' : '', apiRows.length > 0 ? '-api.json' : ''];
      log(
        `wrote ${path.relative(ROOT, out).replace(/\.json$/, '')}{${[...written.filter(Boolean), '-details.json', '.md'].join(', ')}}`,
      );
    }
    // Timings never fail the run; a variant or API client whose logins or calls fail does
    // (more than 1 in 1,000 of its own: a broken flow, not a timing).
    const broken = [
      ...failureRates(
        samples.map((s) => [s.variant, s.completed, s.errors]),
        'logins',
      ),
      ...failureRates(
        apiSamples.map((s) => [`API ${s.client}`, s.completed, s.errors]),
        'calls',
      ),
    ];
    if (broken.length > 0) throw new Error(`${broken.join('; ')} (see the log above)`);
  } finally {
    await Promise.allSettled([world.driver.stop(), world.emulator.stop()]);
    killChildren();
    rmSync(world.tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`[bench] failed: ${String((err as Error)?.stack ?? err)}`);
    killChildren();
    process.exit(1);
  },
);
