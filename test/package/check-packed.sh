#!/usr/bin/env bash
# The package as users get it: `npm pack`, then installed from the tarball into fresh projects.
#   1. @arethetypeswrong/cli on the tarball: no problems for node10, node16 (CJS and ESM), bundlers.
#   2. A NestJS consumer (peers from the registry): require() and import() of every entry point,
#      KakaoAuthError shared by the root and /passport, and test/package/consumer/consumer.ts
#      type-checked with moduleResolution node16 and node (skipLibCheck off).
#   3. A passport-only consumer (no @nestjs/* installed): /passport and /testing load and
#      type-check; a Jest test verifies an emulator id_token through the CommonJS build.
# Run from anywhere: bash test/package/check-packed.sh. Needs the npm registry.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm_install() { npm install --no-audit --no-fund --loglevel=error "$@"; }
step() { printf '\n--- %s\n' "$1"; }

step "npm pack"
cd "$root"
npm pack --silent --pack-destination "$work" >/dev/null
tarball=$(ls "$work"/nestjs-kakao-auth-*.tgz)
echo "$tarball ($(du -k "$tarball" | cut -f1) kB)"
if tar tzf "$tarball" | grep -E '\.spec\.(js|d\.ts)$|__fixtures__|/testing/.*\.spec'; then
  echo "the tarball ships test files" >&2
  exit 1
fi

step "are the types wrong? (attw)"
npx --no-install attw "$tarball"

step "NestJS consumer: install the tarball with its peers"
mkdir "$work/nest-app" && cd "$work/nest-app"
npm init -y >/dev/null
npm_install "$tarball" @nestjs/common@11 @nestjs/core@11 @nestjs/passport@11 \
  @nestjs/platform-express@11 passport@0.7 express-session reflect-metadata rxjs \
  typescript@~5.9 @types/node@20

step "NestJS consumer: require() and import() of every entry point"
node -e "
require('reflect-metadata');
const assert = require('assert');
for (const [entry, name] of [['nestjs-kakao-auth', 'KakaoAuthModule'], ['nestjs-kakao-auth/passport', 'KakaoStrategy'], ['nestjs-kakao-auth/testing', 'KakaoEmulator']]) {
  const m = require(entry);
  assert.equal(typeof m[name], 'function', entry + ' has no ' + name);
  assert.ok(require.resolve(entry).includes('/node_modules/nestjs-kakao-auth/dist/'), require.resolve(entry));
}
assert.strictEqual(require('nestjs-kakao-auth').KakaoAuthError, require('nestjs-kakao-auth/passport').KakaoAuthError);
console.log('require: ok, KakaoAuthError is one class');
"
node --input-type=module -e "
import 'reflect-metadata';
import assert from 'node:assert';
const root = await import('nestjs-kakao-auth');
const core = await import('nestjs-kakao-auth/passport');
const testing = await import('nestjs-kakao-auth/testing');
assert.equal(typeof root.KakaoAuthModule, 'function');
assert.equal(typeof core.KakaoStrategy, 'function');
assert.equal(typeof testing.KakaoEmulator.start, 'function');
assert.strictEqual(root.KakaoAuthError, core.KakaoAuthError);
const kakao = await testing.KakaoEmulator.start();
await kakao.stop();
console.log('import(): ok');
"

step "NestJS consumer: TypeScript with moduleResolution node16 and node"
mkdir src
cp "$root/test/package/consumer/consumer.ts" src/
for resolution in node16 node; do
  module=$([ "$resolution" = node16 ] && echo node16 || echo commonjs)
  cat >"tsconfig.$resolution.json" <<EOF
{
  "compilerOptions": {
    "target": "ES2022", "module": "$module", "moduleResolution": "$resolution",
    "strict": true, "skipLibCheck": false, "noEmit": true, "types": ["node"],
    "experimentalDecorators": true, "emitDecoratorMetadata": true, "esModuleInterop": true
  },
  "files": ["src/consumer.ts"]
}
EOF
  npx --no-install tsc -p "tsconfig.$resolution.json"
  echo "tsc ($resolution): ok"
done

step "passport-only consumer: no @nestjs/* installed"
mkdir "$work/express-app" && cd "$work/express-app"
npm init -y >/dev/null
npm_install "$tarball" passport@0.7 typescript@~5.9 @types/node@20
if [ -e node_modules/@nestjs ]; then
  echo "@nestjs/* got installed without being asked for: $(ls node_modules/@nestjs)" >&2
  exit 1
fi
node -e "
const assert = require('assert');
const { KakaoStrategy, KakaoApiClient } = require('nestjs-kakao-auth/passport');
const s = new KakaoStrategy({ clientID: 'k', callbackURL: 'https://example.com/cb', stateSecret: 'x'.repeat(32) }, (a, r, p, done) => done(null, p));
assert.equal(s.name, 'kakao');
assert.equal(typeof new KakaoApiClient({ clientID: 'k' }).getUser, 'function');
assert.equal(typeof require('nestjs-kakao-auth/testing').KakaoEmulator, 'function');
assert.ok(!Object.keys(require.cache).some((f) => f.includes('@nestjs')));
assert.throws(() => require('nestjs-kakao-auth'), /@nestjs/);
console.log('passport entry without NestJS: ok (the root entry asks for @nestjs/*)');
"
mkdir src
cp "$root/test/package/consumer/passport-only.ts" src/
cat >tsconfig.json <<'EOF'
{
  "compilerOptions": {
    "target": "ES2022", "module": "node16", "moduleResolution": "node16", "strict": true,
    "skipLibCheck": false, "noEmit": true, "types": ["node"], "esModuleInterop": true
  },
  "files": ["src/passport-only.ts"]
}
EOF
npx --no-install tsc -p tsconfig.json
echo "tsc (passport only): ok"

step "Jest consumer: verify an id_token through the CommonJS build"
mkdir test
cat >test/id-token.test.js <<'EOF'
const { KakaoEmulator } = require('nestjs-kakao-auth/testing');
const { KakaoTokenVerifier, KakaoTokenLoginError } = require('nestjs-kakao-auth/passport');

test('loads the package from the tarball', () => {
  expect(require.resolve('nestjs-kakao-auth/passport')).toContain('/express-app/node_modules/');
});

test('verifies an id_token of the emulator, and refuses a forged one', async () => {
  const kakao = await KakaoEmulator.start();
  try {
    const user = kakao.users[0];
    const tokens = kakao.issueTokens(user.id, { openid: true, nonce: 'nonce-123' });
    const verifier = new KakaoTokenVerifier({
      clientID: kakao.clientID,
      authBaseURL: kakao.authBaseURL,
      issuer: kakao.issuer,
    });
    const { userId, claims } = await verifier.verifyIdToken(tokens.id_token, { nonce: 'nonce-123' });
    expect(userId).toBe(user.id);
    expect(claims.sub).toBe(user.id);
    const forged = kakao.mintIdToken({ nonce: 'nonce-123' }, { signWith: 'foreign-key' });
    await expect(verifier.verifyIdToken(forged, { nonce: 'nonce-123' })).rejects.toBeInstanceOf(
      KakaoTokenLoginError,
    );
    const otherApp = new KakaoTokenVerifier({
      clientID: 'another-app',
      authBaseURL: kakao.authBaseURL,
      issuer: kakao.issuer,
    });
    await expect(
      otherApp.verifyIdToken(tokens.id_token, { nonce: 'nonce-123' }),
    ).rejects.toMatchObject({ reason: 'invalid_id_token', idTokenProblem: 'wrong_audience' });
  } finally {
    await kakao.stop();
  }
});
EOF
node "$root/node_modules/jest/bin/jest.js" --ci --rootDir "$PWD" --roots "$PWD/test" \
  --testEnvironment node --transform '{}' --testMatch '**/*.test.js'

step "packed-tarball checks passed"
