#!/usr/bin/env bash
# Benchmark smoke run: the Kakao login round trip of KakaoStrategy vs passport-kakao@1.0.1 vs
# openid-client@6's Passport strategy vs a hand-written baseline, and KakaoApiClient.getUser vs
# fetch vs undici.request (`npm run bench -- --quick`, under 2 minutes). It prints the tables and
# the issue #18 targets and never fails on timings (a shared CI machine is too noisy for that);
# it fails when the bench itself breaks: a process crashes, or one variant's logins or one API
# client's calls fail (more than 1 in 1,000: a broken flow is a bug, not a timing).
set -euo pipefail
cd "$(dirname "$0")/../.."
npm run bench -- --quick
