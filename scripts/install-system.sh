#!/usr/bin/env bash
# Installs the Debian packages Switchboard's scripts and tests use, on a fresh
# Debian/Ubuntu machine, as root. Safe to run again: apt skips what is there.
set -euo pipefail
# postgresql: the store and API tests run on PostgreSQL as well as SQLite (scripts/test-postgres.sh).
# festival, its voices and flite: natural voices for the speech bench and tests (espeak-ng alone
# is the hardest voice for the recogniser); pocketsphinx-testdata: real human clips.
packages=(debootstrap baresip sox espeak-ng pocketsphinx pocketsphinx-en-us chromium procps psmisc postgresql
  festival festvox-us-slt-hts festvox-kallpc16k flite pocketsphinx-testdata)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "system packages missing: ${missing[*]}" >&2
  echo "run this script as root, or install them with apt-get" >&2
  exit 1
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "system packages: installed"
