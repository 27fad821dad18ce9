#!/usr/bin/env bash
# The documented apps, from the packed tarball, as a user runs them (test/quickstart/run-quickstarts.ts):
# NestJS forRootAsync + @nestjs/config, forRoot and the classic PassportStrategy + AuthGuard pattern
# on NestJS 11, 10 and 12; token login; plain Express (and the README's `npx nestjs-kakao-auth emulator`
# command); the README's Jest example; two instances sharing sessions in a real Redis (redis-server, installed
# from Debian's packages when missing). Each folder gets the tarball plus exactly the README's install lines,
# type-checks the code as shown, boots it on PORT and logs in on the tarball's KakaoEmulator.
# NestJS 12 is ESM-only: the user's TypeScript compiles to CommonJS and Node >= 20.19 loads
# NestJS through require(esm). Needs the npm registry (one shared npm cache).
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get update
  DEBIAN_FRONTEND=noninteractive $apt_get install -y --no-install-recommends redis-server
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm pack --silent --pack-destination "$work" >/dev/null
tarball=$(ls "$work"/nestjs-kakao-auth-*.tgz)
npx ts-node --transpile-only test/quickstart/run-quickstarts.ts "$tarball" "$work/apps"
