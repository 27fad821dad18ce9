import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** What a plain Express app loads: `nestjs-kakao-auth/passport` must not pull in any @nestjs package. */
describe('the core entry without NestJS', () => {
  it('src/passport.ts loads no @nestjs module, while src/index.ts does', () => {
    const loaded = (entry: string): string[] =>
      JSON.parse(
        execFileSync(
          process.execPath,
          [
            '-r',
            'ts-node/register/transpile-only',
            '-e',
            `require(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(require.cache).filter((k) => k.includes('@nestjs'))))`,
          ],
          { cwd: root, encoding: 'utf8' },
        ),
      ) as string[];
    expect(loaded('./src/passport')).toEqual([]);
    expect(loaded('./src/index').length).toBeGreaterThan(0);
  });
});
