import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { KOE_HINTS } from '../../src/errors/koe-hints';

/**
 * The README options tables (and the profile table) list exactly the fields of the interfaces
 * they document, so the docs cannot drift from the code. A table is marked with a comment:
 *
 *   <!-- fields-of: KakaoAuthModuleOptions + KakaoAuthModuleExtras - KakaoStrategyOptions -->
 *
 * (`+` adds an interface's properties, inherited ones included; `-` removes those documented in
 * another table). The interfaces are read with the TypeScript compiler, the tables with a regex.
 */
const root = join(__dirname, '..', '..');
const READMES = ['README.md', 'README.ko.md'];
const MARKER = /<!--\s*fields-of:\s*([^>]*?)\s*-->\s*\n((?:\|.*\|\s*\n?)+)/g;

let checker: ts.TypeChecker;
let interfaces: Map<string, ts.InterfaceDeclaration>;

beforeAll(() => {
  const program = ts.createProgram([join(root, 'src/index.ts')], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    experimentalDecorators: true,
    skipLibCheck: true,
    types: [],
  });
  checker = program.getTypeChecker();
  interfaces = new Map();
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(join(root, 'src'))) continue;
    ts.forEachChild(file, (node) => {
      if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
    });
  }
}, 60_000);

/** Property names of an interface, inherited ones included. */
function propertiesOf(name: string): string[] {
  const declaration = interfaces.get(name);
  if (!declaration) throw new Error(`no interface ${name} in src`);
  const type = checker.getTypeAtLocation(declaration.name);
  return checker.getPropertiesOfType(type).map((p) => p.getName());
}

/** `A + B - C` → the properties of A and B that C does not have. */
function expectedFields(spec: string): string[] {
  const fields = new Set<string>();
  for (const [, sign, name] of spec.matchAll(/([+-]?)\s*([A-Za-z]\w*)/g)) {
    for (const prop of propertiesOf(name)) {
      if (sign === '-') fields.delete(prop);
      else fields.add(prop);
    }
  }
  return [...fields].sort();
}

/** The option names in a markdown table's first column (header and separator rows skipped). */
export function tableFields(table: string): string[] {
  const rows = table
    .trim()
    .split('\n')
    .slice(2)
    .map((row) => row.split('|')[1] ?? '');
  return rows.flatMap((cell) => [...cell.matchAll(/`([A-Za-z_$][\w$]*)/g)].map((m) => m[1])).sort();
}

function tables(readme: string): Array<{ spec: string; table: string }> {
  const text = readFileSync(join(root, readme), 'utf8');
  return [...text.matchAll(MARKER)].map((m) => ({ spec: m[1], table: m[2] }));
}

describe.each(READMES)('%s options tables', (readme) => {
  it('has the strategy options, module options and profile tables', () => {
    const specs = tables(readme).map((t) => t.spec.split(/\s+/)[0]);
    expect(specs).toEqual(
      expect.arrayContaining(['KakaoStrategyOptions', 'KakaoAuthModuleOptions', 'KakaoProfile']),
    );
  });

  it('lists only KOE codes the library knows a fix for', () => {
    const text = readFileSync(join(root, readme), 'utf8');
    const codes = [...new Set([...text.matchAll(/^\| (KOE\d{3}) \|/gm)].map((m) => m[1]))];
    expect(codes.length).toBeGreaterThanOrEqual(8);
    expect(codes.filter((code) => !KOE_HINTS[code])).toEqual([]);
  });

  it.each(tables(readme).map((t) => [t.spec, t.table]))(
    'the table of %s lists exactly its fields',
    (spec, table) => {
      expect(tableFields(table)).toEqual(expectedFields(spec));
    },
  );
});

it('README.md and README.ko.md document the same tables', () => {
  const [en, ko] = READMES.map((r) => tables(r).map((t) => t.spec));
  expect(ko).toEqual(en);
});

describe('the table parser', () => {
  it('reads every backticked name of the first column, header and separator skipped', () => {
    const table = [
      '| option | default | meaning |',
      '|---|---|---|',
      '| `clientID` | — | REST API key, not `adminKey` |',
      '| `authBaseURL` / `apiBaseURL` | `https://…` | hosts |',
      '| `validateUser({ profile })` | — | hook |',
    ].join('\n');
    expect(tableFields(table)).toEqual(['apiBaseURL', 'authBaseURL', 'clientID', 'validateUser']);
  });
});
