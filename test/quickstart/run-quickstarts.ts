/**
 * Every documented app, run from the packed tarball as a user would (.ci/suites/quickstart.sh):
 * a fresh folder per install line and NestJS major, the tarball plus exactly the packages the
 * README's install lines name, the README's tsconfig, `tsc` on the code as shown, then the app
 * boots (PORT) and a cookie-keeping client completes a login on the tarball's KakaoEmulator, and
 * the failure the docs show. Usage: ts-node run-quickstarts.ts <tarball> <work dir>.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { KakaoEmulator } from '../../src/testing';
import { installLines, type InstallGroup } from './install-lines';

const root = join(__dirname, '..', '..');
const [tarball, work] = process.argv.slice(2);
if (!tarball || !work) throw new Error('usage: run-quickstarts.ts <tarball> <work dir>');

type Flow = 'module' | 'classic' | 'express' | 'token';
interface App {
  name: string;
  /** Destination (under src/) → file in this repo. */
  files: Record<string, string>;
  entry: string;
  flow: Flow;
  /** Two instances sharing their sessions in Redis, behind a TLS-terminating balancer. */
  redis?: boolean;
}
interface Env {
  name: string;
  groups: InstallGroup[];
  nestMajor?: number;
  apps: App[];
  /** Runs the README's Jest example instead of booting apps. */
  jest?: boolean;
  /** Also runs the README's "your app on the emulator" commands with the first app. */
  cli?: boolean;
}

const q = (file: string) => `test/quickstart/${file}`;
const NEST_APPS: App[] = [
  {
    name: 'NestJS forRootAsync + @nestjs/config',
    files: {
      'main.ts': q('nest/main.ts'),
      'app.module.ts': q('nest/app.module.ts'),
      'pages.controller.ts': q('nest/pages.controller.ts'),
      'users.ts': q('nest/users.ts'),
    },
    entry: 'main.js',
    flow: 'module',
  },
  {
    name: 'NestJS forRoot',
    files: {
      'main.ts': q('nest/main.ts'),
      'app.module.ts': q('nest/for-root.module.ts'),
      'pages.controller.ts': q('nest/pages.controller.ts'),
    },
    entry: 'main.js',
    flow: 'module',
  },
  {
    name: 'NestJS PassportStrategy(KakaoStrategy) + AuthGuard',
    files: {
      'main.ts': q('nest/main.ts'),
      'app.module.ts': q('classic/app.module.ts'),
      'auth.controller.ts': q('classic/auth.controller.ts'),
      'kakao.strategy.ts': q('classic/kakao.strategy.ts'),
    },
    entry: 'main.js',
    flow: 'classic',
  },
];
const EXPRESS_APP: App = {
  name: 'plain Express',
  files: { 'app.ts': q('express/app.ts') },
  entry: 'app.js',
  flow: 'express',
};
const TOKEN_APP: App = {
  name: 'NestJS token login (mobile app)',
  files: { ...NEST_APPS[1].files, 'app.module.ts': q('nest/token-login.module.ts') },
  entry: 'main.js',
  flow: 'token',
};
const REDIS_APP: App = {
  name: 'NestJS, two instances sharing sessions in Redis',
  files: { ...NEST_APPS[0].files, 'main.ts': q('nest/main.redis.ts') },
  entry: 'main.js',
  flow: 'module',
  redis: true,
};
const ENVS: Env[] = [
  { name: 'nest11', groups: ['nest'], nestMajor: 11, apps: [...NEST_APPS, TOKEN_APP], cli: true },
  { name: 'express', groups: ['express'], apps: [EXPRESS_APP] },
  {
    name: 'jest',
    groups: ['express', 'testing'],
    apps: [{ name: 'emulator in your own tests', files: {}, entry: '', flow: 'express' }],
    jest: true,
  },
  { name: 'redis', groups: ['nest', 'redis'], nestMajor: 11, apps: [REDIS_APP] },
  { name: 'nest10', groups: ['nest'], nestMajor: 10, apps: NEST_APPS },
  { name: 'nest12', groups: ['nest'], nestMajor: 12, apps: NEST_APPS },
];

/** NestJS packages of the install line, pinned to the major under test. */
function pinned(pkg: string, major: number | undefined): string {
  if (major === undefined || !pkg.startsWith('@nestjs/')) return pkg;
  if (pkg === '@nestjs/config') return major === 10 ? '@nestjs/config@3' : pkg;
  return `${pkg}@${major}`;
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${code}:\n${out}`)),
    );
  });
}

async function install(env: Env, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: env.name, private: true }));
  const lines = installLines(readFileSync(join(root, 'README.md'), 'utf8'));
  for (const group of env.groups) {
    for (const line of lines[group]) {
      const args = line.map((word) =>
        word === 'nestjs-kakao-auth' ? tarball : pinned(word, env.nestMajor),
      );
      await run('npm', [...args.slice(1), '--no-audit', '--no-fund', '--loglevel=error'], dir);
    }
  }
  copyFileSync(join(root, q('tsconfig.json')), join(dir, 'tsconfig.json'));
  if (env.nestMajor !== undefined) {
    const version = JSON.parse(
      readFileSync(join(dir, 'node_modules/@nestjs/core/package.json'), 'utf8'),
    ).version as string;
    if (!version.startsWith(`${env.nestMajor}.`))
      throw new Error(`${env.name}: expected NestJS ${env.nestMajor}, got ${version}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** A browser's cookie jar for one host (cookies ignore ports), following no redirects itself. */
class Browser {
  private readonly cookies = new Map<string, string>();
  /** `headers`: e.g. what a TLS-terminating load balancer adds (`x-forwarded-proto`). */
  constructor(private readonly headers: Record<string, string> = {}) {}
  async get(url: string): Promise<{ status: number; location?: string; body: string }> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { accept: 'text/html', ...this.headers, ...(cookie ? { cookie } : {}) },
    });
    return this.read(url, res);
  }

  /** A fetch() POST of JSON, as a mobile app or an SPA sends it. */
  async postJson(url: string, json: object) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(json),
    });
    return this.read(url, res);
  }

  private async read(url: string, res: Response) {
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    const location = res.headers.get('location') ?? undefined;
    return {
      status: res.status,
      location: location && new URL(location, url).href,
      body: await res.text(),
    };
  }
}

function expect(ok: unknown, what: string): void {
  if (!ok) throw new Error(`expected ${what}`);
}

interface Running {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

async function boot(dir: string, app: App, env: NodeJS.ProcessEnv, port: number): Promise<Running> {
  const child: ChildProcess = spawn(process.execPath, [join('dist', app.entry)], {
    cwd: dir,
    env: { ...process.env, NODE_ENV: 'development', ...env, PORT: String(port) },
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill();
    });
  for (let i = 0; i < 200; i += 1) {
    if (child.exitCode !== null) throw new Error(`${app.name} exited at boot:\n${output}`);
    try {
      await fetch(url, { redirect: 'manual' });
      return { url, output: () => output, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await stop();
  throw new Error(`${app.name} did not answer on ${url} within 20 s:\n${output}`);
}

function appEnv(
  kakao: { clientID: string; authBaseURL: string; apiBaseURL: string; appId: string },
  port: number,
) {
  return {
    SESSION_SECRET: 'quick-start-session-secret',
    KAKAO_CLIENT_ID: kakao.clientID,
    KAKAO_CALLBACK_URL: `http://127.0.0.1:${port}/auth/kakao/callback`,
    KAKAO_AUTH_BASE_URL: kakao.authBaseURL,
    KAKAO_API_BASE_URL: kakao.apiBaseURL,
    KAKAO_APP_ID: kakao.appId,
  };
}

const loginPath = (flow: Flow) => (flow === 'module' ? '/auth/kakao/login' : '/auth/kakao');

/** GET login → the emulator (auto-approve) → the app's callback, with the browser's cookies. */
async function logIn(app: App, url: string, nickname: string): Promise<void> {
  const browser = new Browser();
  const toKakao = await browser.get(url + loginPath(app.flow));
  expect(toKakao.status === 302 && toKakao.location, `a redirect to Kakao, got ${toKakao.status}`);
  const atKakao = await browser.get(toKakao.location!);
  expect(
    atKakao.location?.startsWith(`${url}/auth/kakao/callback?code=`),
    'the emulator to approve',
  );
  const done = await browser.get(atKakao.location!);
  if (app.flow === 'classic') {
    expect(done.status === 200, `the callback to answer 200, got ${done.status}: ${done.body}`);
    const user = JSON.parse(done.body) as { kakaoId?: string; nickname?: string };
    expect(
      user.nickname === nickname && typeof user.kakaoId === 'string',
      `the user, got ${done.body}`,
    );
    const tokenKeys = ['tokens', 'accessToken', 'refreshToken', 'idToken'];
    expect(!Object.keys(user).some((k) => tokenKeys.includes(k)), 'no token in the user');
    return;
  }
  expect(done.location === `${url}/`, `a redirect to /, got ${done.status} ${done.location}`);
  const home = await browser.get(`${url}/`);
  expect(
    home.status === 200 && home.body.includes(`Hello, ${nickname}`),
    `the home page to greet ${nickname}: ${home.body}`,
  );
  if (app.flow === 'module') {
    const me = await browser.get(`${url}/me`);
    expect(me.status === 200 && !/token/i.test(me.body), `GET /me without tokens: ${me.body}`);
  }
}

/** A mobile app posts the access token its Kakao SDK got; a made-up token is refused. */
async function tokenLogin(kakao: KakaoEmulator, url: string): Promise<void> {
  const user = kakao.users[1];
  const { access_token } = kakao.issueTokens(user.id);
  const browser = new Browser();
  const res = await browser.postJson(`${url}/auth/kakao/token`, { access_token });
  expect(res.status === 200 && JSON.parse(res.body).loggedIn === true, `a login: ${res.body}`);
  const home = await browser.get(`${url}/`);
  expect(home.body.includes(`Hello, ${user.nickname}`), `the home page to greet: ${home.body}`);
  const me = await browser.get(`${url}/me`);
  expect(
    me.status === 200 && !me.body.includes(access_token),
    `GET /me without tokens: ${me.body}`,
  );
  const refused = await new Browser().postJson(`${url}/auth/kakao/token`, {
    access_token: 'made-up-token',
  });
  expect(
    refused.status === 401 && JSON.parse(refused.body).error,
    `401 and a reason: ${refused.status} ${refused.body}`,
  );
}

/** The user presses 취소 (Cancel): Kakao comes back with ?error=access_denied. */
async function cancel(app: App, url: string): Promise<void> {
  const browser = new Browser();
  const toKakao = await browser.get(url + loginPath(app.flow));
  const state = new URL(toKakao.location!).searchParams.get('state');
  const back = await browser.get(`${url}/auth/kakao/callback?error=access_denied&state=${state}`);
  if (app.flow === 'classic') {
    expect(back.status === 401, `401 for a cancelled login, got ${back.status}`);
    return;
  }
  const failurePage = app.flow === 'module' ? `${url}/login?error=access_denied` : `${url}/login`;
  expect(back.location === failurePage, `a redirect to ${failurePage}, got ${back.location}`);
  const page = await browser.get(back.location!);
  expect(
    page.status === 200 && /failed|did not complete/.test(page.body),
    `the failure page: ${page.body}`,
  );
}

/** A misconfiguration (KOE010: wrong client secret) reaches the app's error page, never a stack trace. */
async function misconfigured(kakao: KakaoEmulator, url: string): Promise<void> {
  const browser = new Browser();
  const toKakao = await browser.get(`${url}/auth/kakao`);
  const atKakao = await browser.get(toKakao.location!);
  kakao.faults.set('POST /oauth/token', { kakaoError: 'KOE010', times: 1 });
  const res = await browser.get(atKakao.location!);
  expect(
    res.status === 500 && res.body.includes('Something went wrong'),
    `the error page, got ${res.status}`,
  );
  expect(!/\bat .+:\d+:\d+/.test(res.body), 'no stack trace in the page');
}

/** A second instance on the same PORT exits with one line that says what to do. */
async function busyPort(
  dir: string,
  app: App,
  env: NodeJS.ProcessEnv,
  port: number,
): Promise<void> {
  const child = spawn(process.execPath, [join('dist', app.entry)], {
    cwd: dir,
    env: { ...process.env, ...env, PORT: String(port) },
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill(), 20_000);
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  // Nest's own logger lines aside (NestApplication logs the listen error), one line and no stack.
  const lines = stderr
    .trim()
    .split('\n')
    .filter((l) => !/\[Nest\] \d+ /.test(l));
  expect(!/^\s+at /m.test(stderr), `no stack trace on a busy port, got:\n${stderr}`);
  expect(code === 1, `exit code 1 on a busy port, got ${code}`);
  expect(
    lines.length === 1 &&
      lines[0] === `Port ${port} is in use: stop the other server, or start with PORT=${port + 1}.`,
    `one line on a busy port, got:\n${stderr}`,
  );
}

async function checkApp(
  env: Env,
  dir: string,
  app: App,
  testing: typeof import('../../src/testing'),
) {
  const appDir = join(dir, app.name.replace(/\W+/g, '-'));
  for (const [dest, file] of Object.entries(app.files)) {
    mkdirSync(join(appDir, 'src'), { recursive: true });
    copyFileSync(join(root, file), join(appDir, 'src', dest));
  }
  copyFileSync(join(dir, 'tsconfig.json'), join(appDir, 'tsconfig.json'));
  await run(join(dir, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], appDir);
  if (app.redis) return twoInstances(appDir, app, testing);
  const kakao = await testing.KakaoEmulator.start({ autoApprove: true });
  try {
    const port = await freePort();
    const vars = appEnv(kakao, port);
    const running = await boot(appDir, app, vars, port);
    try {
      if (app.flow === 'token') {
        await tokenLogin(kakao, running.url);
        return;
      }
      await logIn(app, running.url, kakao.users[0].nickname!);
      await cancel(app, running.url);
      if (app.flow === 'express') await misconfigured(kakao, running.url);
      await busyPort(appDir, app, vars, port);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n--- app output:\n${running.output()}`);
    } finally {
      await running.stop();
    }
  } finally {
    await kakao.stop();
  }
  if (env.cli && app === env.apps[0]) await onCliEmulator(dir, appDir, app);
}

/**
 * README "Deploying several instances": a real redis-server, two instances of the app with the
 * same SESSION_SECRETS; the login starts on A and Kakao comes back to B, then both know the user.
 * The client sends `x-forwarded-proto: https`, as the TLS-terminating balancer the snippet
 * assumes (`trust proxy` + `secure` cookies).
 */
async function twoInstances(appDir: string, app: App, testing: typeof import('../../src/testing')) {
  const redisPort = await freePort();
  const redis = spawn('redis-server', [
    '--port',
    String(redisPort),
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  for (let i = 0; !(await accepts(redisPort)); i += 1) {
    if (i > 100) throw new Error('redis-server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const kakao = await testing.KakaoEmulator.start({ autoApprove: true });
  const running: Running[] = [];
  try {
    const [portA, portB] = [await freePort(), await freePort()];
    const vars = {
      ...appEnv(kakao, portB),
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      SESSION_SECRETS: 'new-session-secret,old-session-secret',
    };
    for (const port of [portA, portB]) running.push(await boot(appDir, app, vars, port));
    const [a, b] = running;
    const browser = new Browser({ 'x-forwarded-proto': 'https' });
    const toKakao = await browser.get(`${a.url}/auth/kakao/login`);
    const atKakao = await browser.get(toKakao.location!);
    expect(atKakao.location?.startsWith(`${b.url}/auth/kakao/callback?code=`), 'the callback on B');
    const done = await browser.get(atKakao.location!);
    expect(
      done.location === `${b.url}/`,
      `B to finish the login started on A, got ${done.location}`,
    );
    const nickname = kakao.users[0].nickname!;
    for (const instance of [a, b]) {
      const home = await browser.get(`${instance.url}/`);
      expect(
        home.body.includes(`Hello, ${nickname}`),
        `${instance.url} to know the user: ${home.body}`,
      );
    }
  } catch (err) {
    const logs = running.map((r) => r.output()).join('\n');
    throw new Error(`${(err as Error).message}\n--- app output:\n${logs}`);
  } finally {
    for (const r of running) await r.stop();
    await kakao.stop();
    redis.kill();
  }
}

/** The words of a README code block marked `<!-- command: name -->`, line continuations joined. */
function readmeCommand(name: string): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = new RegExp(
    `<!--\\s*command:\\s*${name}\\s*-->\\s*\\n\`\`\`bash\\n([\\s\\S]*?)\`\`\``,
  ).exec(readme);
  if (!block) throw new Error(`README.md has no <!-- command: ${name} --> block`);
  return block[1].replace(/\\\n/g, ' ').trim().split(/\s+/);
}

/**
 * README "Run your app on the emulator", as written there: the CLI command, then the app with
 * the README's environment lines (the example ports 9000 / 3000 swapped for free ones).
 */
async function onCliEmulator(dir: string, appDir: string, app: App): Promise<void> {
  const emulatorPort = await freePort();
  const port = await freePort();
  const localize = (word: string) =>
    word
      .replace(/(^|:)9000\b/g, `$1${emulatorPort}`)
      .replace(/(^|:)3000\b/g, `$1${port}`)
      .replace('localhost', '127.0.0.1');
  const [npx, ...cli] = readmeCommand('emulator').map(localize);
  expect(npx === 'npx', 'the emulator command to start with npx');
  // What npx runs, started directly so that stopping it stops the emulator.
  const emulator = spawn(join(dir, 'node_modules/.bin', cli[0]), cli.slice(1), { cwd: dir });
  let banner = '';
  emulator.stdout.on('data', (d) => (banner += d));
  emulator.stderr.on('data', (d) => (banner += d));
  const base = `http://127.0.0.1:${emulatorPort}`;
  try {
    for (let i = 0; ; i += 1) {
      try {
        await fetch(`${base}/.well-known/openid-configuration`);
        break;
      } catch {
        if (i > 150) throw new Error(`the CLI emulator did not start:\n${banner}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const words = readmeCommand('app-on-emulator').map(localize);
    const vars = Object.fromEntries(
      words
        .filter((w) => /^[A-Z_]+=/.test(w))
        .map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]),
    );
    expect(
      words.slice(-2).join(' ') === 'node dist/main.js',
      'the app command to run dist/main.js',
    );
    const running = await boot(appDir, app, vars, port);
    try {
      await logIn(app, running.url, ''); // whoever the CLI's first user is
    } finally {
      await running.stop();
    }
  } finally {
    emulator.kill();
  }
}

async function runJestExample(dir: string): Promise<void> {
  mkdirSync(join(dir, 'src'), { recursive: true });
  mkdirSync(join(dir, 'test'), { recursive: true });
  copyFileSync(join(root, q('testing/src/app.ts')), join(dir, 'src/app.ts'));
  copyFileSync(join(root, q('testing/test/login.quickstart.ts')), join(dir, 'test/login.test.ts'));
  await run('npx', ['--no-install', 'ts-jest', 'config:init'], dir);
  await run(join(dir, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json', '--noEmit'], dir);
  const out = await run('npx', ['--no-install', 'jest', '--ci'], dir);
  expect(/Tests:\s+2 passed, 2 total/.test(out), `both README tests to pass:\n${out}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  // Installs are network-bound: all at once (one npm cache); the apps then run one by one.
  const installed = ENVS.map(async (env) => {
    const dir = join(work, env.name);
    await install(env, dir);
    console.log(`[${seconds()}] ${env.name}: installed ${env.groups.join(' + ')} install lines`);
    return dir;
  });
  // Awaited in order below; a failed install fails its apps there.
  for (const pending of installed) pending.catch(() => undefined);
  let failures = 0;
  for (const [i, env] of ENVS.entries()) {
    for (const app of env.apps) {
      const label = `${env.name}${env.nestMajor ? ` (NestJS ${env.nestMajor})` : ''}: ${app.name}`;
      try {
        const dir = await installed[i];
        if (env.jest) await runJestExample(dir);
        else {
          const testing = createRequire(join(dir, 'package.json'))(
            'nestjs-kakao-auth/testing',
          ) as typeof import('../../src/testing');
          await checkApp(env, dir, app, testing);
        }
        console.log(`[${seconds()}] ok   ${label}`);
      } catch (err) {
        failures += 1;
        console.error(`[${seconds()}] FAIL ${label}\n${(err as Error).message}`);
      }
    }
  }
  console.log(
    `quick starts: ${failures === 0 ? 'all passed' : `${failures} failed`} in ${seconds()}`,
  );
  process.exit(failures === 0 ? 0 : 1);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
