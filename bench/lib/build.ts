import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === 'results' || name === '__fixtures__') continue;
    if (statSync(full).isDirectory()) tsFiles(full, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.spec.ts'))
      out.push(full);
  }
  return out;
}

/**
 * Transpiles src/ and bench/ to plain CommonJS under `outDir` (no type check: `tsc --noEmit`
 * and ESLint do that), so the bench processes run on plain `node`: no ts-node in the apps, whose
 * TypeScript compiler would add ~100 MB to every app's RSS and blur the memory figures.
 * `srcDir` swaps in another copy of src/ (to A/B a core patch without touching the tree).
 * Returns the NODE_PATH the built files need to find the repository's node_modules.
 */
export function buildBench(outDir: string, srcDir = path.join(ROOT, 'src')): string {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    esModuleInterop: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
  };
  const sources = [
    ...tsFiles(srcDir).map((file) => [file, path.join('src', path.relative(srcDir, file))]),
    ...tsFiles(path.join(ROOT, 'bench')).map((file) => [file, path.relative(ROOT, file)]),
  ];
  for (const [file, relative] of sources) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: options,
      fileName: file,
    });
    const target = path.join(outDir, relative).replace(/\.ts$/, '.js');
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  return path.join(ROOT, 'node_modules');
}
