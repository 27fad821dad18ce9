#!/usr/bin/env bash
# The package users install: the packed tarball in fresh consumer projects (attw, require and
# import() of every entry point, TypeScript with node16 and node resolution, a passport-only
# install without NestJS, a Jest consumer verifying an id_token), then the TypeDoc build.
set -euo pipefail
cd "$(dirname "$0")/../.."

bash test/package/check-packed.sh

printf '\n--- TypeDoc (npm run docs)\n'
npm run docs
test -s docs/api/index.html
