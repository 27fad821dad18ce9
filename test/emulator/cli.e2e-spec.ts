import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArguments } from '../../src/cli/cli';

describe('nestjs-kakao-auth emulator (CLI)', () => {
  it('parses its options', () => {
    expect(
      parseArguments([
        'emulator',
        '--port',
        '4010',
        '--https',
        '--client-id',
        'k',
        '--client-secret',
        's',
        '--admin-key',
        'a',
        '--auto-approve',
        '4012345678',
      ]),
    ).toEqual({
      command: 'emulator',
      help: false,
      options: {
        port: 4010,
        https: true,
        clientID: 'k',
        clientSecret: 's',
        adminKey: 'a',
        autoApprove: '4012345678',
      },
    });
    expect(parseArguments(['emulator', '--auto-approve']).options.autoApprove).toBe(true);
    expect(() => parseArguments(['emulator', '--port', 'x'])).toThrow('--port');
    expect(() => parseArguments(['emulator', '--bogus'])).toThrow('Unknown argument: --bogus');
  });

  describe('running', () => {
    let child: ChildProcess;
    let output = '';

    afterEach(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });

    it('prints working URLs, the keys and the users, and stops on SIGINT', async () => {
      const root = resolve(__dirname, '../..');
      child = spawn(
        process.execPath,
        [
          require.resolve('ts-node/dist/bin.js'),
          '--transpile-only',
          'src/cli/cli.ts',
          'emulator',
          '--auto-approve',
        ],
        { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child.stdout!.on('data', (chunk) => (output += chunk));
      child.stderr!.on('data', (chunk) => (output += chunk));
      await new Promise<void>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no banner:\n${output}`)), 15000);
        child.stdout!.on('data', () => {
          if (output.includes('Ctrl-C')) {
            clearTimeout(timer);
            done();
          }
        });
      });
      const authBaseURL = /authBaseURL\s+(\S+)/.exec(output)![1];
      expect(output).toMatch(/apiBaseURL\s+http:\/\/127\.0\.0\.1:\d+/);
      expect(output).toContain('emulator-rest-api-key');
      expect(output).toContain('emulator-admin-key');
      expect(output).toContain('1376016924426111111');
      expect(output).toContain('김민준');
      const discovery = await fetch(`${authBaseURL}/.well-known/openid-configuration`);
      expect(((await discovery.json()) as { issuer: string }).issuer).toBe(authBaseURL);
      const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      child.kill('SIGINT');
      expect(await exit).toBe(0);
      expect(output).toContain('KakaoEmulator stopped.');
    }, 30000);
  });
});
