/**
 * One API client in its own process: `api-client-process.ts <client> <KakaoEndpoints JSON>`,
 * the access token in BENCH_ACCESS_TOKEN (kept off the command line). Sends `{ type: 'ready' }`, then answers each `{ type: 'calls', … }` with a
 * CallsResult: `calls` calls of GET /v2/user/me, `concurrency` in flight at a time, the
 * latency of each, and this process's CPU time over the run (it does nothing else).
 */
import { performance } from 'node:perf_hooks';
import { userMeCall } from './apis/api-clients';
import { childLifecycle } from './lib/child';
import type { ApiClientName, CallsRequest, CallsResult, KakaoEndpoints } from './lib/protocol';
import { percentileSorted } from './lib/stats';

async function run(call: () => Promise<string>, request: CallsRequest): Promise<CallsResult> {
  const latencies = new Float64Array(request.calls);
  let started = 0;
  let completed = 0;
  let errors = 0;
  const errorSamples: string[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + request.timeLimitMs;
  const worker = async () => {
    while (started < request.calls && performance.now() < deadline) {
      started += 1;
      const begin = performance.now();
      try {
        const id = await call();
        if (!id) throw new Error('no user id in the answer');
        latencies[completed] = performance.now() - begin;
        completed += 1;
      } catch (err) {
        errors += 1;
        if (errorSamples.length < 5) errorSamples.push(String((err as Error).message ?? err));
      }
    }
  };
  await Promise.all(Array.from({ length: request.concurrency }, worker));
  const elapsedMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const sorted = latencies.subarray(0, completed).sort();
  return {
    type: 'called',
    completed,
    errors,
    errorSamples,
    elapsedMs,
    p50Ms: percentileSorted(sorted, 50),
    p99Ms: percentileSorted(sorted, 99),
    cpuMicros: cpu.user + cpu.system,
    rssBytes: process.memoryUsage.rss(),
  };
}

function main(): void {
  const client = process.argv[2] as ApiClientName;
  const kakao = JSON.parse(process.argv[3]) as KakaoEndpoints;
  const call = userMeCall(client, kakao, process.env.BENCH_ACCESS_TOKEN ?? '');
  childLifecycle();
  process.on('message', (message: CallsRequest) => {
    if (message.type !== 'calls') return;
    run(call, message).then(
      (result) => process.send!(result),
      (err: Error) => process.send!({ type: 'error', message: String(err.stack ?? err) }),
    );
  });
  process.send!({ type: 'ready' });
}

main();
