#!/usr/bin/env bash
# `npm run bench`: Switchboard against native dialplan (bench/run.ts). Like `npm test`, it
# starts the local Asterisk when none is running (SB_ASTERISK_INSTANCE / ARI_PORT / SIP_PORT
# name one) and stops it after; the controller it measures is built first (npm run build).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
started_asterisk=no
if ! bash scripts/asterisk.sh status >/dev/null 2>&1; then
  bash scripts/asterisk.sh up
  started_asterisk=yes
fi
cleanup() {
  local code=$?
  if [ "$started_asterisk" = yes ] && [ -z "${KEEP_ASTERISK:-}" ]; then bash scripts/asterisk.sh down || true; fi
  exit "$code"
}
trap cleanup EXIT
npx tsx bench/run.ts
