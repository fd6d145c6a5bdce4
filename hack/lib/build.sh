# shellcheck shell=bash
# hack/lib/build.sh - Debian packages, the Go toolchain, the Dagger sources and
# binaries. Sourced by hack/engine. Every step writes its output next to a marker
# and writes the marker only once the output is whole, so an interrupted run is
# detected ("half-built") and redone by the next `up`.

GO_ROOT=$L/go/toolchain/go$GO_VERSION
SRC=$L/src
# the build tags the official engine build uses (Dockerfile frontend features)
BUILD_TAGS=dfexcludepatterns,dfparents
DAGGER_CMDS="./cmd/engine ./cmd/dagger ./cmd/codegen ./cmd/init ./cmd/dialstdio ./cmd/dnsname"

marker_is() { [ "$(cat "$1" 2>/dev/null)" = "$2" ]; }
# fresh_output <marker> <path>...: before rebuilding, say why (an outdated marker,
# or output without a marker = an interrupted run) and remove the old output.
fresh_output() {
  local m=$1 p; shift
  for p; do
    [ -e "$p" ] || continue
    if [ -f "$m" ]; then say "${m#"$L"/} is outdated ($(head -c 60 "$m")); rebuilding" >&2
    else say "found half-built ${p#"$L"/} (interrupted run?); rebuilding it" >&2; fi
    break
  done
  rm -rf "$@"
}

# ---------------------------------------------------------------- packages
step_packages() {
  local p missing=""
  for p in $APT_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
  done
  if [ -z "$missing" ]; then
    STEP_NOTE="cached: $(echo $APT_PACKAGES | wc -w) Debian packages present"; return 0
  fi
  command -v apt-get >/dev/null || die "missing packages ($missing ) and no apt-get: hack/engine targets Debian 12; install them by hand and rerun"
  # a failing third-party source makes `apt-get update` exit non-zero although the
  # Debian archive answered: only the install decides.
  apt-get update >"$LOG/packages.log" 2>&1 || true
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing >>"$LOG/packages.log" 2>&1 ||
    fail_log "$LOG/packages.log" "apt-get could not install$missing: is the Debian archive reachable (apt sources, proxy)? Fix it and rerun"
  STEP_NOTE="installed$missing"
}

# ---------------------------------------------------------------- Go
# The toolchain is the golang.org/toolchain module from the Go module proxy, the
# same zip `GOTOOLCHAIN=go1.25.x` would fetch; we check its h1: hash ourselves.
step_go_toolchain() {
  local mod=golang.org/toolchain@v0.0.1-go$GO_VERSION.linux-amd64 tmp=$GO_ROOT.tmp h1
  if marker_is "$GO_ROOT/.complete" "$GO_TOOLCHAIN_H1"; then STEP_NOTE="cached: go$GO_VERSION"; return 0; fi
  fresh_output "$GO_ROOT/.complete" "$GO_ROOT" "$tmp"
  check_go_proxy
  mkdir -p "$tmp"
  curl -fsSL --retry 3 -o "$tmp/tc.zip" "$GOPROXY_URL/golang.org/toolchain/@v/v0.0.1-go$GO_VERSION.linux-amd64.zip" 2>"$LOG/go-toolchain.log" ||
    fail_log "$LOG/go-toolchain.log" "could not download go$GO_VERSION from $GOPROXY_URL"
  (cd "$tmp" && unzip -q tc.zip && rm tc.zip)
  # h1 = base64(sha256 of the sorted "sha256  path" lines of every file in the zip)
  h1=h1:$(cd "$tmp" && find . -type f | sed 's#^\./##' | LC_ALL=C sort | tr '\n' '\0' |
    xargs -0 sha256sum | openssl dgst -sha256 -binary | base64)
  [ "$h1" = "$GO_TOOLCHAIN_H1" ] || die "the go$GO_VERSION toolchain from $GOPROXY_URL does not match its pinned checksum ($h1): rerun; if it persists, the proxy serves something else"
  mv "$tmp/$mod" "$GO_ROOT" && rm -rf "$tmp"
  chmod +x "$GO_ROOT"/bin/* "$GO_ROOT"/pkg/tool/linux_amd64/*
  echo "$GO_TOOLCHAIN_H1" >"$GO_ROOT/.complete"
  STEP_NOTE="go$GO_VERSION from $GOPROXY_URL (checksum ok)"
}

# go_env: everything Go writes (module cache, build cache) stays in the state dir;
# the host's Go settings (go env -w, GOFLAGS...) cannot leak in.
go_env() {
  export GOROOT=$GO_ROOT PATH=$GO_ROOT/bin:$STDPATH
  export GOENV=off GOTOOLCHAIN=local GO111MODULE=on CGO_ENABLED=0
  export GOFLAGS="-modcacherw -buildvcs=false"
  export GOPATH=$L/go/path GOMODCACHE=$L/go/mod GOCACHE=$L/go/cache
  # the checksum database (reached through the proxy) answers 404 for
  # github.com/dagger/dagger@v0.19.10 only; every dependency is still verified
  # against its go.sum.
  export GOPROXY=$GOPROXY_URL GOSUMDB=sum.golang.org GONOSUMDB=github.com/dagger/dagger
  unset GOPRIVATE GONOPROXY GOINSECURE GOEXPERIMENT
}

# ---------------------------------------------------------------- sources
# github.com/dagger/dagger@v0.19.10 from the proxy, plus the two nested modules its
# zip lacks: sdk/go (= dagger.io/dagger at the same version, from the proxy) and
# engine/distconsts (not served at all; only constants, written here by hand).
step_sources() {
  local tmp=$SRC.tmp dir sdkdir
  if marker_is "$SRC/.complete" "$DAGGER_VERSION"; then STEP_NOTE="cached: dagger $DAGGER_VERSION"; return 0; fi
  fresh_output "$SRC/.complete" "$SRC" "$tmp"
  check_go_proxy
  go_env
  mkdir -p "$GOPATH"
  dir=$(cd "$GOPATH" && go mod download -json "github.com/dagger/dagger@$DAGGER_VERSION" 2>>"$LOG/sources.log" | tee -a "$LOG/sources.log" | jq -r '.Dir // empty' || true)
  sdkdir=$(cd "$GOPATH" && go mod download -json "dagger.io/dagger@$DAGGER_VERSION" 2>>"$LOG/sources.log" | tee -a "$LOG/sources.log" | jq -r '.Dir // empty' || true)
  [ -n "$dir" ] && [ -n "$sdkdir" ] || fail_log "$LOG/sources.log" "could not download dagger $DAGGER_VERSION from $GOPROXY_URL"
  cp -r "$dir" "$tmp" && chmod -R u+w "$tmp"
  mkdir -p "$tmp/sdk/go" && cp -r "$sdkdir"/. "$tmp/sdk/go/" && chmod -R u+w "$tmp/sdk/go"
  write_distconsts "$tmp/engine/distconsts"
  # fetch exactly the modules the six binaries need (not the whole test graph)
  # shellcheck disable=SC2086
  (cd "$tmp" && go list -deps -tags "$BUILD_TAGS" $DAGGER_CMDS >/dev/null) >>"$LOG/sources.log" 2>&1 ||
    fail_log "$LOG/sources.log" "could not download the modules dagger $DAGGER_VERSION needs from $GOPROXY_URL"
  mv "$tmp" "$SRC"
  echo "$DAGGER_VERSION" >"$SRC/.complete"
  STEP_NOTE="dagger $DAGGER_VERSION + dagger.io/dagger $DAGGER_VERSION from $GOPROXY_URL"
}

# Only the names the v0.19.10 tree references. Values are those of the official
# engine image; the paths are where the engine looks inside its mount namespace.
write_distconsts() {
  mkdir -p "$1"
  printf 'module github.com/dagger/dagger/engine/distconsts\n\ngo 1.22\n' >"$1/go.mod"
  cat >"$1/consts.go" <<'EOF'
// Package distconsts is a hand-written stand-in for github.com/dagger/dagger/engine/distconsts,
// which the github.com/dagger/dagger module zip does not contain and the Go proxy does not serve.
// Written by hack/engine (pnpm Dagger module); only the constants the v0.19.10 tree uses.
package distconsts

const (
	EngineContainerName   = "dagger-engine.dev"
	DefaultEngineSockAddr = "unix:///run/dagger/engine.sock"
)

const (
	RuncPath       = "/usr/local/bin/runc"
	DaggerInitPath = "/usr/local/bin/dagger-init"

	EngineDefaultStateDir = "/var/lib/dagger"

	EngineContainerBuiltinContentDir   = "/usr/local/share/dagger/content"
	GoSDKManifestDigestEnvName         = "DAGGER_GO_SDK_MANIFEST_DIGEST"
	PythonSDKManifestDigestEnvName     = "DAGGER_PYTHON_SDK_MANIFEST_DIGEST"
	TypescriptSDKManifestDigestEnvName = "DAGGER_TYPESCRIPT_SDK_MANIFEST_DIGEST"
)

const (
	AlpineVersion = "3.22.1"
	AlpineImage   = "alpine:" + AlpineVersion

	GolangVersion = "1.25"
	GolangImage   = "golang:" + GolangVersion + "-alpine"

	BusyboxVersion = "1.37.0"
	BusyboxImage   = "busybox:" + BusyboxVersion
)

const OCIVersionAnnotation = "org.opencontainers.image.version"

const EngineCustomCACertsDir = "/usr/local/share/ca-certificates"
EOF
}

# ---------------------------------------------------------------- binaries
# patch_used_client_id_error: ENGINE_PATCH (common.sh). Wraps the error v0.19.10
# drops; a no-op on an already patched tree; fails if the line is not there.
patch_used_client_id_error() {
  local f=$SRC/core/modfunc.go
  local old='return nil, fmt.Errorf("could not get used client id")'
  local new='return nil, fmt.Errorf("could not get used client id: %w", err)'
  grep -qF "$new" "$f" && return 0
  grep -qF "$old" "$f" || die "$ENGINE_PATCH: $f no longer has the line to patch; update hack/lib/build.sh"
  sed -i "s|$old|$new|" "$f"
  grep -qF "$new" "$f" || die "$ENGINE_PATCH: patching $f failed"
}

# The CLI goes to bin/ (the only directory `env` puts on PATH); the engine and its
# helpers go to libexec/ under the names the engine expects.
step_binaries() {
  local want=$BINARIES_MARK out=$L/build.tmp
  if marker_is "$L/libexec/.complete" "$want" && [ -x "$L/bin/dagger" ]; then
    STEP_NOTE="cached: dagger, engine, codegen, init, dial-stdio, dnsname ($DAGGER_VERSION)"; return 0
  fi
  fresh_output "$L/libexec/.complete" "$L/libexec" "$L/bin" "$out"
  go_env
  patch_used_client_id_error
  mkdir -p "$out"
  # shellcheck disable=SC2086
  (cd "$SRC" && go build -trimpath -tags "$BUILD_TAGS" \
    -ldflags "-s -w -X github.com/dagger/dagger/engine.Version=$DAGGER_VERSION -X github.com/dagger/dagger/engine.Tag=$DAGGER_VERSION" \
    -o "$out/" $DAGGER_CMDS) >"$LOG/binaries.log" 2>&1 ||
    fail_log "$LOG/binaries.log" "go build of dagger $DAGGER_VERSION failed"
  mkdir -p "$L/bin" "$L/libexec"
  mv "$out/dagger" "$L/bin/dagger"
  mv "$out/engine" "$L/libexec/dagger-engine"
  mv "$out/init" "$L/libexec/dagger-init"
  mv "$out/dialstdio" "$L/libexec/dial-stdio"
  mv "$out/codegen" "$out/dnsname" "$L/libexec/"
  rm -rf "$out"
  echo "$want" >"$L/libexec/.complete"
  STEP_NOTE="built dagger, engine, codegen, init, dial-stdio, dnsname ($DAGGER_VERSION, go$GO_VERSION)"
}
