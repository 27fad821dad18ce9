#!/usr/bin/env bash
# Multi-instance suite: two Nest instances behind a load balancer sharing sessions in a real
# Redis (connect-redis), session-less instances sharing only the stateSecret (rotation), and the
# Redis one-time stores (nonces, handoff codes, used states; 1,000 crossing logins; an outage).
# The tests spawn redis-server themselves on a free port; it is installed here when missing.
# A machine where Redis cannot be installed or started fails this suite: it never skips.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get update
  DEBIAN_FRONTEND=noninteractive $apt_get install -y --no-install-recommends redis-server
fi
redis-server --version
report=$(mktemp)
npm run test:redis -- --ci --json --outputFile="$report"
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const skipped = r.numPendingTests + r.numTodoTests;
console.log(`redis suite: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
if (r.numTotalTests === 0 || skipped > 0 || !r.success) process.exit(1);
' "$report"
