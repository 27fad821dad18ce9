#!/usr/bin/env bash
# Real-browser e2e: Debian's Chromium (headless) drives the NestJS and Express samples against
# the KakaoEmulator (npm run test:browser). Installs chromium, and Noto CJK (fonts-noto-cjk) so
# that the screenshots under test/browser/screenshots/ show Korean as users see it, when they are
# missing. If Chromium cannot be installed or cannot start, this suite fails: it never skips.
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi 'noto sans cjk' || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} from Debian's packages"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
/usr/bin/chromium --version

report=$(mktemp)
trap 'rm -f "$report"' EXIT
npm run test:browser -- --ci --json --outputFile="$report"
# An empty or partly skipped run is a failure, as in .ci/run.
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const skipped = r.numPendingTests + r.numTodoTests;
console.log(`browser e2e: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
if (r.numTotalTests === 0 || skipped > 0 || !r.success) process.exit(1);
' "$report"
