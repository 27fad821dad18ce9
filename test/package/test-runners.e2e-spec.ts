import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * No test file that no runner runs (the README's `login.e2e-snippet.ts` once sat in test/ for
 * months, never executed): every .ts under src/ and test/ that looks like a test (its name says
 * spec/test/snippet, or it calls describe/it/test) is matched by one of the runners CI uses:
 * the Jest configs (npm test, test:browser, test:redis) or the quick-start suite, which runs the
 * files run-quickstarts.ts names.
 */
const root = join(__dirname, '..', '..');

interface JestConfig {
  rootDir?: string;
  roots?: string[];
  testRegex?: string | string[];
  testPathIgnorePatterns?: string[];
}

function jestRunner(configPath: string): (file: string) => boolean {
  const config = require(join(root, configPath)) as JestConfig; // eslint-disable-line @typescript-eslint/no-require-imports
  const rootDir = join(root, configPath, '..', config.rootDir ?? '.');
  const roots = (config.roots ?? ['<rootDir>']).map((r) => r.replace('<rootDir>', rootDir));
  const regexes = [config.testRegex ?? []].flat().map((r) => new RegExp(r));
  const ignores = (config.testPathIgnorePatterns ?? ['/node_modules/']).map(
    (p) => new RegExp(p.replace('<rootDir>', rootDir)),
  );
  return (file) =>
    roots.some((r) => file.startsWith(`${r}/`)) &&
    regexes.some((r) => r.test(file)) &&
    !ignores.some((r) => r.test(file));
}

/** Files the quick-start suite copies into its apps and runs: `q('…')` in run-quickstarts.ts. */
function quickstartRunner(): (file: string) => boolean {
  const script = readFileSync(join(root, 'test/quickstart/run-quickstarts.ts'), 'utf8');
  const named = new Set(
    [...script.matchAll(/\bq\('([^']+)'\)/g)].map((m) => join(root, 'test/quickstart', m[1])),
  );
  return (file) => named.has(file);
}

const RUNNERS: Record<string, (file: string) => boolean> = {
  'npm test': jestRunner('jest.config.js'),
  'npm run test:browser': jestRunner('test/browser/jest.config.js'),
  'npm run test:redis': jestRunner('test/redis/jest.config.js'),
  '.ci/suites/quickstart.sh': quickstartRunner(),
};

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : tsFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

export function looksLikeTest(name: string, text: string): boolean {
  return (
    /[.-](spec|test|snippet)\.ts$/.test(name) ||
    /^\s*(describe|it|test)(\.each\(.*?\))?\(\s*['"`]/m.test(text)
  );
}

it('every test file is run by one of the CI runners', () => {
  const tests = [...tsFiles(join(root, 'src')), ...tsFiles(join(root, 'test'))].filter((f) =>
    looksLikeTest(f, readFileSync(f, 'utf8')),
  );
  expect(tests.length).toBeGreaterThan(50);
  const orphans = tests
    .filter((f) => !Object.values(RUNNERS).some((runs) => runs(f)))
    .map((f) => relative(root, f));
  expect(orphans).toEqual([]);
});

it('the runner patterns are the ones that pick up real tests', () => {
  const at = (p: string) => join(root, p);
  expect(RUNNERS['npm test'](at('test/nest/kakao-auth.e2e-spec.ts'))).toBe(true);
  expect(RUNNERS['npm test'](at('test/browser/nest-sample.e2e-spec.ts'))).toBe(false);
  expect(RUNNERS['npm test'](at('test/readme/test/login.e2e-snippet.ts'))).toBe(false);
  expect(RUNNERS['npm run test:redis'](at('test/redis/two-instances.e2e-spec.ts'))).toBe(true);
  expect(
    RUNNERS['.ci/suites/quickstart.sh'](at('test/quickstart/testing/test/login.quickstart.ts')),
  ).toBe(true);
});

it('tells a test from a helper', () => {
  expect(looksLikeTest('x/login.e2e-snippet.ts', '')).toBe(true);
  expect(looksLikeTest('x/helper.ts', "describe('a', () => {});")).toBe(true);
  expect(looksLikeTest('x/helper.ts', 'export const describeError = 1;')).toBe(false);
});
