import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { codeOf, commentsOf, isTranslated } from './doc-code';

/**
 * The code that users copy from the docs is the code that runs: each block marked
 * `<!-- snippet: test/quickstart/nest/app.module.ts -->` in README.md or docs/*.md equals the
 * `// #region readme` part of that file (a .json file: the whole file), byte for byte. In the
 * Korean twins (*.ko.md) the block is the same code with its comments in Korean. The files
 * under test/quickstart/ are booted from the packed tarball by .ci/suites/quickstart.sh; all
 * snippet files type-check here against the library (`nestjs-kakao-auth` resolves to src/
 * through tsconfig.json's `paths`).
 */
const root = join(__dirname, '..', '..');
const SNIPPET = /<!--\s*snippet:\s*(\S+)\s*-->\s*\n```(\w+)\n([\s\S]*?)```/g;
const SNIPPET_DIRS = ['test/readme', 'test/quickstart'];

function files(dir: string, ext = '.ts'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(join(dir, e.name), ext)
      : e.name.endsWith(ext)
        ? [join(dir, e.name)]
        : [],
  );
}

const DOCS = [
  'README.md',
  'README.ko.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** The `// #region readme` … `// #endregion` lines of a file, dedented; a JSON file whole. */
export function region(text: string, file = 'x.ts'): string {
  if (file.endsWith('.json')) return text;
  const match = /^[ \t]*\/\/ #region readme\n([\s\S]*?)^[ \t]*\/\/ #endregion/m.exec(text);
  if (!match) throw new Error('no // #region readme … // #endregion');
  const lines = match[1].replace(/\n$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return `${lines.map((l) => l.slice(indent)).join('\n')}\n`;
}

function snippets(doc: string): Array<[string, string, string]> {
  const text = readFileSync(join(root, doc), 'utf8');
  return [...text.matchAll(SNIPPET)].map((m) => [m[1], m[2], m[3]]);
}

const regionOf = (file: string) => region(readFileSync(join(root, file), 'utf8'), file);

it('README.md and README.ko.md show the quick starts', () => {
  for (const readme of ['README.md', 'README.ko.md'])
    expect(snippets(readme).length).toBeGreaterThanOrEqual(12);
});

describe.each(DOCS.filter((d) => !d.endsWith('.ko.md') && snippets(d).length > 0))(
  '%s code snippets',
  (doc) => {
    it.each(snippets(doc))(
      'the block from %s is the file’s readme region',
      (file, _lang, block) => {
        expect(block).toBe(regionOf(file));
      },
    );
  },
);

describe.each(DOCS.filter((d) => d.endsWith('.ko.md') && snippets(d).length > 0))(
  '%s code snippets',
  (doc) => {
    it.each(snippets(doc))(
      'the block from %s is the file’s region with Korean comments',
      (file, lang, block) => {
        expect(codeOf(block, lang)).toBe(codeOf(regionOf(file), lang));
        expect(commentsOf(block, lang).filter((c) => !isTranslated(c))).toEqual([]);
      },
    );
  },
);

it('every snippet file is shown in the docs', () => {
  const shown = new Set(DOCS.flatMap((d) => snippets(d).map(([file]) => file)));
  const withRegion = SNIPPET_DIRS.flatMap((dir) => files(join(root, dir)))
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
  const program = ts.createProgram(
    SNIPPET_DIRS.flatMap((dir) => files(join(root, dir))),
    { ...config.options, noEmit: true },
  );
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
