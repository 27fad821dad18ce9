#!/usr/bin/env bash
# The emulator serves other stacks: the CLI starts it from a config file (test/interop/
# kakao-emulator.json) and Python's requests-oauthlib, installed from Debian's packages, runs a full
# login (authorize, code exchange, /v2/user/me, refresh, control API). The CLI's control
# subcommands are driven against the same process. openid-client and passport-kakao run as jest
# e2e specs (test/interop/*.e2e-spec.ts, part of npm test). Fails, never skips, when a piece is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

PYTHON=/usr/bin/python3
if ! [ -x "$PYTHON" ] || ! "$PYTHON" -c 'import requests_oauthlib' 2>/dev/null; then
  echo "installing python3-requests-oauthlib from Debian's packages"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-requests-oauthlib
fi
"$PYTHON" -c 'import requests_oauthlib; print("requests-oauthlib", requests_oauthlib.__version__)'

log=$(mktemp)
token="interop-suite-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
# What `npm run emulator` runs, started directly so that $pid is the emulator itself (npm would
# not pass the final kill on to it).
node src/cli/dev-cli.cjs emulator --config test/interop/kakao-emulator.json --port 0 --control-token "$token" >"$log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$log"
}
trap cleanup EXIT

for _ in $(seq 1 300); do
  grep -q 'issuer-uri=' "$log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "the emulator exited"; exit 1; }
  sleep 0.1
done
url=$(sed -n 's/^  authBaseURL *\(http[^ ]*\)$/\1/p' "$log")
[ -n "$url" ] || { cat "$log"; echo "no authBaseURL in the banner"; exit 1; }
echo "emulator at $url"
export KAKAO_EMULATOR_URL="$url" KAKAO_EMULATOR_CONTROL_TOKEN="$token"

"$PYTHON" test/interop/requests_oauthlib_login.py

# The control CLI against the same emulator.
cli() { npm run -s emulator -- "$@"; }
# Outputs are captured first: grep -q closing a pipe early would fail the step under pipefail.
added=$(cli users add --id 9007199254740993 --nickname 홍길동 --not-linked)
grep -q '"id": "9007199254740993"' <<<"$added"
users=$(cli users list)
grep -q '"nickname": "홍길동"' <<<"$users"
cli fault set 'GET /v2/user/me' --status 503 --times 1 >/dev/null
status=$(node -e 'fetch(process.argv[1]).then((r) => process.stdout.write(String(r.status)))' "$url/v2/user/me")
[ "$status" = 503 ] || { echo "fault set: expected 503, got $status"; exit 1; }
cli reset >/dev/null
users=$(cli users list)
if grep -q 9007199254740993 <<<"$users"; then echo "reset kept an added user"; exit 1; fi
echo "ok: control CLI (users add/list, fault set, reset)"

# The request log shows each request with its client id and Kakao error code.
grep -Eq 'POST +/oauth/token +interop-rest-api-key +400 KOE322' "$log" || { cat "$log"; exit 1; }
grep -Eq 'GET +/v2/user/me +- +503 fault: status 503' "$log" || { cat "$log"; exit 1; }
echo "ok: request log lines"
echo "emulator interop: passed"
