import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * What may import what (ARCHITECTURE.md): data flows down, never up. The Nest layer builds on
 * the core, never the other way, so plain Express apps never load @nestjs/*; the library never
 * loads the emulator. (src/testing/self-contained.spec.ts keeps the emulator on Node built-ins
 * and its own files; test/nest/core-entry.e2e-spec.ts and test/package/entry-points.e2e-spec.ts
 * check the same at run time.)
 */
const root = join(__dirname, '..', '..');
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === '__fixtures__' ? [] : sourceFiles(path);
    return /\.(ts|cjs)$/.test(e.name) && !/\.spec\.ts$/.test(e.name) ? [path] : [];
  });
}

/** Import targets: a package name, or the file path (from the repo root) of a relative import. */
export function importTargets(file: string, text: string): string[] {
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\(\s*)['"]([^'"]+)['"]/g;
  return [...text.matchAll(pattern)].map(([, specifier]) =>
    specifier.startsWith('.') ? relative(root, resolve(dirname(file), specifier)) : specifier,
  );
}

const imports = sourceFiles(src).flatMap((file) =>
  importTargets(file, readFileSync(file, 'utf8')).map((target) => ({
    file: relative(root, file),
    target,
  })),
);
const under = (folder: string) => (path: string) =>
  path === folder || path.startsWith(`${folder}/`);

it('finds the imports it checks', () => {
  expect(imports.length).toBeGreaterThan(300);
  expect(imports).toContainEqual({
    file: 'src/index.ts',
    target: expect.stringMatching(/^src\/nest\//) as unknown as string,
  });
  expect(imports).toContainEqual(
    expect.objectContaining({ file: 'src/nest/kakao-auth.module.ts', target: '@nestjs/common' }),
  );
});

it('only src/nest (and the root entry that adds it) imports @nestjs/* or src/nest', () => {
  const upward = imports.filter(
    ({ file, target }) =>
      !under('src/nest')(file) &&
      file !== 'src/index.ts' &&
      (target.startsWith('@nestjs/') || under('src/nest')(target)),
  );
  expect(upward).toEqual([]);
});

it('the library never imports the emulator (only its entry and the CLI do)', () => {
  const intoEmulator = imports.filter(
    ({ file, target }) =>
      (under('src/testing')(target) || target === 'src/testing') &&
      !under('src/testing')(file) &&
      !under('src/cli')(file) &&
      file !== 'src/testing.ts',
  );
  expect(intoEmulator).toEqual([]);
});

describe('the import reader', () => {
  const file = join(root, 'src/strategy/x.ts');
  it.each([
    ["import { a } from '../nest/b';", ['src/nest/b']],
    ["import type { A } from '@nestjs/common';", ['@nestjs/common']],
    ["export * from './nest';", ['src/strategy/nest']],
    ["const t = require('../testing');", ['src/testing']],
    ["const m = await import('@nestjs/core');", ['@nestjs/core']],
    ["import 'reflect-metadata';", ['reflect-metadata']],
  ])('%s', (text, expected) => {
    expect(importTargets(file, text)).toEqual(expected);
  });
});
