#!/usr/bin/env bash
# Proves the Nest layer rests on public API only: packs the library, installs it with the newest
# passport and @nestjs/passport (NestJS 11) in a temp folder, compiles test/compat/latest-passport-app.ts
# to CommonJS and runs it with plain node (one login on the KakaoEmulator next to an app
# serializer that takes every user, read back through passport.session()). Needs the npm registry.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

npm pack --silent --pack-destination "$work" >/dev/null
tarball=$(ls "$work"/nestjs-kakao-auth-*.tgz)
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error "$tarball" \
  passport@latest @nestjs/passport@latest \
  @nestjs/common@11 @nestjs/core@11 @nestjs/platform-express@11 \
  express-session reflect-metadata rxjs
# The installed versions must be the registry's newest, not whatever a lockfile or cache held.
for pkg in passport @nestjs/passport; do
  want=$(npm view "$pkg" version)
  got=$(node -p "require('$pkg/package.json').version")
  if [ "$want" != "$got" ]; then echo "expected $pkg@$want, got $got" >&2; exit 1; fi
done

node "$root/test/compat/run-compat-app.cjs" latest-passport-app
