/* global require, __dirname, process, console */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS loader, run by plain node */
/**
 * `npm run emulator` in this repository: runs src/cli/cli.ts from source. TypeScript files are
 * transpiled once and cached by content hash (in the OS temp dir), so later starts do not load
 * the TypeScript compiler at all: ts-node spent ~1 s of CPU on every start. The published
 * package runs the compiled dist/cli/cli.js and never loads this file.
 */
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const CACHE_DIR = join(tmpdir(), 'nestjs-kakao-auth-ts-cache');
let typescript;

function transpile(source, filename) {
  typescript ??= require('typescript');
  const { outputText } = typescript.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: typescript.ModuleKind.CommonJS,
      target: typescript.ScriptTarget.ES2022,
      esModuleInterop: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
    },
  });
  return outputText;
}

require.extensions['.ts'] = (module, filename) => {
  const source = readFileSync(filename, 'utf8');
  const key = createHash('sha256').update(`1\0${filename}\0${source}`).digest('hex');
  const cached = join(CACHE_DIR, `${key}.js`);
  let code;
  try {
    code = readFileSync(cached, 'utf8');
  } catch {
    code = transpile(source, filename);
    mkdirSync(CACHE_DIR, { recursive: true });
    // Write then rename: two starts at once never read half a file.
    const partial = `${cached}.${process.pid}`;
    writeFileSync(partial, code);
    renameSync(partial, cached);
  }
  module._compile(code, filename);
};

require(join(__dirname, 'cli.ts'))
  .main(process.argv.slice(2))
  .then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
