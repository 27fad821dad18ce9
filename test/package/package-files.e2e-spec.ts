import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { KOE_HINTS } from '../../src/errors/koe-hints';

/**
 * The README is read on the npm page, where a relative link only works when the file it points
 * to is in the package: `npm pack --dry-run` must list every Markdown page the READMEs and the
 * docs link to, and the CHANGELOG. The troubleshooting page covers every KOE code the errors
 * carry a hint for.
 */
const root = join(__dirname, '..', '..');

function packedFiles(): Set<string> {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const [pack] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
  return new Set(pack.files.map((f) => f.path));
}

/** Relative links to Markdown files (anchors dropped), as paths from the package root. */
export function markdownLinks(doc: string, text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1].split('#')[0])
    .filter((target) => target && !/^[a-z]+:/i.test(target) && target.endsWith('.md'))
    .map((target) => normalize(join(dirname(doc), target)));
}

const docs = [
  'README.md',
  'README.ko.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

it('the package ships every page the READMEs and docs link to, and the CHANGELOG', () => {
  const packed = packedFiles();
  const linked = docs.flatMap((doc) => markdownLinks(doc, readFileSync(join(root, doc), 'utf8')));
  expect(linked).toEqual(expect.arrayContaining(['docs/nest.md', 'docs/troubleshooting.md']));
  expect([...new Set(linked)].filter((file) => !packed.has(file))).toEqual([]);
  expect(packed.has('CHANGELOG.md')).toBe(true);
  expect([...packed].filter((f) => f.startsWith('docs/api/'))).toEqual([]);
}, 90_000);

it.each(['docs/troubleshooting.md', 'docs/troubleshooting.ko.md'])(
  '%s covers every KOE code with a hint, and the invalid_state causes',
  (page) => {
    const text = readFileSync(join(root, page), 'utf8');
    const rows = new Set([...text.matchAll(/^\| (KOE\d{3}) \|/gm)].map((m) => m[1]));
    expect(Object.keys(KOE_HINTS).filter((code) => !rows.has(code))).toEqual([]);
    for (const cause of ['127.0.0.1', 'Secure', 'stateCookiePath', 'stateSecret', 'sameSite'])
      expect(text).toContain(cause);
  },
);

it('reads relative Markdown links only', () => {
  expect(
    markdownLinks('docs/a.md', '[x](b.md#top) [y](../README.md) [z](https://x.dev/c.md) [w](#a)'),
  ).toEqual(['docs/b.md', 'README.md']);
});
