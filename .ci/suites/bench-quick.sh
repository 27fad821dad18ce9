#!/usr/bin/env bash
# Benchmark smoke run: the Kakao login round trip of KakaoStrategy vs passport-kakao@1.0.1 vs a
# hand-written baseline (`npm run bench -- --quick`, under 2 minutes). It prints the table and
# never fails on timings (a shared CI machine is too noisy for that); it fails when the bench
# itself breaks: a process crashes, or logins fail (a broken login flow is a bug, not a timing).
set -euo pipefail
cd "$(dirname "$0")/../.."
npm run bench -- --quick
