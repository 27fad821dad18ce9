// The public API report of each entry point (etc/<entry>.api.md), made by API Extractor from the
// built .d.ts. Without --update it fails when the surface differs from the committed report, so a
// change to what users can import is a reviewed diff; --update accepts the change.
'use strict';
const { join } = require('node:path');
const { Extractor, ExtractorConfig } = require('@microsoft/api-extractor');

const ENTRY_POINTS = ['index', 'passport', 'testing'];
const update = process.argv.includes('--update');

let failed = false;
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
