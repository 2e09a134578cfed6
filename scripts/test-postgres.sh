#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for one test run, from Debian's `postgresql` package.
#
#   test-postgres.sh start         initdb in a new temp directory, start on a free 127.0.0.1
#                                  port with its unix socket there; prints "<dir> <url>"
#   test-postgres.sh stop <dir>    stop that cluster and delete <dir>
#
# PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user
# the package creates. It trusts local connections and skips fsync: it holds test data
# only, and is deleted when the run ends.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command=${1:-}
dir=${2:-}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/pg_ctl" ]; then
  echo "PostgreSQL is not installed (run scripts/install-system.sh as root)" >&2
  exit 1
fi

as_owner=()
if [ "$(id -u)" -eq 0 ]; then as_owner=(runuser -u postgres --); fi

case "$command" in
  start)
    dir=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-postgres.XXXXXX")
    # The postgres user must reach the directory: mktemp's parent is world-traversable.
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
    # C collation: text sorts by code point, as it does in SQLite.
    timeout 60 "${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --no-locale -E UTF8 --no-sync \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }
    port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null || { cat "$dir/server.log" >&2; rm -rf "$dir"; exit 1; }
    echo "$dir postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    case "$dir" in */switchboard-postgres.*) ;; *) echo "usage: $0 stop <dir printed by start>" >&2; exit 2 ;; esac
    if [ -f "$dir/data/postmaster.pid" ]; then
      "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop <dir>" >&2
    exit 2
    ;;
esac
