#!/usr/bin/env bash
# A local Asterisk 22 for Switchboard, on demand.
#   scripts/asterisk.sh up|down|status|cli|logs|build-root
# With ARI_URL pointing at a reachable Asterisk, `up` uses that one and starts nothing.
# Otherwise, as root on Debian/Ubuntu, it builds once (cached outside the work tree) a
# Debian sid root filesystem with Asterisk 22 and runs Asterisk in it with this project's
# asterisk-conf/. Several instances can share that root filesystem: each gets its own
# configuration, spool, logs and ports (SB_ASTERISK_INSTANCE, ARI_PORT, SIP_PORT).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ASTERISK_MAJOR=22
ROOT=${SB_ASTERISK_ROOT:-/var/cache/switchboard/asterisk-${ASTERISK_MAJOR}-sid}
INSTANCE=${SB_ASTERISK_INSTANCE:-default}
ARI_PORT=${ARI_PORT:-8088}
SIP_PORT=${SIP_PORT:-5060}
ARI_USER=${ARI_USER:-switchboard}
ARI_PASSWORD=${ARI_PASSWORD:-switchboard}
MIRROR=${SB_DEBIAN_MIRROR:-http://deb.debian.org/debian}
inst_rel=srv/switchboard/$INSTANCE
inst=$ROOT/$inst_rel
local_url="http://127.0.0.1:$ARI_PORT"

say() { printf 'asterisk: %s\n' "$*"; }
die() { printf 'asterisk: %s\n' "$*" >&2; exit 1; }

ari_ok() { # $1 = base URL
  curl -fsS -m 3 -u "$ARI_USER:$ARI_PASSWORD" "$1/ari/asterisk/ping" >/dev/null 2>&1
}

build_root() {
  [ -f "$ROOT/.switchboard-ready" ] && return 0
  [ "$(id -u)" -eq 0 ] || die "no Asterisk at ${ARI_URL:-$local_url} and not root: run as root to build a local Asterisk ${ASTERISK_MAJOR} (Debian sid root filesystem in $ROOT), or set ARI_URL, ARI_USER and ARI_PASSWORD to an Asterisk you run yourself (see asterisk-conf/)."
  command -v debootstrap >/dev/null || die "debootstrap is missing: run 'bash scripts/install-system.sh' (or apt-get install debootstrap) as root, or set ARI_URL to an Asterisk you run yourself."
  local tmp="$ROOT.partial"
  umount "$tmp/proc" 2>/dev/null || true
  rm -rf "$tmp"; mkdir -p "$(dirname "$ROOT")"
  say "building a Debian sid root filesystem with Asterisk ${ASTERISK_MAJOR} in $ROOT (once; about a minute)"
  debootstrap --variant=minbase sid "$tmp" "$MIRROR" > "$tmp.log" 2>&1 || die "debootstrap failed (log: $tmp.log)"
  # The archive this machine reaches may be a mirror whose Release file is past its
  # Valid-Until date; the packages are still signed, so accept it.
  echo 'Acquire::Check-Valid-Until "false";' > "$tmp/etc/apt/apt.conf.d/99switchboard"
  chroot "$tmp" apt-get update -qq >> "$tmp.log" 2>&1 || die "apt-get update in the root filesystem failed (log: $tmp.log)"
  local candidate
  candidate=$(chroot "$tmp" apt-cache policy asterisk | awk '/Candidate:/ {print $2}')
  case "$candidate" in
    "" | "(none)") die "Debian sid no longer offers an asterisk package: run Asterisk ${ASTERISK_MAJOR} yourself and set ARI_URL (see asterisk-conf/).";;
    "1:${ASTERISK_MAJOR}."* | "${ASTERISK_MAJOR}."*) ;;
    *) die "Debian sid offers asterisk $candidate, not ${ASTERISK_MAJOR}.x which Switchboard is tested against: run Asterisk ${ASTERISK_MAJOR} yourself and set ARI_URL, or change ASTERISK_MAJOR in scripts/asterisk.sh and re-run the tests.";;
  esac
  DEBIAN_FRONTEND=noninteractive chroot "$tmp" apt-get install -y -qq --no-install-recommends \
    asterisk asterisk-core-sounds-en-wav asterisk-moh-opsound-wav >> "$tmp.log" 2>&1 \
    || die "installing asterisk in the root filesystem failed (log: $tmp.log)"
  echo "$candidate" > "$tmp/.switchboard-ready"
  mv "$tmp" "$ROOT"; mv "$tmp.log" "$ROOT.log"
  say "Asterisk $candidate ready in $ROOT"
}

write_instance_config() {
  # spool/recording: where ARI recordings (voicemail) go; Asterisk does not create it itself.
  mkdir -p "$inst"/{etc,spool/recording,run,log,lib,keys/keys}
  rm -rf "$inst/etc"; mkdir -p "$inst/etc"
  cp "$here"/asterisk-conf/*.conf "$inst/etc/"
  # Asterisk looks up its own host name for every call's media address (ast_find_ourip),
  # then A.ROOT-SERVERS.NET when that fails. The root filesystem has no /etc/hosts, so
  # each call asked DNS, and a slow resolver stalled call set-up by 5 s under load
  # (measured with npm run bench). Resolving the host name locally ends both lookups.
  grep -qsw "$(hostname)" "$ROOT/etc/hosts" || printf '127.0.0.1 localhost %s\n' "$(hostname)" >> "$ROOT/etc/hosts"
  # Own directories per instance so instances never share a control socket or astdb.
  cat > "$inst/etc/asterisk.conf" <<CONF
[directories]
astetcdir => /$inst_rel/etc
astvarlibdir => /var/lib/asterisk
astdbdir => /$inst_rel/lib
astkeydir => /$inst_rel/keys
astdatadir => /usr/share/asterisk
astspooldir => /$inst_rel/spool
astrundir => /$inst_rel/run
astlogdir => /$inst_rel/log

$(sed -n '/^\[options\]/,$p' "$here/asterisk-conf/asterisk.conf")
CONF
  sed -i "s/^bindport = 8088/bindport = $ARI_PORT/" "$inst/etc/http.conf"
  sed -i "s/^bind = 127.0.0.1:5060/bind = 127.0.0.1:$SIP_PORT/" "$inst/etc/pjsip.conf"
  sed -i "s#^allowed_origins = .*#allowed_origins = http://127.0.0.1:$ARI_PORT#" "$inst/etc/ari.conf"
  # The project's prompts, playable as sound:switchboard/<name>.
  # (sounds/en is an absolute symlink inside the root filesystem: resolve it there.)
  local en; en=$ROOT$(chroot "$ROOT" readlink -f /usr/share/asterisk/sounds/en)
  # Instances share this directory and may be playing from it: leave it alone when it
  # already holds these prompts, else swap a full copy in (never an empty directory).
  if [ -d "$here/sounds" ] && ! diff -rq "$here/sounds" "$en/switchboard" >/dev/null 2>&1; then
    rm -rf "$en/switchboard.new.$$"; cp -r "$here/sounds" "$en/switchboard.new.$$"
    rm -rf "$en/switchboard.old.$$"
    if [ -e "$en/switchboard" ]; then mv -T "$en/switchboard" "$en/switchboard.old.$$"; fi
    mv -T "$en/switchboard.new.$$" "$en/switchboard"; rm -rf "$en/switchboard.old.$$"
  fi
}

pid_of_instance() {
  [ -f "$inst/run/controller.pid" ] || return 1
  local pid; pid=$(cat "$inst/run/controller.pid")
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

up() {
  if [ -n "${ARI_URL:-}" ] && [ "${ARI_URL%/}" != "$local_url" ] && ari_ok "${ARI_URL%/}"; then
    say "using the Asterisk at $ARI_URL"; return 0
  fi
  if ari_ok "$local_url"; then say "already running: ARI at $local_url"; return 0; fi
  build_root
  write_instance_config
  mountpoint -q "$ROOT/proc" || mount -t proc proc "$ROOT/proc"
  rm -f "$inst/run/"*.ctl "$inst/run/"*.pid
  # A crash leaves a core dump (-g; the kernel's core_pattern decides where: by default
  # the chroot's root, $ROOT) for a backtrace: CI once saw Asterisk segfault with no message.
  ulimit -c unlimited 2>/dev/null || true
  setsid chroot "$ROOT" /usr/sbin/asterisk -f -n -g -C "/$inst_rel/etc/asterisk.conf" \
    > "$inst/log/console.log" 2>&1 < /dev/null &
  echo $! > "$inst/run/controller.pid"
  for _ in $(seq 1 120); do
    if ari_ok "$local_url"; then
      say "running Asterisk $(cat "$ROOT/.switchboard-ready") (instance $INSTANCE): ARI $local_url, SIP udp 127.0.0.1:$SIP_PORT"
      return 0
    fi
    kill -0 "$(cat "$inst/run/controller.pid")" 2>/dev/null || { tail -20 "$inst/log/console.log" >&2; die "Asterisk exited during start-up (log above; $inst/log/)"; }
    sleep 0.5
  done
  die "ARI did not answer at $local_url within 60 s (logs: $inst/log/)"
}

down() {
  local pid
  if pid=$(pid_of_instance); then
    chroot "$ROOT" /usr/sbin/asterisk -C "/$inst_rel/etc/asterisk.conf" -rx "core stop now" >/dev/null 2>&1 || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
    say "stopped (instance $INSTANCE)"
  else
    say "not running (instance $INSTANCE)"
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  restart) down; up ;;
  status)
    if ari_ok "${ARI_URL:-$local_url}"; then say "ARI answers at ${ARI_URL:-$local_url}"; else say "no ARI at ${ARI_URL:-$local_url}"; exit 1; fi ;;
  cli) exec chroot "$ROOT" /usr/sbin/asterisk -C "/$inst_rel/etc/asterisk.conf" -r ;;
  rx) shift; exec chroot "$ROOT" /usr/sbin/asterisk -C "/$inst_rel/etc/asterisk.conf" -rx "$*" ;;
  logs) tail -n "${2:-50}" "$inst/log/console.log" "$inst/log/messages.log" 2>/dev/null ;;
  build-root) build_root ;;
  paths) echo "root=$ROOT instance=$inst spool=$inst/spool" ;;
  *) echo "usage: scripts/asterisk.sh up|down|restart|status|cli|rx <command>|logs|build-root|paths" >&2; exit 2 ;;
esac
