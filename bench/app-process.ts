/**
 * One bench app in its own process: `app-process.ts <variant> <KakaoEndpoints JSON>`. Listens on
 * 127.0.0.1 (free port), sends `{ type: 'ready', url }`, answers `{ type: 'stats', gc? }` with
 * its CPU time, RSS and login count (gc first when asked and started with --expose-gc).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import session from 'express-session';
import { createBenchApp, type BenchAppCounters } from './apps/app-shell';
import { loginCodeFor, prepareVariant } from './apps/variants';
import { childLifecycle } from './lib/child';
import type { AppVariantName, KakaoEndpoints, ProcessStats } from './lib/protocol';

/** CPU time of the main (JavaScript) thread, from /proc (Linux): the rest is GC helpers, libuv… */
function threadCpuMicros(): { main: number } | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14, 15)
    return { main: (ticks * 1e6) / 100 }; // USER_HZ = 100
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const variant = process.argv[2] as AppVariantName;
  const kakao = JSON.parse(process.argv[3]) as KakaoEndpoints;
  const server = http.createServer();
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const store = new session.MemoryStore();
  const counters: BenchAppCounters = { logins: 0, failures: 0, errors: 0 };
  const config = await prepareVariant(variant, {
    kakao,
    callbackURL: `${url}/auth/kakao/callback`,
    useCaOption: process.env.BENCH_CA_OPTION === '1',
    openidSignatures: process.env.BENCH_OPENID_SIGNATURES === '1',
  });
  const app = createBenchApp(loginCodeFor(variant, config), store, counters);
  server.on('request', app);

  childLifecycle(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  process.on('message', (message: { type: string; gc?: boolean }) => {
    if (message.type !== 'stats') return;
    const cpu = process.cpuUsage(); // before the GC asked for, which is not the logins' work
    const threads = threadCpuMicros();
    const gc = (globalThis as { gc?: () => void }).gc;
    if (message.gc && gc) {
      gc();
      gc();
    }
    const sessions = (store as unknown as { sessions: Record<string, string> }).sessions;
    const stats: ProcessStats & { failures: number; errors: number; mainThreadCpuMicros?: number } =
      {
        type: 'stats',
        cpuMicros: cpu.user + cpu.system,
        rssBytes: process.memoryUsage.rss(),
        heapUsedBytes: process.memoryUsage().heapUsed,
        logins: counters.logins,
        sessions: Object.keys(sessions).length,
        mainThreadCpuMicros: threads?.main,
        failures: counters.failures,
        errors: counters.errors,
      };
    process.send!(stats);
  });
  process.send!({ type: 'ready', url });
}

main().catch((err: unknown) => {
  process.send?.({ type: 'error', message: String((err as Error)?.stack ?? err) });
  process.exit(1);
});
