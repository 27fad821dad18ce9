/**
 * The fake Kakao of the bench, in its own process: two HTTPS KakaoEmulators on 127.0.0.1, one
 * with OIDC switched off in the "console" (ours, passport-kakao, baseline) and one with it on
 * (ours-oidc, which gets an RS256 id_token with every code exchange). Both auto-approve and
 * require the client secret. `{ type: 'rtt', ms }` sets the round-trip delay on both (every
 * request +N ms, a new connection's first request +3N ms in all). `{ type: 'access-token' }`
 * answers with an access token of the first user of the plain emulator (API client benchmark).
 */
import { KakaoEmulator } from '../src/testing';
import { childLifecycle } from './lib/child';
import type { EmulatorReady, ProcessStats } from './lib/protocol';

const CLIENT_SECRET = 'bench-client-secret';

async function main(): Promise<void> {
  const [plain, oidc] = await Promise.all([
    KakaoEmulator.start({
      https: true,
      autoApprove: true,
      clientSecret: CLIENT_SECRET,
      oidc: false,
    }),
    KakaoEmulator.start({
      https: true,
      autoApprove: true,
      clientSecret: CLIENT_SECRET,
      oidc: true,
    }),
  ]);
  const emulators = [plain, oidc];
  // The request logs would grow by three entries per login: keep them short.
  const trim = setInterval(() => emulators.forEach((e) => e.clearRequests()), 1000);
  childLifecycle(async () => {
    clearInterval(trim);
    await Promise.all(emulators.map((e) => e.stop()));
  });

  process.on('message', (message: { type: string; ms?: number }) => {
    if (message.type === 'rtt') {
      for (const e of emulators) e.faults.rttMs = message.ms ?? 0;
      process.send!({ type: 'rtt-set', ms: message.ms });
    } else if (message.type === 'access-token') {
      const { access_token: accessToken } = plain.issueTokens(plain.users[0].id);
      process.send!({ type: 'access-token', accessToken });
    } else if (message.type === 'stats') {
      const cpu = process.cpuUsage();
      const stats: ProcessStats & { connections: number } = {
        type: 'stats',
        cpuMicros: cpu.user + cpu.system,
        rssBytes: process.memoryUsage.rss(),
        heapUsedBytes: process.memoryUsage().heapUsed,
        logins: 0,
        connections: plain.connectionCount + oidc.connectionCount,
      };
      process.send!(stats);
    }
  });

  const endpoints = (e: KakaoEmulator) => ({
    baseURL: e.authBaseURL,
    clientID: e.clientID,
    clientSecret: CLIENT_SECRET,
    caPem: e.caPem ?? '',
  });
  const ready: EmulatorReady = {
    type: 'ready',
    plain: endpoints(plain),
    oidc: endpoints(oidc),
  };
  process.send!(ready);
}

main().catch((err: unknown) => {
  process.send?.({ type: 'error', message: String((err as Error)?.stack ?? err) });
  process.exit(1);
});
