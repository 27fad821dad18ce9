import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The emulator ships in the package but must never pull in the library (src/nest, the strategy…)
 * nor any npm package: only Node built-ins and its own files.
 */
describe('src/testing is self-contained', () => {
  const files = [
    ...readdirSync(__dirname)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'))
      .map((name) => join(__dirname, name)),
    join(__dirname, '..', 'testing.ts'),
  ];

  const imports = files.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map(
      (match) => ({ file, specifier: match[1] }),
    ),
  );

  it('finds the imports it checks', () => {
    expect(imports.length).toBeGreaterThan(30);
    expect(imports.map((i) => i.specifier)).toContain('node:crypto');
  });

  it('imports only node: built-ins and emulator files', () => {
    const foreign = imports.filter(
      ({ specifier }) =>
        !specifier.startsWith('node:') && !/^\.\/(testing\/)?[\w.-]+$/.test(specifier),
    );
    expect(foreign).toEqual([]);
  });
});
