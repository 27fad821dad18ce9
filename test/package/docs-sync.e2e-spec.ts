import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeBlocks, codeOf, commentsOf, headingLevels, isTranslated } from './doc-code';

/**
 * Every English doc with a Korean twin (README.md ↔ README.ko.md, docs/x.md ↔ docs/x.ko.md,
 * root pages such as ARCHITECTURE.md ↔ ARCHITECTURE.ko.md)
 * says the same thing: the same sections (heading levels in order), the same code blocks (same
 * language and code, comments aside), and the Korean blocks' comments are in Korean.
 * Every docs page needs a Korean twin.
 */
const root = join(__dirname, '..', '..');

const englishIn = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.md') && !f.endsWith('.ko.md'))
    .map((f) => (dir === '.' ? f : `${dir}/${f}`));
const english = ['README.md', ...englishIn('docs')];
const twin = (doc: string) => doc.replace(/\.md$/, '.ko.md');
// Root pages with a Korean twin (ARCHITECTURE.md, CONTRIBUTING.md …) are held to the same
// rules; the CHANGELOG is English only.
const pairs = [...new Set([...englishIn('.'), ...english])].filter((doc) =>
  existsSync(join(root, twin(doc))),
);
const read = (doc: string) => readFileSync(join(root, doc), 'utf8');

it('every docs page has a Korean twin', () => {
  expect(english.filter((doc) => !pairs.includes(doc))).toEqual([]);
  expect(pairs).toEqual(
    expect.arrayContaining([
      'README.md',
      'docs/troubleshooting.md',
      'ARCHITECTURE.md',
      'CONTRIBUTING.md',
    ]),
  );
});

describe.each(pairs)('%s and its Korean twin', (doc) => {
  const en = read(doc);
  const ko = read(twin(doc));

  it('have the same sections', () => {
    expect(headingLevels(ko)).toEqual(headingLevels(en));
  });

  it('have the same code blocks, comments aside', () => {
    const code = (text: string) =>
      codeBlocks(text).map((b) => `${b.lang}\n${codeOf(b.body, b.lang)}`);
    expect(code(ko)).toEqual(code(en));
  });

  it('comment the Korean code blocks in Korean', () => {
    const untranslated = codeBlocks(ko).flatMap((b) =>
      commentsOf(b.body, b.lang).filter((c) => !isTranslated(c)),
    );
    expect(untranslated).toEqual([]);
  });
});

describe('the doc reader', () => {
  it('finds comments in code, not in strings or templates', () => {
    const body = "const a = '// no'; // yes\nconst b = `${a} // no`; /* also */\n";
    expect(commentsOf(body, 'ts')).toEqual(['// yes', '/* also */']);
    expect(commentsOf('npm ci # install\necho "#x"\n', 'bash')).toEqual(['# install']);
  });

  it('compares code without comments', () => {
    expect(codeOf('f(1); // one\n', 'ts')).toBe(codeOf('f(1); // 하나\n', 'ts'));
    expect(codeOf('f(1);\n', 'ts')).not.toBe(codeOf('f(2);\n', 'ts'));
    expect(codeOf('npm ci # all\n', 'bash')).toBe(codeOf('npm ci # 전부\n', 'bash'));
  });

  it('takes Korean comments, and single tokens such as paths, as translated', () => {
    expect(isTranslated('// 로그인 전에는 401')).toBe(true);
    expect(isTranslated('// src/main.ts')).toBe(true);
    expect(isTranslated('// 401 until logged in')).toBe(false);
    expect(isTranslated('# plain Express')).toBe(false);
  });

  it('reads headings outside code blocks only', () => {
    expect(headingLevels('# A\n```bash\n# not a heading\n```\n## B\n')).toEqual([1, 2]);
  });
});
