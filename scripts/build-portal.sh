#!/usr/bin/env bash
# Builds the web portal (portal/ → portal/dist) with the machine's Node and npm: its own
# packages are installed on first use or when portal/package-lock.json changes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../portal"

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "portal: installing packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "portal: type check and build"
npx tsc -p tsconfig.json --noEmit
npx vite build --logLevel warn
