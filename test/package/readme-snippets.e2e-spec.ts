import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * The README code that users copy is real code: each block marked
 * `<!-- snippet: test/readme/nest/app.module.ts -->` must equal the `// #region readme` part of
 * that file, and the files under test/readme/ type-check against the library (the README's
 * `nestjs-kakao-auth` imports resolve to src/ through tsconfig.json's `paths`).
 */
const root = join(__dirname, '..', '..');
const READMES = ['README.md', 'README.ko.md'];
const SNIPPET = /<!--\s*snippet:\s*(\S+)\s*-->\s*\n```ts\n([\s\S]*?)```/g;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The `// #region readme` … `// #endregion` lines of a file, dedented. */
export function region(text: string): string {
  const match = /^[ \t]*\/\/ #region readme\n([\s\S]*?)^[ \t]*\/\/ #endregion/m.exec(text);
  if (!match) throw new Error('no // #region readme … // #endregion');
  const lines = match[1].replace(/\n$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return `${lines.map((l) => l.slice(indent)).join('\n')}\n`;
}

function snippets(readme: string): Array<[string, string]> {
  const text = readFileSync(join(root, readme), 'utf8');
  return [...text.matchAll(SNIPPET)].map((m) => [m[1], m[2]]);
}

describe.each(READMES)('%s code snippets', (readme) => {
  it('has snippets', () => {
    expect(snippets(readme).length).toBeGreaterThanOrEqual(4);
  });

  it.each(snippets(readme))('the block from %s is the file’s readme region', (file, block) => {
    expect(block).toBe(region(readFileSync(join(root, file), 'utf8')));
  });
});

it('every snippet file is shown in a README', () => {
  const shown = new Set(READMES.flatMap((r) => snippets(r).map(([file]) => file)));
  const withRegion = files(join(root, 'test/readme'))
    .filter((f) => readFileSync(f, 'utf8').includes('// #region readme'))
    .map((f) => relative(root, f));
  expect(withRegion.filter((f) => !shown.has(f))).toEqual([]);
});

it('the snippet files type-check against the library', () => {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const program = ts.createProgram(files(join(root, 'test/readme')), {
    ...config.options,
    noEmit: true,
  });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${relative(root, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  expect(problems).toEqual([]);
}, 120_000);

describe('the region reader', () => {
  it('takes the lines between the markers, dedented', () => {
    const text = 'a\n  // #region readme\n  const x = 1;\n    y();\n  // #endregion\nb\n';
    expect(region(text)).toBe('const x = 1;\n  y();\n');
  });
});
