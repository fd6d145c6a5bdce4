# shellcheck shell=bash
# hack/lib/arm64.sh - linux/arm64 next to linux/amd64: the qemu binfmt entry that
# lets this x86_64 host (and the engine's containers) run arm64 binaries, and the
# OCI indexes that make library/node:M-slim a two-platform image. Sourced by
# hack/engine; the arm64 image chain itself is images.sh's, with arch arm64.
#
# binfmt: Debian's qemu-user-static gives the emulator and its binfmt line
# (/usr/lib/binfmt.d/qemu-aarch64.conf). Nothing registers it on a host without
# systemd-binfmt, so `up` (and `build`, whose debootstrap runs arm64 binaries)
# mounts binfmt_misc if needed and registers the entry with the F flag: the kernel
# opens the emulator once, at registration, so it also runs arm64 binaries inside
# containers, whose root filesystems have no qemu. What it did is written to
# run/binfmt.state, and `down` undoes exactly that (and nothing else).

BINFMT_DIR=/proc/sys/fs/binfmt_misc
BINFMT_CONF=/usr/lib/binfmt.d/qemu-aarch64.conf
BINFMT_STATE=$RUN/binfmt.state
AARCH64_MAGIC=7f454c460201010000000000000000000200b700 # ELF64 LE, e_machine 0xb7

# aarch64_entry: the name of an enabled binfmt entry for aarch64 ELF binaries, if any
aarch64_entry() {
  local e
  for e in "$BINFMT_DIR"/*; do
    case ${e##*/} in register | status) continue ;; esac
    grep -qx enabled "$e" 2>/dev/null && grep -qx "magic $AARCH64_MAGIC" "$e" 2>/dev/null && { echo "${e##*/}"; return 0; }
  done
  return 1
}

step_binfmt() {
  local e line name
  if [ ! -e "$BINFMT_DIR/register" ]; then
    mount -t binfmt_misc binfmt_misc "$BINFMT_DIR" 2>"$LOG/binfmt.log" ||
      fail_log "$LOG/binfmt.log" "cannot mount binfmt_misc on $BINFMT_DIR (needed to run linux/arm64 images): load the binfmt_misc kernel module (modprobe binfmt_misc) and rerun"
    echo "mounted=$BINFMT_DIR" >>"$BINFMT_STATE"
  fi
  [ "$(cat "$BINFMT_DIR/status")" = enabled ] ||
    die "binfmt_misc is disabled on this host ($BINFMT_DIR/status): enable it with 'echo 1 > $BINFMT_DIR/status' and rerun"
  if e=$(aarch64_entry); then
    # ours from an earlier up, or the host's own (systemd-binfmt): used as it is,
    # if the kernel holds the emulator open (F); without F containers cannot run it
    grep -q '^flags:.*F' "$BINFMT_DIR/$e" ||
      die "the host's binfmt entry $BINFMT_DIR/$e runs aarch64 binaries without the F flag, so not inside containers: remove it (echo -1 > $BINFMT_DIR/$e) and rerun; up registers Debian's qemu-aarch64 with F"
    if grep -qx "registered=$e" "$BINFMT_STATE" 2>/dev/null; then STEP_NOTE="running: binfmt $e ($(sed -n 's/^interpreter //p' "$BINFMT_DIR/$e"))"
    else STEP_NOTE="running: the host's binfmt entry $e (not ours: down leaves it)"; fi
    return 0
  fi
  [ -f "$BINFMT_CONF" ] || die "$BINFMT_CONF is missing: apt-get install qemu-user-static (step packages does it), then rerun"
  line=$(grep -m1 '^:' "$BINFMT_CONF")
  name=$(echo "$line" | cut -d: -f2)
  case ${line##*:} in *F*) ;; *) line=${line}F ;; esac
  [ ! -e "$BINFMT_DIR/$name" ] || die "a disabled binfmt entry $BINFMT_DIR/$name is in the way: remove it (echo -1 > $BINFMT_DIR/$name) and rerun"
  echo "$line" >"$BINFMT_DIR/register" 2>"$LOG/binfmt.log" ||
    fail_log "$LOG/binfmt.log" "the kernel refused the binfmt entry from $BINFMT_CONF"
  echo "registered=$name" >>"$BINFMT_STATE"
  STEP_NOTE="registered $name (flags ${line##*:}) -> $(sed -n 's/^interpreter //p' "$BINFMT_DIR/$name")"
}

# Undo what step_binfmt recorded, newest first: our entry, then our mount.
undo_binfmt() {
  local what
  [ -f "$BINFMT_STATE" ] || return 0
  while IFS= read -r what; do
    case $what in
      registered=*)
        if [ -e "$BINFMT_DIR/${what#*=}" ]; then echo -1 >"$BINFMT_DIR/${what#*=}" && say "removed binfmt entry ${what#*=}"; fi ;;
      mounted=*)
        if mountpoint -q "${what#*=}"; then umount "${what#*=}" && say "unmounted ${what#*=}"; fi ;;
    esac
  done < <(tac "$BINFMT_STATE")
  rm -f "$BINFMT_STATE"
}

# ---------------------------------------------------------------- multi-platform tags
# step_image_multi <major>: layout tag node-M-slim-multi, an OCI index of the
# amd64 (node-M-slim) and arm64 (node-M-slim-arm64) manifests. A client asking for
# linux/arm64 gets the arm64 one; any other request falls on amd64, whose manifest
# (and digest) is the one the tag served before. Deterministic: same halves, same index.
step_image_multi() {
  local M=$1 tag=node-$1-slim-multi idx d
  idx=$(jq -cn --argjson a "$(layout_desc "node-$M-slim")" --argjson b "$(layout_desc "node-$M-slim-arm64")" '{
    schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json",
    manifests: [($a + {platform: {architecture: "amd64", os: "linux"}}),
                ($b + {platform: {architecture: "arm64", os: "linux", variant: "v8"}})]}')
  d=sha256:$(printf '%s' "$idx" | sha256sum | cut -d' ' -f1)
  if [ "$(layout_digest "$tag")" = "$d" ]; then STEP_NOTE="cached: index ${d:0:19}"; return 0; fi
  printf '%s' "$idx" >"$LAYOUT/blobs/sha256/${d#sha256:}"
  jq --arg t "$tag" --arg d "$d" --argjson s "${#idx}" '.manifests |= ([.[] | select(.annotations["org.opencontainers.image.ref.name"] != $t)] +
    [{mediaType: "application/vnd.oci.image.index.v1+json", digest: $d, size: $s, annotations: {"org.opencontainers.image.ref.name": $t}}])' \
    "$LAYOUT/index.json" >"$LAYOUT/index.json.tmp" && mv "$LAYOUT/index.json.tmp" "$LAYOUT/index.json"
  STEP_NOTE="index ${d:0:19}: amd64 $(layout_digest "node-$M-slim" | cut -c8-19), arm64 $(layout_digest "node-$M-slim-arm64" | cut -c8-19)"
}
layout_desc() { # the descriptor (mediaType, digest, size) of a layout tag, as JSON
  jq -ce --arg t "$1" 'first(.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $t) | {mediaType, digest, size})' \
    "$LAYOUT/index.json" || die "image $1 is missing from $LAYOUT: rerun 'hack/engine up' to rebuild it"
}

# The arm64 chain: base and ca once, then one node image per major, then the indexes.
group_arm64() {
  local spec
  step rootfs-arm64 step_rootfs arm64
  step image-deb-arm64 step_image_debian arm64
  step image-ca-arm64 step_image_ca arm64
  while read -r spec; do step "node:${spec%%:*}-arm64" step_image_node "$spec" arm64; done <<<"$NODE_IMAGES"
  while read -r spec; do step "node:${spec%%:*}-multi" step_image_multi "${spec%%:*}"; done <<<"$NODE_IMAGES"
}
arm64_built() {
  local spec
  [ -f "$IMG/debian-bookworm-arm64.complete" ] && [ -f "$IMG/bookworm-ca-arm64.complete" ] || return 1
  while read -r spec; do marker_is "$IMG/node-${spec%%:*}-slim-arm64.complete" "$spec" || return 1; done <<<"$NODE_IMAGES"
}
