import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

/**
 * Every package `src` imports is declared in package.json, so that an install from npm works
 * without "works on my machine" luck (nestjs/config does the same). Runtime imports must be
 * dependencies or peerDependencies; type-only imports (which end up in the published `.d.ts`)
 * need their types from a declared package: the package itself, its `@types/…`, or an `@types`
 * package that a declared `@types` dependency brings along.
 */
const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
const declared = new Set([
  ...Object.keys(manifest.dependencies ?? {}),
  ...Object.keys(manifest.peerDependencies ?? {}),
]);
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

interface ImportSite {
  pkg: string;
  file: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__fixtures__' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The bare specifiers of `import … from '…'`, `export … from '…'`, `import '…'`, `require('…')`, `import('…')`. */
export function importsOf(text: string): Array<{ specifier: string; typeOnly: boolean }> {
  const found: Array<{ specifier: string; typeOnly: boolean }> = [];
  const statement = /\b(import|export)\s+(type\s+)?([^;'"]*?)\s*from\s*['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(statement)) {
    const clause = m[3].trim();
    const named = /^\{([\s\S]*)\}$/.exec(clause);
    const allTypes =
      named !== null &&
      named[1]
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .every((s) => s.startsWith('type '));
    found.push({ specifier: m[4], typeOnly: Boolean(m[2]) || allTypes });
  }
  for (const m of text.matchAll(/\bimport\s*['"]([^'"]+)['"]/g))
    found.push({ specifier: m[1], typeOnly: false });
  for (const m of text.matchAll(/\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g))
    found.push({ specifier: m[1], typeOnly: false });
  return found.filter((f) => !f.specifier.startsWith('.'));
}

function typesDependencies(pkg: string): string[] {
  try {
    const meta = JSON.parse(
      readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8'),
    ) as { dependencies?: Record<string, string> };
    return Object.keys(meta.dependencies ?? {}).filter((d) => d.startsWith('@types/'));
  } catch {
    return [];
  }
}

/** `@types` packages a consumer gets by installing what package.json declares. */
function typesReachable(): Set<string> {
  const reachable = new Set<string>();
  const queue = [...declared].filter((d) => d.startsWith('@types/'));
  while (queue.length) {
    const next = queue.pop()!;
    if (reachable.has(next)) continue;
    reachable.add(next);
    queue.push(...typesDependencies(next));
  }
  return reachable;
}

const sites: ImportSite[] = sourceFiles(join(root, 'src')).flatMap((file) =>
  importsOf(readFileSync(file, 'utf8')).map(({ specifier, typeOnly }) => ({
    pkg: packageOf(specifier),
    file: relative(root, file),
    typeOnly,
  })),
);

describe('package.json declares what src imports', () => {
  it('finds the imports (the scan itself works)', () => {
    const packages = new Set(sites.map((s) => s.pkg));
    expect(packages).toContain('passport-oauth2');
    expect(packages).toContain('@nestjs/common');
    expect(packages).toContain('node:crypto');
    expect(sites.length).toBeGreaterThan(50);
  });

  it('declares every package imported at runtime (dependencies or peerDependencies)', () => {
    const undeclared = sites
      .filter((s) => !s.typeOnly && !builtins.has(s.pkg) && !declared.has(s.pkg))
      .map((s) => `${s.pkg} (${s.file})`);
    expect(undeclared).toEqual([]);
  });

  it('gives consumers the types of every type-only import', () => {
    const types = typesReachable();
    const untyped = sites
      .filter((s) => s.typeOnly && !builtins.has(s.pkg))
      .filter(
        (s) =>
          !declared.has(s.pkg) && !types.has(`@types/${s.pkg.replace('@', '').replace('/', '__')}`),
      )
      .map((s) => `${s.pkg} (${s.file})`);
    expect(untyped).toEqual([]);
  });

  it('keeps the emulator (src/testing) on Node built-ins only', () => {
    const outside = sites
      .filter((s) => s.file.startsWith('src/testing') && !builtins.has(s.pkg))
      .map((s) => `${s.pkg} (${s.file})`);
    expect(outside).toEqual([]);
  });
});

describe('the import scanner', () => {
  it.each([
    ["import { a } from 'x';", [{ specifier: 'x', typeOnly: false }]],
    ["import type { A } from 'x';", [{ specifier: 'x', typeOnly: true }]],
    ["import { type A, type B } from 'x';", [{ specifier: 'x', typeOnly: true }]],
    ["import { type A, b } from 'x';", [{ specifier: 'x', typeOnly: false }]],
    ["import x, {\n  y,\n} from '@s/p/sub';", [{ specifier: '@s/p/sub', typeOnly: false }]],
    ["export * from 'x';", [{ specifier: 'x', typeOnly: false }]],
    ["import 'reflect-metadata';", [{ specifier: 'reflect-metadata', typeOnly: false }]],
    ["const m = require('y');", [{ specifier: 'y', typeOnly: false }]],
    ["await import('z');", [{ specifier: 'z', typeOnly: false }]],
    ["import { a } from './local';", []],
  ])('%s', (text, expected) => {
    expect(importsOf(text)).toEqual(expected);
  });

  it('maps specifiers to package names', () => {
    expect(packageOf('@nestjs/common/decorators')).toBe('@nestjs/common');
    expect(packageOf('lodash/fp')).toBe('lodash');
    expect(packageOf('node:crypto')).toBe('node:crypto');
  });
});
