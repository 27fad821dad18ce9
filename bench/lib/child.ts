import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** The CPU cores of this machine that taskset can use, or undefined when taskset is missing. */
export function tasksetAvailable(): boolean {
  return spawnSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' }).status === 0;
}

const children = new Set<ChildProcess>();

/** Set by useBuild(): run the children from transpiled JavaScript instead of ts-node. */
let build: { dir: string; nodePath: string } | undefined;

export function useBuild(dir: string, nodePath: string): void {
  build = { dir, nodePath };
}
let cleanupInstalled = false;

/** Kills every child this process started (only those), e.g. on exit or failure. */
export function killChildren(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', killChildren);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killChildren();
      process.exit(130);
    });
  }
}

export interface StartOptions {
  /** Extra node flags (e.g. --expose-gc, --cpu-prof). */
  nodeFlags?: string[];
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** Pin to this CPU core with taskset. */
  core?: number;
  /** How long to wait for the child's first message. */
  readyTimeoutMs?: number;
}

/** A child Node process running a bench/*.ts script, spoken to over IPC. */
export class BenchChild {
  private constructor(
    readonly name: string,
    readonly proc: ChildProcess,
  ) {}

  /**
   * Starts `bench/<script>` (the transpiled build when useBuild() was called, else under
   * ts-node) and waits for its first IPC message, which is returned.
   */
  static async start<T>(
    name: string,
    script: string,
    options: StartOptions = {},
  ): Promise<{ child: BenchChild; ready: T }> {
    installCleanup();
    const entry = build
      ? [path.join(build.dir, 'bench', script.replace(/\.ts$/, '.js'))]
      : ['-r', 'ts-node/register/transpile-only', path.join(__dirname, '..', script)];
    const nodeArgs = [...(options.nodeFlags ?? []), ...entry, ...(options.args ?? [])];
    const [command, args] =
      options.core !== undefined
        ? ['taskset', ['-c', String(options.core), process.execPath, ...nodeArgs]]
        : [process.execPath, nodeArgs];
    const proc = spawn(command, args as string[], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: {
        ...process.env,
        ...(build ? { NODE_PATH: build.nodePath } : { TS_NODE_TRANSPILE_ONLY: 'true' }),
        ...options.env,
      },
      cwd: path.join(__dirname, '..', '..'),
    });
    children.add(proc);
    proc.once('exit', () => children.delete(proc));
    const child = new BenchChild(name, proc);
    const ready = await child.next<T>(options.readyTimeoutMs ?? 60_000);
    return { child, ready };
  }

  /** The next message from the child (rejects when it exits first or on timeout). */
  next<T>(timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        this.proc.off('message', onMessage);
        this.proc.off('exit', onExit);
      };
      const onMessage = (message: unknown) => {
        cleanup();
        const error = (message as { type?: string; message?: string }).type === 'error';
        if (error) reject(new Error(`${this.name}: ${(message as { message: string }).message}`));
        else resolve(message as T);
      };
      const onExit = (code: number | null, signal: string | null) => {
        cleanup();
        reject(new Error(`${this.name} exited (code ${code}, signal ${signal})`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${this.name}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.proc.on('message', onMessage);
      this.proc.once('exit', onExit);
    });
  }

  /** Sends a message and waits for the answer. */
  async ask<T>(message: object, timeoutMs = 120_000): Promise<T> {
    const answer = this.next<T>(timeoutMs);
    this.proc.send(message);
    return answer;
  }

  /** Asks the child to exit, then kills it if it has not within 5 s. */
  async stop(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    if (this.proc.connected) this.proc.send({ type: 'exit' });
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

/** In a child: exit when the parent goes away, and report crashes to it. */
export function childLifecycle(onExit?: () => Promise<void> | void): void {
  const quit = async () => {
    try {
      await onExit?.();
    } finally {
      process.exit(0);
    }
  };
  process.on('disconnect', () => void quit());
  process.on('message', (message: { type?: string }) => {
    if (message?.type === 'exit') void quit();
  });
  process.on('uncaughtException', (err) => {
    console.error(err);
    process.send?.({ type: 'error', message: String(err?.stack ?? err) });
    process.exit(1);
  });
}
