#!/usr/bin/env bash
# Runs passport-oauth2 1.8.0's and passport-kakao 1.0.1's own mocha suites against KakaoStrategy
# in a scratch folder outside the repository, and says why each failing test fails.
# Their code is fetched into the scratch folder, never into the repository.
#   test/passport-contract/run.sh [path to a passport-oauth2 checkout at v1.8.0]
# Needs network for npm (mocha, chai 2, chai-passport-strategy, proxyquire) unless cached.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
here="$repo/test/passport-contract"
work="$(mktemp -d /tmp/passport-contract.XXXXXX)"
echo "scratch folder: $work"

(cd "$repo" && npx tsc -p tsconfig.build.json --outDir "$work/dist")
export KAKAO_DIST="$work/dist/passport.js" NODE_PATH="$repo/node_modules"

# passport-oauth2 1.8.0: its tests and lib/, with lib/strategy.js replaced by the shim.
src="${1:-}"
if [ -z "$src" ]; then
  src="$work/passport-oauth2-src"
  git clone -q --depth 1 --branch v1.8.0 https://github.com/jaredhanson/passport-oauth2 "$src"
fi
mkdir -p "$work/oauth2"
cp -r "$src/lib" "$src/test" "$work/oauth2/"
cp "$here/oauth2-strategy.shim.cjs" "$work/oauth2/lib/strategy.js"
cd "$work/oauth2"
echo '{ "name": "passport-oauth2", "version": "1.8.0", "private": true, "main": "./lib" }' > package.json
npm install -s --no-audit --no-fund mocha@10 chai@2 chai-passport-strategy@1 proxyquire@1
npx mocha --require ./test/bootstrap/node 'test/**/*.test.js' --dry-run --reporter json > all.json 2>/dev/null || true
for mode in defaults asis; do
  MODE=$mode npx mocha --require ./test/bootstrap/node 'test/**/*.test.js' --timeout 300 --reporter json > "$mode.json" 2>/dev/null || true
  python3 "$here/classify.py" all.json "$mode.json" "passport-oauth2 1.8.0 ($mode)"
done

# passport-kakao 1.0.1: its tests from the npm package, src/Strategy replaced by the shim.
mkdir -p "$work/kakao/tests" "$work/kakao/src"
cp "$repo/node_modules/passport-kakao/tests/"*.spec.ts "$work/kakao/tests/"
cp "$here/passport-kakao.shim.cjs" "$work/kakao/src/Strategy.js"
cd "$work/kakao"
echo '{ "name": "passport-kakao-contract", "private": true }' > package.json
echo '{ "compilerOptions": { "module": "commonjs", "esModuleInterop": true, "allowJs": true, "target": "es2020" } }' > tsconfig.json
npm install -s --no-audit --no-fund mocha@10 chai@4 ts-node@10 typescript@5
echo "passport-kakao 1.0.1:"
TS_NODE_TRANSPILE_ONLY=1 npx mocha -r ts-node/register 'tests/*.spec.ts' || true
