import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The built package, loaded the way users load it: by name (Node resolves a package's own name
 * through its `exports`), from CommonJS and from ESM, in fresh Node processes.
 */
const root = join(__dirname, '..', '..');
const node = (args: string[]) =>
  execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 60_000 });

/** Makes every `@nestjs/*` package unresolvable, as on a machine without NestJS. */
const BLOCK_NEST = `
const Module = require('module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request.startsWith('@nestjs/')) { const e = new Error('Cannot find module ' + request); e.code = 'MODULE_NOT_FOUND'; throw e; }
  return resolve.call(this, request, ...rest);
};`;

describe('package entry points (built)', () => {
  beforeAll(() => {
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      { cwd: root, timeout: 120_000 },
    );
  }, 130_000);

  it('nestjs-kakao-auth/passport loads with no @nestjs/* package and without the emulator', () => {
    const out = node([
      '-e',
      `${BLOCK_NEST}
      const core = require('nestjs-kakao-auth/passport');
      const loaded = Object.keys(require.cache);
      console.log(JSON.stringify({
        strategy: typeof core.KakaoStrategy,
        parse: typeof core.parseKakaoProfile,
        nest: loaded.filter((f) => f.includes('@nestjs')).length,
        testing: loaded.filter((f) => f.includes('/dist/testing')).length,
      }));`,
    ]);
    expect(JSON.parse(out)).toEqual({
      strategy: 'function',
      parse: 'function',
      nest: 0,
      testing: 0,
    });
  });

  it('the root entry does not load the emulator either', () => {
    const out = node([
      '-e',
      `require('reflect-metadata'); require('nestjs-kakao-auth');
      console.log(Object.keys(require.cache).filter((f) => f.includes('/dist/testing')).length);`,
    ]);
    expect(out.trim()).toBe('0');
  });

  it('nestjs-kakao-auth/testing exports the emulator', () => {
    const out = node([
      '-e',
      `console.log(typeof require('nestjs-kakao-auth/testing').KakaoEmulator.start)`,
    ]);
    expect(out.trim()).toBe('function');
  });

  it.each([
    ['nestjs-kakao-auth/passport', 'KakaoStrategy'],
    ['nestjs-kakao-auth/testing', 'KakaoEmulator'],
    ['nestjs-kakao-auth', 'KakaoStrategy'],
  ])('import() of %s works from ESM', (specifier, name) => {
    const out = node([
      '--input-type=module',
      '-e',
      `import 'reflect-metadata'; const m = await import('${specifier}'); console.log(typeof m.${name});`,
    ]);
    expect(out.trim()).toBe('function');
  });

  it('entry points list their names: no `export *` of a folder', () => {
    for (const entry of ['index', 'passport', 'testing']) {
      const source = readFileSync(join(root, 'src', `${entry}.ts`), 'utf8');
      for (const [, from] of source.matchAll(/export \* from '([^']+)'/g)) {
        // Only another entry point (itself an explicit list) may be re-exported whole.
        expect({ entry, from, isEntryFile: existsSync(join(root, 'src', `${from}.ts`)) }).toEqual({
          entry,
          from,
          isEntryFile: true,
        });
      }
    }
  });

  it('internals are not exported at runtime by any entry point', () => {
    const internals = [
      'KakaoHttpClient',
      'JwksCache',
      'IdTokenVerifier',
      'KakaoAuthFlow',
      'toTokenLoginError',
      'readTokenLoginInput',
      'reasonForCallbackError',
      'checkUnlinkWebhook',
      'KOE_HINTS',
      'getKakaoAuthOptionsToken',
    ];
    const out = node([
      '-e',
      `require('reflect-metadata');
      const names = ${JSON.stringify(internals)};
      const found = ['nestjs-kakao-auth', 'nestjs-kakao-auth/passport', 'nestjs-kakao-auth/testing']
        .flatMap((e) => names.filter((n) => n in require(e)).map((n) => e + ': ' + n));
      console.log(JSON.stringify({ found, strategy: typeof require('nestjs-kakao-auth').KakaoStrategy }));`,
    ]);
    expect(JSON.parse(out)).toEqual({ found: [], strategy: 'function' });
  });

  it('@internal declarations are stripped from the built .d.ts', () => {
    const dts = (file: string) => readFileSync(join(root, 'dist', file), 'utf8');
    expect(dts('http/kakao-http.client.d.ts')).not.toMatch(/class KakaoHttpClient/);
    expect(dts('oidc/jwks.cache.d.ts')).not.toMatch(/class JwksCache/);
    expect(dts('nest/kakao-auth.flow.d.ts')).not.toMatch(/class KakaoAuthFlow/);
    // Nest constructs the guard; its constructor (typed with internals) is not public.
    expect(dts('nest/kakao-auth.guard.d.ts')).not.toMatch(/constructor\(/);
    expect(dts('nest/kakao-auth.guard.d.ts')).toMatch(/class KakaoAuthGuard/);
  });

  it('one name per concept: /testing calls its token body EmulatorTokenResponse', () => {
    const testing = readFileSync(join(root, 'dist', 'testing.d.ts'), 'utf8');
    expect(testing).toMatch(/\bEmulatorTokenResponse\b/);
    expect(testing).not.toMatch(/\bKakaoTokenResponse\b/);
  });

  it('KakaoAuthError from the root and from /passport is the same class', () => {
    const out = node([
      '-e',
      `require('reflect-metadata'); console.log(require('nestjs-kakao-auth').KakaoAuthError === require('nestjs-kakao-auth/passport').KakaoAuthError)`,
    ]);
    expect(out.trim()).toBe('true');
  });
});
