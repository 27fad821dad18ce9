import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 10_000;

/**
 * A real `redis-server` on 127.0.0.1, on a free port, with a temp dir and no persistence
 * (`--save '' --appendonly no`). Rejects (never skips) when Redis is missing or cannot start:
 * the suite must fail loudly on a machine without it. `samePort` restarts one (outage tests).
 */
export async function startRedisServer(samePort?: number): Promise<RedisServer> {
  if (samePort !== undefined) return spawnRedis(samePort);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await spawnRedis(port);
    } catch (err) {
      // Another process may have taken the port between freePort() and the bind.
      if (attempt >= 3 || !String(err).includes('Address already in use')) throw err;
    }
  }
}

function spawnRedis(port: number): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'kakao-auth-redis-'));
  // prettier-ignore
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir,
    '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'notice'];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  return new Promise<RedisServer>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      cleanup();
      reject(new Error(`redis-server could not start: ${why}\n${output.slice(-2000)}`));
    };
    const timer = setTimeout(
      () => fail(`not ready after ${START_TIMEOUT_MS} ms`),
      START_TIMEOUT_MS,
    );
    child.on('error', (err) =>
      fail(`${err.message} (install it: apt-get install -y redis-server)`),
    );
    child.on('exit', (code) => fail(`exited with ${code}`));
    let ready = false;
    // Keeps draining both pipes after startup, so Redis never blocks on a full pipe.
    const onData = (chunk: Buffer) => {
      if (ready) return;
      output += chunk.toString('utf8');
      if (!output.includes('Ready to accept connections')) return;
      ready = true;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: `redis://127.0.0.1:${port}`, port, stop: () => stopRedis(child, cleanup) });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
  });
}

async function stopRedis(child: ChildProcess, cleanup: () => void): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  cleanup();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
