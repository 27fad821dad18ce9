import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type Chromium, launchChromium } from './support/chromium';

/**
 * `npm run sample` and `npm run sample:express` as a new user runs them: no Kakao keys, so the
 * runner starts the KakaoEmulator in-process; a real browser logs in on the printed URL.
 */
const root = join(__dirname, '..', '..');

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

interface Runner {
  child: ChildProcess;
  output: () => string;
}

/** Starts the runner and waits until it has printed where to go (one write). */
/** `sample/run-sample.ts` with these arguments on `port`, its stdout and stderr collected. */
function spawnRunner(args: string[], port: number) {
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules/ts-node/dist/bin.js'),
      '--transpile-only',
      'sample/run-sample.ts',
      ...args,
    ],
    {
      cwd: root,
      // An empty KAKAO_CLIENT_ID wins over a developer's .env: this test never talks to real Kakao.
      env: { ...process.env, PORT: String(port), KAKAO_CLIENT_ID: '', KAKAO_CALLBACK_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return { child, output: () => output };
}

async function startRunner(args: string[], port: number): Promise<Runner> {
  const { child, output } = spawnRunner(args, port);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start after 60 s:\n${output()}`)), 60_000);
    const check = () => {
      if (output().includes('Ctrl-C stops it.')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the runner exited with ${code}:\n${output()}`));
    });
  });
  return { child, output };
}

async function stopRunner(runner: Runner | undefined): Promise<void> {
  if (!runner || runner.child.exitCode !== null) return;
  const exited = new Promise((resolve) => runner.child.once('exit', resolve));
  runner.child.kill('SIGTERM');
  await exited;
}

describe.each([
  ['npm run sample', [], 'NestJS'],
  ['npm run sample:express', ['express'], 'Express'],
])('%s with no Kakao keys', (_label, args, framework) => {
  let chromium: Chromium;
  let runner: Runner | undefined;
  let port: number;

  beforeAll(async () => {
    chromium = await launchChromium();
    port = await freePort();
    runner = await startRunner(args, port);
  }, 90_000);
  afterAll(async () => {
    await chromium?.close();
    await stopRunner(runner);
  });

  it('prints where to go and that Kakao is the local emulator', () => {
    expect(runner!.output()).toContain(`nestjs-kakao-auth ${framework} sample`);
    expect(runner!.output()).toMatch(/KakaoEmulator at http:\/\/127\.0\.0\.1:\d+/);
  });

  it('logs a test user in through the emulator’s consent page', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`http://localhost:${port}`);
    await page.getByTestId('kakao-login').click();
    await page.getByTestId('consent-form').waitFor();
    await page.getByTestId('accept').click();
    await page.waitForURL(`http://localhost:${port}/profile`);
    await expect(page.getByTestId('nickname').textContent()).resolves.toBe('김민준');
    await expect(page.locator('.tag').first().textContent()).resolves.toBe(framework);
  });
});

describe.each([
  ['npm run sample', [], 'PORT=', 'npm run sample'],
  ['npm run sample:express', ['express'], 'PORT=', 'npm run sample:express'],
])('%s on a busy port', (_label, args, envHint, command) => {
  it('answers with one line that says what to do, no stack trace', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { child, output: printed } = spawnRunner(args, port);
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      const output = printed();
      expect(code).toBe(1);
      const lines = output.trim().split('\n');
      expect(lines).toEqual([
        `Port ${port} is already in use (포트 사용 중): stop the other server, or start on another port: ${envHint}${port + 1} ${command}`,
      ]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
