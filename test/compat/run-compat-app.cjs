/* global require, __dirname, process */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script, run by plain node */
// Compiles one compat app (test/compat/<name>.ts) and compat-login.ts to CommonJS in ./app of the
// current folder, where the packed tarball and the Nest packages under test are installed, and
// runs it with plain node. Usage, from that folder: node <repo>/test/compat/run-compat-app.cjs <name>
'use strict';
const { execFileSync } = require('node:child_process');
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const name = process.argv[2];
if (!name) throw new Error('usage: node run-compat-app.cjs <app name, e.g. nest12-app>');
const repo = join(__dirname, '..', '..');
const ts = require(join(repo, 'node_modules', 'typescript'));
mkdirSync('app', { recursive: true });
for (const file of [name, 'compat-login']) {
  const source = readFileSync(join(__dirname, `${file}.ts`), 'utf8');
  const out = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      esModuleInterop: true,
    },
  });
  writeFileSync(join('app', `${file}.js`), out.outputText);
}
execFileSync(process.execPath, [join('app', `${name}.js`)], { stdio: 'inherit', timeout: 120_000 });
