/**
 * The load driver, in its own process: plays `concurrency` browsers, each with its own cookie
 * jar, doing complete logins one after the other: GET /auth/kakao → 302 to Kakao's authorize →
 * auto-approve 302 back → GET /auth/kakao/callback (timed) → 302 → GET /profile (200, the
 * user's id). Keep-alive node:http / node:https agents, one per emulator trusting its
 * certificate (argv[2]: JSON [{ origin, caPem }]). Answers `{ type: 'drive', … }` with a
 * DriveResult.
 */
import { performance } from 'node:perf_hooks';
import { Browser, trustOrigin, type Answer } from './lib/browser';
import { childLifecycle } from './lib/child';
import type { DriveRequest, DriveResult } from './lib/protocol';
import { percentileSorted } from './lib/stats';

function expectRedirect(step: string, answer: Answer): string {
  if (answer.status !== 302 || !answer.location) {
    throw new Error(`${step}: HTTP ${answer.status} ${answer.body.slice(0, 160)}`);
  }
  return answer.location;
}

/** One complete login; returns the callback's latency in ms. */
async function login(browser: Browser, appURL: string): Promise<number> {
  const authorize = expectRedirect('GET /auth/kakao', await browser.get(`${appURL}/auth/kakao`));
  const callback = expectRedirect('GET /oauth/authorize', await browser.get(authorize));
  if (!callback.startsWith(`${appURL}/auth/kakao/callback?`))
    throw new Error(`authorize redirected elsewhere: ${callback.slice(0, 120)}`);
  const t0 = performance.now();
  const afterLogin = await browser.get(callback);
  const callbackMs = performance.now() - t0;
  const final = expectRedirect('GET /auth/kakao/callback', afterLogin);
  if (final !== '/profile') throw new Error(`callback redirected to ${final.slice(0, 120)}`);
  const profile = await browser.get(`${appURL}${final}`);
  if (profile.status !== 200 || !profile.body.includes('"id":"'))
    throw new Error(`GET /profile: HTTP ${profile.status} ${profile.body.slice(0, 160)}`);
  return callbackMs;
}

const browsersByApp = new Map<string, Browser[]>();

async function drive(request: DriveRequest): Promise<DriveResult> {
  let browsers = browsersByApp.get(request.appURL);
  if (!browsers) browsersByApp.set(request.appURL, (browsers = []));
  while (browsers.length < request.concurrency) browsers.push(new Browser());

  const callbackMs = new Float64Array(request.logins);
  const loginMs = new Float64Array(request.logins);
  let started = 0;
  let completed = 0;
  let errors = 0;
  const errorSamples: string[] = [];
  const maxErrors = Math.max(20, Math.ceil(request.logins * 0.02));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + request.timeLimitMs;

  const runBrowser = async (browser: Browser) => {
    while (started < request.logins && performance.now() < deadline && errors < maxErrors) {
      started += 1;
      const begin = performance.now();
      try {
        const ms = await login(browser, request.appURL);
        callbackMs[completed] = ms;
        loginMs[completed] = performance.now() - begin;
        completed += 1;
      } catch (err) {
        errors += 1;
        if (errorSamples.length < 5) errorSamples.push(String((err as Error).message ?? err));
        browser.reset();
      }
    }
  };
  await Promise.all(browsers.slice(0, request.concurrency).map(runBrowser));
  const elapsedMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cb = callbackMs.subarray(0, completed).sort();
  const whole = loginMs.subarray(0, completed).sort();
  return {
    type: 'driven',
    completed,
    errors,
    errorSamples,
    elapsedMs,
    callbackP50Ms: percentileSorted(cb, 50),
    callbackP99Ms: percentileSorted(cb, 99),
    loginP50Ms: percentileSorted(whole, 50),
    cpuMicros: cpu.user + cpu.system,
  };
}

childLifecycle();
for (const { origin, caPem } of JSON.parse(process.argv[2] ?? '[]') as Array<{
  origin: string;
  caPem: string;
}>)
  trustOrigin(origin, caPem);
process.on('message', (message: DriveRequest) => {
  if (message.type !== 'drive') return;
  drive(message).then(
    (result) => process.send!(result),
    (err: Error) => process.send!({ type: 'error', message: String(err.stack ?? err) }),
  );
});
process.send!({ type: 'ready' });
