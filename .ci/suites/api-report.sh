#!/usr/bin/env bash
# The public surface of each entry point (nestjs-kakao-auth, /passport, /testing) must match the
# committed API report in etc/*.api.md: any change to what users can import is a reviewed diff.
# To accept a change: npm run api:update, then commit etc/.
set -euo pipefail
cd "$(dirname "$0")/../.."

npm run api:check
