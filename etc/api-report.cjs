/* global require, __dirname, process, console */
/* eslint-disable @typescript-eslint/no-require-imports -- run by plain node from npm scripts */
// The public API report of each entry point (etc/<entry>.api.md), made by API Extractor from the
// built .d.ts. Without --update it fails when the surface differs from the committed report, so a
// change to what users can import is a reviewed diff; --update accepts the change.
'use strict';
const { join } = require('node:path');
const { Extractor, ExtractorConfig } = require('@microsoft/api-extractor');
const ts = require('typescript');

const ENTRY_POINTS = ['index', 'passport', 'testing'];
const update = process.argv.includes('--update');

// stripInternal drops @internal declarations from the .d.ts: a public declaration that still
// names one would not compile for users (skipLibCheck off), so compile what the entries reach.
const root = join(__dirname, '..');
const program = ts.createProgram(
  ENTRY_POINTS.map((entry) => join(root, 'dist', `${entry}.d.ts`)),
  {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    noEmit: true,
    strict: true,
    skipLibCheck: false,
    types: ['node'],
    experimentalDecorators: true,
  },
);
const broken = ts.getPreEmitDiagnostics(program);
let failed = broken.length > 0;
if (failed) {
  console.error(
    ts.formatDiagnostics(broken, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => root,
      getNewLine: () => '\n',
    }),
  );
  console.error('The built .d.ts do not compile: an @internal name is still used by a public one.');
}
for (const entry of ENTRY_POINTS) {
  const config = ExtractorConfig.loadFileAndPrepare(join(__dirname, `api-extractor.${entry}.json`));
  const result = Extractor.invoke(config, { localBuild: update, showVerboseMessages: false });
  if (result.succeeded) continue;
  failed = true;
  console.error(
    result.apiReportChanged
      ? `etc/${entry}.api.md: the public API of '${entry}' changed. Review the diff ` +
          `(etc/temp/${entry}.api.md) and run \`npm run api:update\` to accept it, then commit etc/.`
      : `etc/${entry}.api.md: API Extractor reported ${result.errorCount} error(s) above.`,
  );
}
process.exitCode = failed ? 1 : 0;
