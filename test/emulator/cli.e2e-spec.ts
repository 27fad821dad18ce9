import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main, parseArguments } from '../../src/cli/cli';

const ROOT = resolve(__dirname, '../..');
const CONFIG = 'test/interop/kakao-emulator.json';
const CONTROL_TOKEN = 'cli-test-control-token-0123456789';

/** Runs the CLI as `npm run emulator` does (src/cli/dev-cli.cjs). */
function runCli(args: string[]): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['src/cli/dev-cli.cjs', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '' },
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

function waitFor(read: () => string, pattern: RegExp, ms = 20000): Promise<void> {
  return new Promise((done, fail) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (pattern.test(read())) {
        clearInterval(poll);
        done();
      } else if (Date.now() - started > ms) {
        clearInterval(poll);
        fail(new Error(`no ${pattern} in:\n${read()}`));
      }
    }, 25);
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((done) =>
    child.exitCode !== null ? done(child.exitCode) : child.on('exit', (code) => done(code)),
  );

/** What the CLI printed after its banner (the request log). */
function afterBanner(output: string): string {
  const end = output.indexOf('\n', output.indexOf('provider.kakao.issuer-uri='));
  return output.slice(end + 1);
}

/** Captures console.log / console.error of an in-process main() call. */
async function capture(run: () => Promise<number>) {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  const error = jest
    .spyOn(console, 'error')
    .mockImplementation((line: string) => void err.push(line));
  try {
    const code = await run();
    return { code, out: out.join('\n'), err: err.join('\n'), errLines: err };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('nestjs-kakao-auth emulator (CLI)', () => {
  it('parses its options', () => {
    expect(
      parseArguments([
        'emulator',
        '--config',
        'kakao-emulator.json',
        '--port',
        '4010',
        '--https',
        '--client-id',
        'k',
        '--client-secret',
        's',
        '--admin-key',
        'a',
        '--control-token',
        't',
        '--quiet',
        '--auto-approve',
        '4012345678',
      ]),
    ).toEqual({
      command: 'emulator',
      help: false,
      quiet: true,
      configPath: 'kakao-emulator.json',
      options: {
        port: 4010,
        https: true,
        clientID: 'k',
        clientSecret: 's',
        adminKey: 'a',
        controlToken: 't',
        autoApprove: '4012345678',
      },
    });
    expect(parseArguments(['emulator', '--auto-approve']).options.autoApprove).toBe(true);
    expect(parseArguments(['emulator', '-q']).quiet).toBe(true);
    expect(() => parseArguments(['emulator', '--port', 'x'])).toThrow('--port');
    expect(() => parseArguments(['emulator', '--config'])).toThrow('--config needs a value');
    expect(() => parseArguments(['emulator', '--bogus'])).toThrow('Unknown argument: --bogus');
  });

  it('refuses a bad config file with every bad field named (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakao-emulator-cli-'));
    const file = join(dir, 'kakao-emulator.json');
    writeFileSync(
      file,
      JSON.stringify({ app: { redirectURIs: 'http://x' }, users: [{ id: 12.5 }] }),
    );
    const bad = await capture(() => main(['emulator', '--config', file]));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(`${file} is not valid:`);
    expect(bad.err).toContain('app.redirectURIs: expected an array of an absolute http(s) URL');
    expect(bad.err).toContain('users[0].id: write the id as a string');
    const missing = await capture(() => main(['emulator', '--config', join(dir, 'nope.json')]));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(
      /Cannot read the config file .*nope\.json \(ENOENT\): check the path/,
    );
  });

  it('says in one line what to do when the port is busy (exit 1)', async () => {
    const blocker = net.createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const busy = await capture(() => main(['emulator', '--port', String(port), '--quiet']));
      expect(busy.code).toBe(1);
      expect(busy.errLines).toEqual([
        `Port ${port} is already in use (another emulator?): stop what listens there, or start with --port ${port + 1} (or --port 0 for any free port).`,
      ]);
    } finally {
      blocker.close();
    }
  });

  it('control subcommands need a token and a running emulator, and say so', async () => {
    const noToken = await capture(() =>
      main(['emulator', 'users', 'list', '--url', 'http://127.0.0.1:9']),
    );
    expect(noToken.code).toBe(2);
    expect(noToken.err).toContain('No control token');
    const noEmulator = await capture(() =>
      main(['emulator', 'state', '--url', 'http://127.0.0.1:9', '--control-token', 'x']),
    );
    expect(noEmulator.code).toBe(1);
    expect(noEmulator.err).toContain('No emulator answers at http://127.0.0.1:9');
    const unknown = await capture(() => main(['emulator', 'users', 'delete', '1']));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown emulator command: users delete 1');
  });

  describe('running with a config file', () => {
    let emulator: { child: ChildProcess; output: () => string };
    let base: string;
    const control = (args: string[]) =>
      capture(() => main(['emulator', ...args, '--url', base, '--control-token', CONTROL_TOKEN]));

    beforeAll(async () => {
      emulator = runCli([
        'emulator',
        '--config',
        CONFIG,
        '--port',
        '0',
        '--control-token',
        CONTROL_TOKEN,
      ]);
      await waitFor(emulator.output, /provider\.kakao\.issuer-uri=\S+\n/);
      base = /authBaseURL\s+(\S+)/.exec(emulator.output())![1];
    }, 30000);

    afterAll(() => {
      if (emulator.child.exitCode === null) emulator.child.kill('SIGKILL');
    });

    it('prints the app, users, control token and ready-to-paste config for Nest, Express and Spring', async () => {
      const banner = emulator.output();
      expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(banner).toContain('REST API key   interop-rest-api-key');
      expect(banner).toContain(`config         ${CONFIG}`);
      expect(banner).toContain('1376016924426111111  이서연');
      expect(banner).toContain(`control token  ${CONTROL_TOKEN}`);
      expect(banner).toContain(`log page       ${base}/_emulator/`);
      const pasted = banner.slice(banner.indexOf('Ready to paste'));
      for (const line of [
        'KAKAO_CLIENT_ID=interop-rest-api-key',
        'KAKAO_CLIENT_SECRET=interop-client-secret',
        'KAKAO_CALLBACK_URL=http://127.0.0.1:8765/callback',
        `KAKAO_AUTH_BASE_URL=${base}`,
        `KAKAO_API_BASE_URL=${base}`,
        'KAKAO_ADMIN_KEY=interop-admin-key',
        'KakaoAuthModule.forRoot({',
        'authBaseURL: process.env.KAKAO_AUTH_BASE_URL',
        'passport.use(new KakaoStrategy({',
        'spring.security.oauth2.client.registration.kakao.client-id=interop-rest-api-key',
        'spring.security.oauth2.client.registration.kakao.client-authentication-method=client_secret_post',
        `spring.security.oauth2.client.provider.kakao.authorization-uri=${base}/oauth/authorize`,
        `spring.security.oauth2.client.provider.kakao.token-uri=${base}/oauth/token`,
        `spring.security.oauth2.client.provider.kakao.jwk-set-uri=${base}/.well-known/jwks.json`,
        `spring.security.oauth2.client.provider.kakao.issuer-uri=${base}`,
      ])
        expect(pasted).toContain(line);
      // The banner ends with the configuration: nothing follows the Spring block.
      expect(banner.trimEnd().split('\n').at(-1)).toMatch(
        /^spring\.security\.oauth2\.client\.provider\.kakao\./,
      );
      const discovery = (await (
        await fetch(`${base}/.well-known/openid-configuration`)
      ).json()) as {
        issuer: string;
      };
      expect(discovery.issuer).toBe(base);
    });

    it('logs one line per request with client id, status and Kakao error code', async () => {
      await fetch(`${base}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=authorization_code&client_id=interop-rest-api-key&code=nope&client_secret=interop-client-secret',
      });
      await waitFor(emulator.output, /POST +\/oauth\/token +interop-rest-api-key +400 KOE320/);
      const log = afterBanner(emulator.output());
      expect(log).toMatch(/^\d\d:\d\d:\d\d\.\d{3} POST +\/oauth\/token/m);
      expect(log).not.toContain('interop-client-secret');
      expect(log).not.toContain('code=nope');
      expect(log).not.toContain('\u001b[');
    });

    it('drives it with subcommands: users, faults, tokens, reset', async () => {
      // Once through the real binary, the rest in-process (same code path).
      const added = runCli([
        'emulator',
        'users',
        'add',
        '--id',
        '9007199254740993',
        '--nickname',
        '홍길동',
        '--email',
        'gildong@example.com',
        '--agreed',
        'profile_nickname,account_email',
        '--url',
        base,
        '--control-token',
        CONTROL_TOKEN,
      ]);
      expect(await exited(added.child)).toBe(0);
      expect(added.output()).toContain('"id": "9007199254740993"');

      const list = await control(['users', 'list']);
      expect(list.code).toBe(0);
      expect(list.out).toContain('"nickname": "홍길동"');

      const update = await control(['users', 'update', '9007199254740993', '--email', 'bad@']);
      expect(update.code).toBe(0);
      const badUser = await control(['users', 'add', '--id', '12', '--gender', 'x']);
      expect(badUser.code).toBe(1);
      expect(badUser.err).toContain('body.gender: expected "female" or "male"');

      expect(
        (await control(['fault', 'set', 'POST', '/oauth/token', '--rate-limit', '--times', '1']))
          .code,
      ).toBe(0);
      const limited = await fetch(`${base}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=authorization_code&client_id=interop-rest-api-key&code=x',
      });
      expect(await limited.json()).toMatchObject({ error_code: 'KOE237' });
      expect((await control(['fault', 'set', '/v2/user/me', '--status', '503'])).code).toBe(0);
      expect((await fetch(`${base}/v2/user/me`)).status).toBe(503);
      const faults = await control(['fault', 'list']);
      expect(faults.out).toContain('"endpoint": "/v2/user/me"');
      expect((await control(['fault', 'clear'])).code).toBe(0);
      expect((await fetch(`${base}/v2/user/me`)).status).toBe(401);

      expect((await control(['tokens', 'revoke', '9007199254740993'])).out).toContain(
        '"revoked": 0',
      );
      expect((await control(['tokens', 'expire-refresh', '9007199254740993'])).out).toContain(
        '"expired": 0',
      );
      const webhook = await control(['webhook', 'unlink', '9007199254740993']);
      expect(webhook.code).toBe(1);
      expect(webhook.err).toContain('no webhook URL');
      const otherKind = await control([
        'webhook',
        'no-such-kind',
        '4012345678',
        '--json',
        '{"x":1}',
      ]);
      expect(otherKind.code).toBe(1);
      expect(otherKind.err).toContain('No webhook kind "no-such-kind". Known: unlink');

      expect((await control(['reset'])).code).toBe(0);
      const after = await control(['state']);
      expect(after.out).not.toContain('9007199254740993');
      await waitFor(emulator.output, /POST +\/_emulator\/api\/reset +- +200 ok/);
    }, 30000);

    it('stops on SIGINT', async () => {
      const exit = exited(emulator.child);
      emulator.child.kill('SIGINT');
      expect(await exit).toBe(0);
      expect(emulator.output()).toContain('KakaoEmulator stopped.');
    });
  });

  it('--quiet logs no requests', async () => {
    const quiet = runCli(['emulator', '--port', '0', '--quiet']);
    try {
      await waitFor(quiet.output, /provider\.kakao\.issuer-uri=\S+\n/);
      const base = /authBaseURL\s+(\S+)/.exec(quiet.output())![1];
      await fetch(`${base}/.well-known/jwks.json`);
      await new Promise((done) => setTimeout(done, 300));
      expect(afterBanner(quiet.output()).trim()).toBe('');
    } finally {
      quiet.child.kill('SIGKILL');
    }
  }, 30000);
});
