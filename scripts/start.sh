#!/usr/bin/env bash
# Runs Switchboard for real: a local Asterisk 22, the controller with its portal and
# API on http://127.0.0.1:8080, SQLite in var/, and the demo organisation on first run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
bash scripts/asterisk.sh up
if [ -f scripts/build-portal.sh ]; then bash scripts/build-portal.sh; fi
# Production runs compiled JavaScript (dist/, tsconfig.build.json); tsx is for `npm run dev`.
npm run --silent build
export SEED_DEMO=${SEED_DEMO:-1}
export HTTP_PORT=${HTTP_PORT:-8080}
export DATABASE_URL=${DATABASE_URL:-sqlite:var/switchboard.db}
if [ -d portal/dist ]; then export PORTAL_DIR=${PORTAL_DIR:-$PWD/portal/dist}; fi
cat <<INFO

Switchboard is starting.
  Portal and API:  http://127.0.0.1:${HTTP_PORT}   (admin: olivia@acme.example / switchboard)
  SIP phones:      register 1001..1008 at 127.0.0.1:${SIP_PORT:-5060} (UDP), password pw<extension>
  Company number:  dial 0 (or 5552000 from the external phones 5550001..5550010)
  Asterisk CLI:    npm run asterisk cli
  Check the setup: npm run doctor   (in another terminal, once the controller runs)
Stop with Ctrl-C (Asterisk keeps running: npm run asterisk down).

INFO
# Logs: readable lines while this runs on a terminal, JSON lines when redirected
# (LOG_FORMAT=auto, src/log.ts).
# A supervisor: a controller that dies is back within a second, and on reconnecting it
# takes over the calls Asterisk kept in its Stasis app (src/calls/reconciler.ts).
trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 0' INT TERM
while true; do
  node --enable-source-maps dist/main.js &
  child=$!
  set +e; wait "$child"; code=$?; set -e
  if [ "$code" -eq 0 ] || [ "$code" -eq 2 ]; then exit "$code"; fi
  echo "switchboard exited with $code; restarting in 1 s" >&2
  sleep 1
done
