#!/usr/bin/env bash
# `npm test`: every tier this machine can run, and a clear word on each it cannot.
#   1. vitest: unit, integration on the embedded database (and on PostgreSQL with
#      TEST_DATABASE_URL), the multi-process tier (with TEST_DATABASE_URL and TEST_REDIS_URL);
#   2. Playwright on one process (embedded database);
#   3. the call's browser tests (fake media, coturn, Janus) on one process;
#   4. Playwright through HAProxy in front of two processes (PostgreSQL and Redis), the call's tests too.
set -euo pipefail
cd "$(dirname "$0")/.."

skipped=()
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  skipped+=("PostgreSQL integration tier skipped: TEST_DATABASE_URL is not set (the suites ran on the embedded database only)")
fi
cluster=1
if [ -z "${TEST_DATABASE_URL:-}" ] || [ -z "${TEST_REDIS_URL:-}" ]; then
  cluster=0
  skipped+=("multi-process tier skipped: set TEST_DATABASE_URL (a PostgreSQL server) and TEST_REDIS_URL (Redis) to run it, as .ci/run does")
  skipped+=("cluster browser tier skipped: it needs TEST_DATABASE_URL and TEST_REDIS_URL (and HAProxy, installed by scripts/ensure-haproxy.sh)")
fi

npx vitest run
npx playwright test
# Calls in the room: fake-media Chromium pages, coturn and Janus on 127.0.0.1 (docs/voice.md).
bash scripts/ensure-coturn.sh
bash scripts/ensure-janus.sh
npx playwright test --config playwright.voice.config.ts
if [ "$cluster" = 1 ]; then
  bash scripts/ensure-haproxy.sh
  npx playwright test --config playwright.cluster.config.ts
  E2E_VOICE_CLUSTER=1 npx playwright test --config playwright.voice.config.ts
fi

if [ "${#skipped[@]}" -gt 0 ]; then
  printf '\nNot run here:\n'
  printf '  - %s\n' "${skipped[@]}"
else
  printf '\nEvery tier ran: embedded and PostgreSQL integration, multi-process, browser on one process (pages, extension in Chromium and Firefox, calls) and through the balancer.\n'
fi
