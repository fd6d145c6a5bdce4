# shellcheck shell=bash
# hack/lib/run.sh - start/stop the registry and the engine, undo host changes,
# status and env. Sourced by hack/engine.

REG_DIR=$L/registry
# the engine's --root (its cache); outside the overlays. Only hack/engine-test
# sets another, to break a throwaway cache and leave the real one alone.
ENGINE_ROOT=${PNPM_DAGGER_ENGINE_CACHE:-$L/engine}
NS=$L/ns              # overlay upper/work dirs of the engine's mount namespace
HOST_STATE=$RUN/host.state

# ---------------------------------------------------------------- registry
# Debian's docker-registry on loopback only, the engine's docker.io mirror: an
# unmodified from("node:24-slim") resolves to library/node:24-slim here. Anything
# not pushed here is "not found" (there is no upstream).
step_registry() {
  local pid n
  mkdir -p "$REG_DIR" "$L/conf"
  if pid=$(registry_pid); then
    STEP_NOTE="running: pid $pid on $REGISTRY_ADDR"
  else
    cat >"$L/conf/registry.yml" <<EOF
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $REG_DIR
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDR
EOF
    # setsid: its own session, so a Ctrl-C or a closed terminal does not stop it;
    # sh records its PID, then becomes the registry (exec keeps the PID)
    setsid sh -c 'echo $$ >"$1"; exec docker-registry serve "$2"' registry "$RUN/registry.pid" "$L/conf/registry.yml" \
      >>"$LOG/registry.log" 2>&1 </dev/null 9>&- & # 9>&-: not inheriting our lock
    for _ in $(seq 1 100); do curl -fs -o /dev/null "http://$REGISTRY_ADDR/v2/" && break; sleep 0.1; done
    curl -fs -o /dev/null "http://$REGISTRY_ADDR/v2/" || fail_log "$LOG/registry.log" "the registry did not start on $REGISTRY_ADDR"
    STEP_NOTE="started: pid $(cat "$RUN/registry.pid") on $REGISTRY_ADDR"
  fi
  n=$(push_images)
  STEP_NOTE="$STEP_NOTE, $n"
}

# Tags pushed: library/node:M-slim and library/node:M-bookworm-slim (what the
# docker.io mirror lookup asks for), node:M-slim (for 127.0.0.1:5000/node:M-slim),
# all three the linux/amd64 + linux/arm64 index; library/debian:bookworm (amd64);
# library/caddy:2 (amd64, hack/lib/caddy.sh). A tag is pushed again only when its
# image changed.
push_images() {
  local spec M pushed=0 total=0 ref
  push_tag caddy library/caddy:2
  while IFS=: read -r M _; do
    for ref in "library/node:$M-slim" "library/node:$M-bookworm-slim" "node:$M-slim"; do
      push_tag "node-$M-slim-multi" "$ref"
    done
  done <<<"$NODE_IMAGES"
  push_tag debian-bookworm-test library/debian:bookworm
  if [ "$pushed" = 0 ]; then echo "cached: $total tags already pushed"; else echo "pushed $pushed of $total tags"; fi
}
push_tag() { # push_tag <layout-tag> <repo:tag>  (updates pushed/total of the caller)
  local d mark=$REG_DIR/pushed/${2//[:\/]/_}
  d=$(layout_digest "$1"); total=$((total + 1))
  [ -n "$d" ] || die "image $1 is missing from $LAYOUT: run 'hack/engine up' again to rebuild it"
  if marker_is "$mark" "$d" && curl -fs -o /dev/null -I -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    -H 'Accept: application/vnd.oci.image.index.v1+json' "http://$REGISTRY_ADDR/v2/${2%:*}/manifests/${2##*:}"; then return 0; fi
  # --all: an index with every platform; --preserve-digests: the registry serves
  # exactly the layout's digests (the amd64 half keeps its digest as a plain tag had)
  skopeo copy -q --all --preserve-digests --dest-tls-verify=false "oci:$LAYOUT:$1" "docker://$REGISTRY_ADDR/$2" >>"$LOG/registry-push.log" 2>&1 ||
    fail_log "$LOG/registry-push.log" "could not push $2 to the registry"
  mkdir -p "$REG_DIR/pushed" && echo "$d" >"$mark"
  pushed=$((pushed + 1))
}

# ---------------------------------------------------------------- engine
# The engine rewrites its root filesystem on start (mounts over /etc/resolv.conf,
# writes /etc/dnsmasq-resolv.conf and /var/lib/cni, expects /usr/local/bin/runc,
# /usr/local/bin/dagger-init, /etc/dagger/engine.json and the builtin content
# under /usr/local/share/dagger/content). So it runs in a private mount namespace
# with overlays on /etc, /usr/local and /var/lib (writes land in $NS) and a tmpfs
# on /run: the host keeps its files. It shares the host's network, so the host
# does see the dagger0 bridge, CNI NAT/filter rules, ip_forward=1 and dnsmasq on
# dagger0; `down` undoes those.
# engine_json: the engine's config. gc: the disk the engine sees may be far
# smaller than its filesystem says (a quota: 252 GB "size", ~90 GB usable
# here), so its default percentages never collect; a fixed ceiling and a
# free-space floor keep a day of cold builds from filling the disk.
engine_json() {
  cat <<EOF
{
  "logLevel": "$ENGINE_LOG_LEVEL",
  "gc": { "maxUsedSpace": "$ENGINE_GC_MAX_USED", "minFreeSpace": "$ENGINE_GC_MIN_FREE", "sweepSize": "$ENGINE_GC_SWEEP" },
  "registries": {
    "docker.io": { "mirrors": ["$REGISTRY_ADDR"] },
    "$REGISTRY_ADDR": { "http": true },
    "localhost:${REGISTRY_ADDR##*:}": { "http": true }
  }
}
EOF
}

write_engine_files() {
  mkdir -p "$L/conf" "$L/cni" "$ENGINE_ROOT"
  engine_json >"$L/conf/engine.json"
  printf '# buildkitd-format config read by dagger-engine --config (written by hack/engine)\n[worker.oci]\n  cniBinaryPath = "%s"\n' \
    "$L/cni" >"$L/conf/buildkitd.toml"
  # CNI plugins: Debian's, plus the dnsname plugin built with the engine
  local p
  for p in bridge loopback firewall host-local portmap; do ln -sfn "/usr/lib/cni/$p" "$L/cni/$p"; done
  ln -sfn "$L/libexec/dnsname" "$L/cni/dnsname"
  cat >"$RUN/engine-ns.sh" <<EOF
#!/bin/bash
# Written by hack/engine; runs INSIDE the engine's private mount namespace.
set -euo pipefail
for d in /etc /usr/local /var/lib; do
  n=\${d//\//_}
  mkdir -p "$NS/upper\$n" "$NS/work\$n"
  mount -t overlay overlay -o "lowerdir=\$d,upperdir=$NS/upper\$n,workdir=$NS/work\$n" "\$d"
done
mount -t tmpfs -o mode=755 tmpfs /run
# No custom CAs for the engine to inject: with files here it would run
# update-ca-certificates in an extra container before and after EVERY exec
# (~0.65 s each). The test images carry the host's CAs themselves
# (hack/lib/images.sh), and the engine's own TLS uses the host's bundle in /etc.
mkdir -p $HOST_CA_DIR && mount -t tmpfs -o mode=755,size=64k tmpfs $HOST_CA_DIR
# the paths the engine hard-codes (distconsts), pointing into the state dir
ln -sfn /usr/sbin/runc /usr/local/bin/runc
for b in dagger-engine dagger-init dial-stdio; do ln -sfn "$L/libexec/\$b" "/usr/local/bin/\$b"; done
mkdir -p /etc/dagger /usr/local/share/dagger/content
cp "$L/conf/engine.json" /etc/dagger/engine.json
mount --bind "$LAYOUT" /usr/local/share/dagger/content
export PATH=$STDPATH
export DAGGER_GO_SDK_MANIFEST_DIGEST=$(layout_digest gosdk)
export _DAGGER_ENGINE_SYSTEMENV_GOPROXY=$GOPROXY_URL,direct
echo \$\$ >"$RUN/engine.pid"
exec /usr/local/bin/dagger-engine --config "$L/conf/buildkitd.toml" --root "$ENGINE_ROOT" --addr "unix://$SOCK"
EOF
  chmod 755 "$RUN/engine-ns.sh"
}

# What the engine will change on the host, recorded before it starts, so that
# `down` restores exactly that (and a crashed run is cleaned up by the next up).
record_host_state() {
  [ -f "$HOST_STATE" ] && return 0
  {
    echo "ip_forward=$(cat /proc/sys/net/ipv4/ip_forward)"
    local ipt
    for ipt in iptables-nft iptables-legacy; do
      command -v "$ipt" >/dev/null || continue
      "$ipt" -w -S CNI-FORWARD >/dev/null 2>&1 && echo "cni_forward_${ipt#iptables-}=preexisting"
    done
    echo "started=$(date -u +%FT%TZ)"
  } >"$HOST_STATE.tmp" && mv "$HOST_STATE.tmp" "$HOST_STATE"
}

step_engine() {
  local pid
  if pid=$(engine_pid) && [ -S "$SOCK" ]; then
    if engine_is_current "$pid"; then STEP_NOTE="running: pid $pid"; return 0; fi
    say "the running engine (pid $pid) was started by an older hack/engine, binary or config: restarting it" >&2
    stop_engine quiet
  fi
  [ -z "${pid:-}" ] || stop_engine quiet # alive but no socket: restart it
  # a crashed earlier run of ours: clear its leftovers first
  [ ! -f "$HOST_STATE" ] || cleanup_engine_leftovers quiet
  [ -n "$(layout_digest gosdk)" ] || die "the Go SDK image is missing: run 'hack/engine up' again to rebuild it"
  write_engine_files
  if ! launch_engine; then
    cache_unloadable || fail_log "$LOG/engine.log" "the engine exited while starting"
    set_cache_aside
    launch_engine || fail_log "$LOG/engine.log" "the engine exited while starting, with an empty cache too"
  fi
  pid=$(cat "$RUN/engine.pid") # launch_engine recorded its namespace
  STEP_NOTE="started: pid $pid, unix://$SOCK"
}

# launch_engine: start the engine in its own mount namespace and wait for its
# socket. If it exits first, kill what it left (its dnsmasq outlives it and
# would make every later start fail), undo its host changes and return 1.
launch_engine() {
  local up ns host_ns
  record_host_state
  rm -rf "$NS" "$SOCK" "$RUN/engine.pid" && mkdir -p "$NS"
  [ ! -f "$LOG/engine.log" ] || mv "$LOG/engine.log" "$LOG/engine.log.1"
  host_ns=$(readlink /proc/self/ns/mnt)
  setsid unshare --mount --propagation private --fork --kill-child=SIGTERM /bin/bash "$RUN/engine-ns.sh" \
    >>"$LOG/engine.log" 2>&1 </dev/null 9>&- &
  up=$!
  for _ in $(seq 1 600); do
    # the namespace, as soon as unshare is in it: leftover_pids finds a failed
    # start's processes by it
    ns=$(readlink "/proc/$up/ns/mnt" 2>/dev/null) && [ "$ns" != "$host_ns" ] && echo "$ns" >"$RUN/engine.mntns"
    [ -S "$SOCK" ] && [ -s "$RUN/engine.pid" ] && return 0
    if ! kill -0 "$up" 2>/dev/null; then
      cleanup_engine_leftovers quiet
      return 1
    fi
    sleep 0.1
  done
  fail_log "$LOG/engine.log" "the engine did not open $SOCK within 60s"
}

# cache_unloadable: the engine exited because it could not load its own cache.
# v0.19.10 can leave a record that claims to be mutable while its snapshot is
# committed (seen once in CI: an engine stopped after a full test run would not
# start again); every start then fails in the cache manager's init with this
# error.
cache_unloadable() {
  grep -q 'failed to create base worker: .*not active or view' "$LOG/engine.log"
}

# set_cache_aside: an unloadable cache can only be dropped: keep its metadata
# databases for a bug report ($LOG/unloadable-cache/), delete the rest, and say
# so. The next start builds a new, empty cache.
set_cache_aside() {
  local keep=$LOG/unloadable-cache f
  rm -rf "$keep" && mkdir -p "$keep"
  for f in cache.db worker/metadata_v2.db worker/containerdmeta.db worker/snapshots/metadata.db; do
    [ ! -f "$ENGINE_ROOT/$f" ] || cp "$ENGINE_ROOT/$f" "$keep/${f//\//-}"
  done
  cp "$LOG/engine.log" "$keep/engine.log"
  rm -rf "$ENGINE_ROOT"
  warn "the engine could not load its cache (v0.19.10 left a record it cannot read back); deleted the cache and starting with an empty one; its metadata is kept in $keep"
}

# engine_is_current <pid>: the engine runs as this hack/engine would start it:
# today's binary (a rebuilt one shows as "<path> (deleted)" in /proc/<pid>/exe),
# on this cache, nothing in its custom CA directory and this engine.json.
engine_is_current() {
  [ "$(readlink "/proc/$1/exe")" = "$L/libexec/dagger-engine" ] &&
    tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF -- "--root $ENGINE_ROOT " &&
    [ -z "$(ls -A "/proc/$1/root$HOST_CA_DIR" 2>/dev/null)" ] &&
    [ "$(cat "/proc/$1/root/etc/dagger/engine.json" 2>/dev/null)" = "$(engine_json)" ]
}

engine_env() {
  export _EXPERIMENTAL_DAGGER_RUNNER_HOST=unix://$SOCK _EXPERIMENTAL_DAGGER_CLI_BIN=$L/bin/dagger
  export DO_NOT_TRACK=1 DAGGER_NO_NAG=1 DAGGER_NO_UPDATE_CHECK=1
}
step_ready() {
  local v
  engine_env
  v=$(timeout 120 "$L/bin/dagger" core version 2>"$LOG/ready.log" || true)
  [ -n "$v" ] || fail_log "$LOG/ready.log" "'dagger core version' got no answer from the engine (engine log: $LOG/engine.log)"
  STEP_NOTE="dagger core version: $v"
}

# ---------------------------------------------------------------- stop
stop_pid() { # stop_pid <pid> <name> <seconds>: SIGTERM, then SIGKILL after the grace time
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 $(($3 * 10))); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  say "$2 (pid $pid) ignored SIGTERM for $3s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  sleep 0.2
}
stop_engine() {
  local pid
  if pid=$(engine_pid); then
    # SIGTERM: the engine stops its dnsmasq and releases its CNI netns pool
    stop_pid "$pid" engine 30
    [ "${1:-}" = quiet ] || say "engine stopped (pid $pid)"
  fi
  rm -f "$RUN/engine.pid" "$SOCK"
}

# Container processes still running when the engine stops survive it (runc run
# --keep is re-parented to init) and keep its mount namespace alive. Ours are the
# processes in that namespace, runc with a bundle under our engine root, and all
# their descendants.
leftover_pids() {
  local ns p args roots=""
  ns=$(cat "$RUN/engine.mntns" 2>/dev/null || true)
  # (a namespace id can be reused once freed: a process in it must also look like
  # ours - mention the state dir or our network's dnsmasq config)
  for p in /proc/[0-9]*; do
    args=$(tr '\0' ' ' 2>/dev/null <"$p/cmdline" || true)
    case $args in *"--bundle $ENGINE_ROOT/"*) roots="$roots ${p#/proc/}"; continue ;; esac
    if [ -n "$ns" ] && [ "$(readlink "$p/ns/mnt" 2>/dev/null)" = "$ns" ]; then
      case $args in *"$L/"* | *"/cni/dnsname/$NET_NAME/"*) roots="$roots ${p#/proc/}" ;; esac
    fi
  done
  [ -n "$roots" ] || return 0
  for p in /proc/[0-9]*/stat; do # "pid ppid" table; comm may contain spaces
    local s; s=$(cat "$p" 2>/dev/null) || continue
    s=${s##*) }; set -- $s; echo "${p//[^0-9]/} $2"
  done | awk -v roots="$roots" 'BEGIN { n = split(roots, r, " "); for (i = 1; i <= n; i++) keep[r[i]] = 1 }
    { parent[$1] = $2 } END { for (p in parent) { q = p; for (d = 0; d < 64 && q > 1; d++) { if (q in keep) { print p; break }; q = parent[q] } } }'
}
cleanup_engine_leftovers() {
  local pids
  pids=$(leftover_pids | sort -u | tr '\n' ' ')
  if [ -n "${pids// /}" ]; then
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
    say "killed leftover engine processes (containers, dnsmasq): $pids"
    sleep 0.5
  fi
  undo_host_changes "${1:-}"
}

# Undo what the engine did to the host network, from what record_host_state saw.
undo_host_changes() {
  local quiet=${1:-} other ipt v
  [ -f "$HOST_STATE" ] || return 0
  other=$(foreign_engines | head -1)
  if [ -n "$other" ]; then
    say "left $NET_BRIDGE, NAT rules and ip_forward alone: another Dagger engine uses them ($other)"
    rm -f "$HOST_STATE"; return 0
  fi
  if ip link show "$NET_BRIDGE" >/dev/null 2>&1; then
    ip link delete "$NET_BRIDGE" && { [ -n "$quiet" ] || say "deleted bridge $NET_BRIDGE"; }
  fi
  for ipt in iptables-nft iptables-legacy; do
    command -v "$ipt" >/dev/null || continue
    undo_iptables "$ipt" "$(grep -c "^cni_forward_${ipt#iptables-}=preexisting" "$HOST_STATE" || true)"
  done
  v=$(sed -n 's/^ip_forward=//p' "$HOST_STATE")
  if [ -n "$v" ] && [ "$(cat /proc/sys/net/ipv4/ip_forward)" != "$v" ]; then
    echo "$v" >/proc/sys/net/ipv4/ip_forward && { [ -n "$quiet" ] || say "restored net.ipv4.ip_forward=$v"; }
  fi
  rm -f "$HOST_STATE"
}
# undo_iptables <iptables-variant> <CNI-FORWARD preexisted: 0|1>
# Only rules of our CNI network: NAT rules tagged name: "dagger" and their CNI-*
# chains, CNI-FORWARD rules for our subnet; the firewall plugin's chains go only
# if they did not exist before the engine started and are now empty.
undo_iptables() {
  local ipt=$1 pre=$2 rule chain net=${NET_CIDR%.0.0/16}. n=0
  while read -r rule; do
    chain=$(echo "$rule" | grep -oE -- '-j CNI-[0-9a-f]+' | cut -c4- || true)
    eval "$ipt -w -t nat ${rule/-A POSTROUTING/-D POSTROUTING}" 2>/dev/null || true
    [ -z "$chain" ] || { "$ipt" -w -t nat -F "$chain" 2>/dev/null; "$ipt" -w -t nat -X "$chain" 2>/dev/null; } || true
    n=$((n + 1))
  done < <("$ipt" -w -t nat -S POSTROUTING 2>/dev/null | grep -F -- "name: \\\"$NET_NAME\\\"" || true)
  while read -r rule; do
    eval "$ipt -w ${rule/-A CNI-FORWARD/-D CNI-FORWARD}" 2>/dev/null || true
    n=$((n + 1))
  done < <("$ipt" -w -S CNI-FORWARD 2>/dev/null | grep -E -- "-(s|d) ${net//./\\.}" || true)
  if [ "$pre" = 0 ] && "$ipt" -w -S CNI-FORWARD >/dev/null 2>&1 &&
    [ "$("$ipt" -w -S CNI-FORWARD 2>/dev/null | grep -vc -- '-j CNI-ADMIN$')" -le 1 ] && [ "$("$ipt" -w -S CNI-ADMIN 2>/dev/null | wc -l)" -le 1 ]; then
    "$ipt" -w -D FORWARD -m comment --comment "CNI firewall plugin rules" -j CNI-FORWARD 2>/dev/null || true
    "$ipt" -w -F CNI-FORWARD && "$ipt" -w -X CNI-FORWARD && "$ipt" -w -X CNI-ADMIN 2>/dev/null || true
    n=$((n + 1))
  fi
  [ "$n" = 0 ] || say "removed $n leftover $ipt rules/chains of the $NET_NAME network"
}

cmd_down() {
  local purge=${1:-} pid leftover
  stop_engine
  cleanup_engine_leftovers
  undo_binfmt
  if pid=$(registry_pid); then stop_pid "$pid" registry 10; say "registry stopped (pid $pid)"; fi
  rm -f "$RUN/registry.pid" "$RUN/engine.mntns"
  leftover=$(grep -lF "$NS/" /proc/[0-9]*/mountinfo 2>/dev/null | head -3 | tr '\n' ' ' || true)
  [ -z "$leftover" ] || warn "processes still hold the engine's overlay mounts: $leftover(kill them, then rerun 'hack/engine down')"
  if [ "$purge" = --purge ]; then
    [ -f "$STATE_MARK" ] || die "$L has no $STATE_MARK: not deleting a directory hack/engine did not create"
    rm -rf "$L" && say "deleted the state directory $L"
  fi
  say "down: nothing of ours runs any more"
}

# ---------------------------------------------------------------- status / env
cmd_status() {
  local pid v
  echo "state dir  $L ($({ du -sh "$L" 2>/dev/null || true; } | cut -f1))"
  if pid=$(engine_pid 2>/dev/null); then
    engine_env
    v=$(timeout 20 "$L/bin/dagger" core version 2>/dev/null || echo "no answer")
    echo "engine     running: pid $pid, unix://$SOCK, core version $v"
  else
    echo "engine     stopped"
  fi
  if pid=$(registry_pid 2>/dev/null); then
    echo "registry   running: pid $pid on $REGISTRY_ADDR, $(ls "$REG_DIR/pushed" 2>/dev/null | wc -l) tags pushed"
  else
    echo "registry   stopped"
  fi
  echo "built      $( [ -x "$L/bin/dagger" ] && "$L/bin/dagger" version 2>/dev/null | cut -d' ' -f1-2 || echo 'no dagger CLI yet'), go$GO_VERSION $(marker_is "$GO_ROOT/.complete" "$GO_TOOLCHAIN_H1" && echo ok || echo missing), binaries $(marker_is "$L/libexec/.complete" "$BINARIES_MARK" && echo "ok ($ENGINE_PATCH)" || echo "outdated or missing")"
  echo "images     $(cd "$IMG" 2>/dev/null && for f in node-*-slim.complete; do [ -f "$f" ] && printf '%s%s ' "node:$(cut -d: -f2 "$f")" "$( [ -f "${f%.complete}-arm64.complete" ] && echo '(+arm64)')"; done; [ -f gosdk.complete ] && printf 'gosdk ')$( [ -f "$IMG/debian-bookworm.complete" ] && echo 'debian:bookworm')"
  echo "binfmt     $(e=$(aarch64_entry 2>/dev/null) && echo "aarch64 via $e ($(sed -n 's/^flags: //p' "$BINFMT_DIR/$e"))$(grep -qx "registered=$e" "$BINFMT_STATE" 2>/dev/null && echo ', registered by up')" || echo 'no aarch64 entry: linux/arm64 containers cannot run')"
  echo "host       bridge $NET_BRIDGE $(ip link show "$NET_BRIDGE" >/dev/null 2>&1 && echo present || echo absent), ip_forward=$(cat /proc/sys/net/ipv4/ip_forward)$( [ -f "$HOST_STATE" ] && echo " (was $(sed -n 's/^ip_forward=//p' "$HOST_STATE") before up)")"
  v=$(foreign_engines | head -1); [ -z "$v" ] || echo "other      another Dagger engine runs: $v"
  echo "sizes      $(cd "$L" 2>/dev/null && du -sh engine registry images go src 2>/dev/null | awk '{printf "%s %s, ", $2, $1}' | sed 's/, $//' || true)"
}

cmd_env() {
  [ -x "$L/bin/dagger" ] || warn "no dagger CLI in $L/bin yet: run 'hack/engine up'"
  # The process, not the socket: an engine that died leaves its socket behind,
  # and a dagger call then retries it for 10 minutes before "start engine: new
  # client: context deadline exceeded".
  engine_pid >/dev/null 2>&1 || warn "the engine is not running: run 'hack/engine up'"
  cat <<EOF
export _EXPERIMENTAL_DAGGER_RUNNER_HOST=unix://$SOCK
export _EXPERIMENTAL_DAGGER_CLI_BIN=$L/bin/dagger
export DO_NOT_TRACK=1 DAGGER_NO_NAG=1 DAGGER_NO_UPDATE_CHECK=1
case ":\$PATH:" in *":$L/bin:"*) ;; *) export PATH="$L/bin:\$PATH" ;; esac
EOF
}
