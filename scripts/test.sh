#!/usr/bin/env bash
# npm test: typecheck, lint, unit + integration tests (Vitest), then browser tests (Playwright in Chromium).
# Integration tests use TEST_DATABASE_URL (real Postgres) when set, else in-memory PGlite.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

step "prisma generate"
PRISMA_SCHEMA_ENGINE_BINARY=/bin/false npx prisma generate >/dev/null
step "typecheck"
npx tsc --noEmit -p .
step "lint"
npx eslint --max-warnings 0 .
step "unit and integration tests (${TEST_DATABASE_URL:+Postgres}${TEST_DATABASE_URL:-PGlite})"
npx vitest run
step "e2e (Playwright, Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium})"
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "Chromium not found at ${CHROMIUM_PATH:-/usr/bin/chromium}: install it (apt-get install -y chromium) or set CHROMIUM_PATH" >&2
  exit 1
fi
npx playwright test
