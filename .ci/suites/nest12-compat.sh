#!/usr/bin/env bash
# Proves NestJS 12 works: packs the library, installs it with @nestjs/*@12 in a temp folder,
# compiles test/compat/nest12-app.ts to CommonJS and runs it with plain node (one login on the
# KakaoEmulator). Jest cannot load the ESM-only NestJS 12, hence this separate check.
set -euo pipefail
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

npm pack --silent --pack-destination "$work" >/dev/null
tarball=$(ls "$work"/nestjs-kakao-auth-*.tgz)
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error "$tarball" \
  @nestjs/common@12 @nestjs/core@12 @nestjs/platform-express@12 @nestjs/passport@12 \
  passport@0.7 express-session reflect-metadata rxjs
node -e "const v = require('@nestjs/core/package.json').version; if (!v.startsWith('12.')) { console.error('expected NestJS 12, got ' + v); process.exit(1); }"

node "$root/test/compat/run-compat-app.cjs" nest12-app
