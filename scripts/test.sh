#!/usr/bin/env bash
# Every test: type check, unit tests, then integration tests against a real Asterisk 22
# with real SIP phones. Starts the local Asterisk if none is running (and stops it after).
# The store and API tests run on SQLite and on PostgreSQL: TEST_DATABASE_URL when set
# (each test takes a schema of its own there), else a throw-away cluster started here.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
started_asterisk=no
if ! bash scripts/asterisk.sh status >/dev/null 2>&1; then
  bash scripts/asterisk.sh up
  started_asterisk=yes
else
  # Running already: give it this checkout's configuration and prompts.
  bash scripts/asterisk.sh restart
  started_asterisk=yes
fi
postgres_dir=
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  read -r postgres_dir TEST_DATABASE_URL < <(bash scripts/test-postgres.sh start)
  export TEST_DATABASE_URL
  echo "== PostgreSQL for the tests: $TEST_DATABASE_URL"
fi
results=$(mktemp)
summary() {
  # One closing line for every suite together: "N passed, N failed".
  local passed failed
  passed=$( (grep -hoE '^ +[0-9]+ passing' "$results" || true) | awk '{s+=$1} END {print s+0}')
  failed=$( (grep -hoE '^ +[0-9]+ failing' "$results" || true) | awk '{s+=$1} END {print s+0}')
  echo "$passed passed, $failed failed"
}
cleanup() {
  local code=$?
  set +e
  summary
  rm -f "$results"
  if [ -n "$postgres_dir" ]; then bash scripts/test-postgres.sh stop "$postgres_dir" || true; fi
  if [ "$started_asterisk" = yes ] && [ -z "${KEEP_ASTERISK:-}" ]; then bash scripts/asterisk.sh down || true; fi
  exit "$code"
}
trap cleanup EXIT
suite() { local config=$1; shift; npx mocha --config "$config" "$@" 2>&1 | tee -a "$results"; return "${PIPESTATUS[0]}"; }

echo "== type check"
npx tsc -p tsconfig.json --noEmit
echo "== lint (ESLint: promise rules, dependency direction; no warnings)"
npx eslint --max-warnings 0 .
echo "== portal build"; bash scripts/build-portal.sh
echo "== unit tests"
suite .mocharc.unit.json
echo "== integration tests (Asterisk at ${ARI_URL:-http://127.0.0.1:${ARI_PORT:-8088}})"
suite .mocharc.integration.json 'test/integration/**/*.test.ts'
echo "== browser tests (portal in Chromium)"
suite .mocharc.browser.json
