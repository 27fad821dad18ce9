import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const NEST_DIR = join(__dirname, '../../src/nest');

/**
 * The Nest layer uses passport and @nestjs/passport through their public API only, so that a
 * patch release of either cannot break it (.ci/suites/nest-latest.sh runs a login on the newest).
 * Underscored members and @nestjs/passport's getPassportInstance() are their internals.
 */
describe('src/nest uses Passport through its public API', () => {
  const files = readdirSync(NEST_DIR)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'))
    .map((name) => ({ name, text: readFileSync(join(NEST_DIR, name), 'utf8') }));

  it('scans the Nest layer (the scan itself works)', () => {
    expect(files.map((f) => f.name)).toEqual(
      expect.arrayContaining(['kakao-auth.serializer.ts', 'kakao.nest-strategy.ts']),
    );
  });

  it.each([
    ['underscored member (._x or ["_x"])', /\._[A-Za-z]|\[\s*['"`]_[A-Za-z]/],
    ["@nestjs/passport's getPassportInstance()", /getPassportInstance/],
  ])('touches no %s', (_what, pattern) => {
    const hits = files.flatMap(({ name, text }) =>
      text
        .split('\n')
        .map((line, i) => ({ line, at: `${name}:${i + 1}` }))
        .filter(({ line }) => pattern.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(hits).toEqual([]);
  });
});
