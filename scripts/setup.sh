#!/usr/bin/env bash
# Everything Switchboard needs on a fresh Debian/Ubuntu machine: system packages (as
# root), npm packages, and the local Asterisk 22 root filesystem (cached under
# /var/cache/switchboard). Each step is skipped when already done.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-system.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "npm: installing packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
if [ -z "${ARI_URL:-}" ]; then bash scripts/asterisk.sh build-root; fi
