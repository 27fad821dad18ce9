import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * ARCHITECTURE.md and CONTRIBUTING.md (and their Korean twins) cannot drift silently from the
 * code: every repository path they name exists, every file name they give exists somewhere in
 * the tree, every Markdown link resolves, and every `npm run` script is in package.json.
 * Paths of generated output (.gitignore: dist/, reports/ …) are exempt.
 */
const root = join(__dirname, '..', '..');
const DOCS = ['ARCHITECTURE.md', 'ARCHITECTURE.ko.md', 'CONTRIBUTING.md', 'CONTRIBUTING.ko.md'];
const read = (file: string) => readFileSync(join(root, file), 'utf8');

const ignored = read('.gitignore')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#') && !line.includes('*'));

function treeNames(dir: string, names = new Set<string>()): Set<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === '.git') continue;
    names.add(e.name);
    if (e.isDirectory()) treeNames(join(dir, e.name), names);
  }
  return names;
}
const names = treeNames(root);

/**
 * Backticked repository paths (`src/oidc/`, `test/support/login-steps.ts`, `package.json`) and
 * Markdown link targets; globs and placeholders (`*`, `<area>`, `x.spec.ts`) are not paths.
 */
export function namedPaths(text: string): string[] {
  const ticked = [...text.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]);
  const linked = [...text.matchAll(/\]\(([^)\s#]+)[^)]*\)/g)].map((m) => m[1]);
  return [...ticked, ...linked].filter(
    (p) =>
      !/[*<>…]|^https?:|^@|^node:|^\/|^nestjs-kakao-auth/.test(p) &&
      (p.includes('/') || /\.(ts|js|cjs|json|sh|md|py)$/.test(p)) &&
      !/^x\.|\/x\./.test(p),
  );
}

function exists(path: string): boolean {
  const clean = path.replace(/\/$/, '');
  if (ignored.some((entry) => `${clean}/`.startsWith(entry.replace(/\/?$/, '/')))) return true;
  if (clean.includes('/')) return existsSync(join(root, clean));
  return names.has(clean);
}

describe.each(DOCS)('%s', (doc) => {
  const text = read(doc);

  it('names what it documents (the reader works)', () => {
    expect(namedPaths(text).length).toBeGreaterThan(doc.startsWith('ARCH') ? 40 : 25);
  });

  it('names only paths that exist', () => {
    expect(namedPaths(text).filter((path) => !exists(path))).toEqual([]);
  });

  it('names only npm scripts that exist', () => {
    const scripts = Object.keys(
      (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts,
    );
    const named = [...text.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]);
    if (doc.startsWith('CONTRIBUTING')) expect(named.length).toBeGreaterThan(10);
    expect(named.filter((script) => !scripts.includes(script))).toEqual([]);
  });
});

describe('the path reader', () => {
  it('takes repository paths and file names, not globs, packages or URLs', () => {
    const text =
      'see `src/oidc/`, `jest.config.js`, [it](ARCHITECTURE.md#layers), `src/**/x.spec.ts`, ' +
      '`test/<area>/*.e2e-spec.ts`, `@nestjs/common`, `node:crypto`, `npm test`, `openid`, ' +
      '`/v2/user/me`, `nestjs-kakao-auth/passport`';
    expect(namedPaths(text)).toEqual(['src/oidc/', 'jest.config.js', 'ARCHITECTURE.md']);
  });

  it('tells a missing path from a present one', () => {
    expect(exists('src/oidc/')).toBe(true);
    expect(exists('kakao-emulator.ts')).toBe(true);
    expect(exists('src/oidc/missing.ts')).toBe(false);
    expect(exists('missing-file.ts')).toBe(false);
    expect(exists('reports/mutation/')).toBe(true); // generated, git-ignored
  });
});

describe('npm run test:fast (jest.fast.config.js)', () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const full = require(join(root, 'jest.config.js')) as Record<string, unknown>;
  const fast = require(join(root, 'jest.fast.config.js')) as Record<string, unknown>;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const ignores = (config: Record<string, unknown>) => (file: string) =>
    (config.testPathIgnorePatterns as string[]).some((p) => new RegExp(p).test(file));

  it('is npm test without the volume suites and the build checks, on all cores', () => {
    const { testPathIgnorePatterns: _full, ...fullRest } = full;
    const { testPathIgnorePatterns: _fast, maxWorkers, ...fastRest } = fast;
    expect(fastRest).toEqual(fullRest);
    expect(maxWorkers).toBe('100%');
    for (const file of [
      '/r/test/fuzz/profile.e2e-spec.ts',
      '/r/test/load/login-load.e2e-spec.ts',
      '/r/test/security/token-login-flood.e2e-spec.ts',
      '/r/test/package/entry-points.e2e-spec.ts',
      '/r/test/package/readme-snippets.e2e-spec.ts',
      '/r/test/nest/core-entry.e2e-spec.ts',
    ]) {
      expect(ignores(fast)(file)).toBe(true);
      expect(ignores(full)(file)).toBe(false);
    }
    for (const file of [
      '/r/src/oidc/jwks.cache.spec.ts',
      '/r/test/security/secrets.e2e-spec.ts',
      '/r/test/security/token-login-flood.e2e-spec.ts.orig',
      '/r/test/package/docs-sync.e2e-spec.ts',
      '/r/test/package/root-docs.e2e-spec.ts',
    ])
      expect(ignores(fast)(file)).toBe(false);
  });
});
