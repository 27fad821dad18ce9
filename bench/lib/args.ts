import { VARIANTS, type AppVariantName, type VariantName } from './protocol';

export interface BenchOptions {
  quick: boolean;
  rttList: number[];
  rounds: number;
  /** Logins per variant per round, by rtt (0 → rtt 0, otherwise → delayed). */
  loginsFast: number;
  loginsSlow: number;
  /** Warm-up logins per variant before the first rtt, and again at each later rtt. */
  warmup: number;
  rewarm: number;
  concurrency: number;
  roundTimeLimitMs: number;
  /** RSS after `rssLogins[0]` and `rssLogins[1]` logins, for these variants. */
  rssLogins: [number, number];
  rssVariants: AppVariantName[];
  /** Fresh apps per variant for the RSS check (the median ratio counts). */
  rssApps: number;
  /** Profile this variant's app with --cpu-prof instead of the normal run. */
  profile?: AppVariantName;
  profileLogins: number;
  /** Where to write the rows; undefined = do not write. */
  out?: string;
  pin: boolean;
  /** Build the apps from this copy of src/ instead of the repository's (A/B of a core patch). */
  srcDir?: string;
  /** Unloaded latency probe at each rtt > 0: logins per variant per round (0 = skip), rounds. */
  probeLogins: number;
  probeRounds: number;
  /** Re-measure a round when other processes took more than this share of a core meanwhile. */
  maxForeignCpu: number;
  retries: number;
  /** Run only these variants (default all five). */
  variants?: VariantName[];
  /** The API client benchmark (KakaoApiClient vs fetch vs undici.request): run it, run only it. */
  api: boolean;
  apiOnly: boolean;
  /** Calls per client per round at rtt 0 / at rtt > 0; warm-up calls per client at each rtt. */
  apiCallsFast: number;
  apiCallsSlow: number;
  apiWarmup: number;
  /** Calls in flight at once, per client. */
  apiConcurrency: number;
}

const HELP = `npm run bench -- [options]
  --quick               short run for CI (< 2 min): 3 rounds, fewer logins and calls, RSS for
                        ours only
  --rtt-ms N[,M]        round-trip delays to run (default 0,20); repeatable
  --rounds N            interleaved rounds (default 7, quick 3)
  --logins N            logins per variant per round at rtt 0 (default 3000, quick 600)
  --logins-rtt N        logins per variant per round at rtt > 0 (default 1000, quick 300)
  --warmup N            warm-up logins per variant (default 1000; >= 1000 recommended)
  --rewarm N            warm-up logins per variant at each later rtt (default 300, quick 100)
  --concurrency N       browsers in parallel (default 20)
  --no-rss              skip the RSS-after-2,000-vs-20,000-logins check
  --rss-variants a,b    variants for the RSS check (default all + ours-cookie; quick: ours)
  --rss-apps N          fresh apps per variant for the RSS check, median ratio (default 3,
                        quick 1)
  --profile VARIANT     CPU-profile one variant's app (node --cpu-prof) at rtt 0 instead
  --profile-logins N    logins profiled (default 20000)
  --out FILE            write the rows there (default bench/results/latest.json on a full run)
  --no-pin              do not pin processes to cores with taskset
  --variants a,b        run only these of ours, ours-oidc, openid-client, passport-kakao,
                        baseline
  --probe N             unloaded latency probe: N logins per variant per round at
                        concurrency 1, each rtt > 0 (default 60, quick 0 = skip)
  --retries N           re-measure a round disturbed by other processes up to N times
                        (default 3, quick 0)
  --max-foreign-cpu P   "disturbed" = other processes took more than P% of a core (default 10)
  --src DIR             build the apps from another copy of src/ (A/B a core patch)
  --no-api              skip the API client benchmark
  --api-only            run only the API client benchmark (no logins, state bytes or RSS)
  --api-calls N         calls per API client per round at rtt 0 (default 10000, quick 1000)
  --api-calls-rtt N     calls per API client per round at rtt > 0 (default 5000, quick 500)
  --api-warmup N        warm-up calls per API client at each rtt (default 3000, quick 500)
  --api-concurrency N   API calls in flight at once (default 50)
`;

export function parseArgs(argv: string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const options: BenchOptions = {
    quick,
    rttList: [],
    rounds: quick ? 3 : 7,
    loginsFast: quick ? 600 : 3000,
    loginsSlow: quick ? 300 : 1000,
    warmup: 1000,
    rewarm: quick ? 100 : 300,
    concurrency: 20,
    roundTimeLimitMs: quick ? 8000 : 30_000,
    rssLogins: [2000, 20_000],
    rssVariants: quick
      ? ['ours']
      : ['ours', 'ours-oidc', 'openid-client', 'passport-kakao', 'baseline', 'ours-cookie'],
    rssApps: quick ? 1 : 3,
    profileLogins: 20_000,
    out: quick ? undefined : 'bench/results/latest.json',
    pin: true,
    probeLogins: quick ? 0 : 60,
    probeRounds: 3,
    maxForeignCpu: 0.1,
    retries: quick ? 0 : 3,
    api: true,
    apiOnly: false,
    apiCallsFast: quick ? 1000 : 10_000,
    apiCallsSlow: quick ? 500 : 5000,
    apiWarmup: quick ? 500 : 3000,
    apiConcurrency: 50,
  };
  const int = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`${flag} needs a whole number, got ${value}`);
    return n;
  };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--quick':
        break;
      case '--rtt-ms':
        options.rttList.push(...value.split(',').map((v) => int(flag, v)));
        i += 1;
        break;
      case '--rounds':
        options.rounds = Math.max(1, int(flag, value));
        i += 1;
        break;
      case '--logins':
        options.loginsFast = int(flag, value);
        i += 1;
        break;
      case '--logins-rtt':
        options.loginsSlow = int(flag, value);
        i += 1;
        break;
      case '--warmup':
        options.warmup = int(flag, value);
        i += 1;
        break;
      case '--rewarm':
        options.rewarm = int(flag, value);
        i += 1;
        break;
      case '--concurrency':
        options.concurrency = Math.max(1, int(flag, value));
        i += 1;
        break;
      case '--no-rss':
        options.rssVariants = [];
        break;
      case '--rss-variants':
        options.rssVariants = value.split(',') as AppVariantName[];
        i += 1;
        break;
      case '--rss-apps':
        options.rssApps = int(flag, value);
        if (options.rssApps < 1) throw new Error('--rss-apps needs at least 1');
        i += 1;
        break;
      case '--profile':
        options.profile = value as AppVariantName;
        i += 1;
        break;
      case '--profile-logins':
        options.profileLogins = int(flag, value);
        i += 1;
        break;
      case '--out':
        options.out = value;
        i += 1;
        break;
      case '--variants':
        options.variants = value.split(',') as VariantName[];
        for (const v of options.variants)
          if (!VARIANTS.includes(v))
            throw new Error(`unknown variant ${v}: ${VARIANTS.join(', ')}`);
        i += 1;
        break;
      case '--probe':
        options.probeLogins = int(flag, value);
        i += 1;
        break;
      case '--retries':
        options.retries = int(flag, value);
        i += 1;
        break;
      case '--max-foreign-cpu':
        options.maxForeignCpu = Number(value) / 100;
        i += 1;
        break;
      case '--src':
        options.srcDir = value;
        i += 1;
        break;
      case '--no-pin':
        options.pin = false;
        break;
      case '--no-api':
        options.api = false;
        break;
      case '--api-only':
        options.apiOnly = true;
        break;
      case '--api-calls':
        options.apiCallsFast = Math.max(1, int(flag, value));
        i += 1;
        break;
      case '--api-calls-rtt':
        options.apiCallsSlow = Math.max(1, int(flag, value));
        i += 1;
        break;
      case '--api-warmup':
        options.apiWarmup = int(flag, value);
        i += 1;
        break;
      case '--api-concurrency':
        options.apiConcurrency = Math.max(1, int(flag, value));
        i += 1;
        break;
      case '--help':
      case '-h':
        console.log(HELP);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag}\n${HELP}`);
    }
  }
  if (options.rttList.length === 0) options.rttList = [0, 20];
  if (options.apiOnly && !options.api)
    throw new Error('--api-only and --no-api exclude each other');
  // An --api-only run must not overwrite a full run's results unless told to.
  if (options.apiOnly && !argv.includes('--out')) options.out = undefined;
  return options;
}
