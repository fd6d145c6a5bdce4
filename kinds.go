package main

import (
	"errors"
	"path"
	"strconv"
	"strings"

	"dagger/pnpm/internal/dagger"
	"dagger/pnpm/internal/kinds"
	"dagger/pnpm/internal/workspace"
)

// What differs between the kinds of app (node, next, nuxt, static) in the build
// step: how the build's output becomes the image's files, the Next.js
// build cache, and the check that the file the image runs was deployed.
// The build step runs one script for the whole batch (see deployScript);
// each app reaches it as DEPLOY_*_<i> variables, never as shell source.

// withAppVars passes app a, the i-th of the batch, to the build step's
// script. Why only these: each variable is part of the step's cache key,
// and each says what the step does with that app; a node app gets exactly
// the variables it had before app kinds existed, plus its start file.
func withAppVars(ctr *dagger.Container, i int, a *workspace.App) *dagger.Container {
	n := strconv.Itoa(i)
	ctr = ctr.
		WithEnvVariable("DEPLOY_APP_"+n, a.Name).
		WithEnvVariable("DEPLOY_DIR_"+n, deployTarget(a))
	switch kinds.Assembly(a) {
	case kinds.Standalone:
		ctr = ctr.
			WithEnvVariable("DEPLOY_KIND_"+n, kinds.Standalone).
			WithEnvVariable("DEPLOY_PKG_"+n, a.Dir).
			WithEnvVariable("DEPLOY_FROM_"+n, a.NextDistDir)
	case kinds.Site:
		ctr = ctr.
			WithEnvVariable("DEPLOY_KIND_"+n, kinds.Site).
			WithEnvVariable("DEPLOY_PKG_"+n, a.Dir).
			WithEnvVariable("DEPLOY_FROM_"+n, a.StaticPath())
	case kinds.Nitro:
		ctr = ctr.
			WithEnvVariable("DEPLOY_KIND_"+n, kinds.Nitro).
			WithEnvVariable("DEPLOY_PKG_"+n, a.Dir)
	}
	// pnpm deploy copies the package, .next/cache (the mounted build
	// cache) included: the script makes the directory anew, empty.
	if cache := kinds.RunCache(a); cache != "" {
		ctr = ctr.WithEnvVariable("DEPLOY_CACHE_"+n, cache)
	}
	if f := kinds.StartFile(a); f != "" {
		ctr = ctr.WithEnvVariable("DEPLOY_START_"+n, f)
	}
	return ctr
}

// withNextBuild sets the build up for the batch's Next.js apps: telemetry
// off, and each app's <distDir>/cache on a cache volume named after the
// app, so a rebuild after an edit reuses Next's compilation cache.
// Why only with a Next.js app: the variable and the mounts are part of the
// build step's key, and other batches keep the key they had.
func withNextBuild(ctr *dagger.Container, b *batch) *dagger.Container {
	next := false
	for _, a := range b.apps {
		if a.Kind != workspace.KindNext {
			continue
		}
		next = true
		// Why a volume: its contents are not part of the step's key, so a
		// warm cache never makes the build run again, and an edit that
		// does still finds Next's cache of the last build. LOCKED: Next's
		// cache is not made for two builds writing it at once.
		ctr = ctr.WithMountedCache(path.Join(workdir, a.Dir, a.NextDistDir, "cache"), nextCache(a),
			dagger.ContainerWithMountedCacheOpts{Sharing: dagger.CacheSharingModeLocked})
	}
	if next {
		ctr = ctr.WithEnvVariable("NEXT_TELEMETRY_DISABLED", "1")
	}
	return ctr
}

// nextCache is the cache volume of a Next.js app's build cache. Why one
// per app, named after it: two apps sharing one would evict each other's
// entries, and a name, unlike a path, stays when the app moves.
func nextCache(a *workspace.App) *dagger.CacheVolume {
	name := strings.NewReplacer("@", "", "/", "-").Replace(a.Name)
	return dag.CacheVolume("next-cache-" + name)
}

// assembleFuncs are the build step's shell functions besides deploy (see
// deployFunc), each run in the workspace (/app) for app $i of the batch:
//
//   - report <code> <details>: a failure the module explains (kindFailure):
//     each line of details goes to stderr as pnpm-module:<code>:<i>:<line>;
//   - standalone <package dir> <dist dir> <target>: Next's standalone
//     output, with <dist>/static and public/ where server.js looks for
//     them; every symbolic link in it must resolve inside it;
//   - site <package dir> <static dir> <target>: the static directory, links
//     followed;
//   - nitro <package dir> <target>: a Nuxt app's .output (its server and
//     the dependencies Nitro traced, so no deploy); every symbolic link in
//     it must resolve inside it;
//   - start_file <target> <file>: the file `node <file>` runs was deployed
//     (as node resolves it: the file, with .js, .mjs or .cjs, or a directory
//     with index.js);
//   - clean <target>: no .env files or .npmrc, as deploy does;
//   - run_cache <target> <dir>: an empty <dir> owned by the node user
//     (uid 1000), the only place of the app it may write.
const assembleFuncs = `report() {
  printf '%s\n' "$2" | sed "s|^|` + kinds.ReportPrefix + `$1:$i:|" >&2
  exit 3
}
clean() {
  find "$1" -name '.env*' -prune -exec rm -rf {} +
  rm -f "$1/.npmrc"
}
standalone() {
  [ -d "$1/$2/standalone" ] || report ` + kinds.CodeNoOutput + ` "$(ls -Ap "$1/$2" 2>&1)"
  mkdir -p "$3" && cp -a "$1/$2/standalone/." "$3/"
  if [ -d "$1/$2/static" ]; then mkdir -p "$3/$1/$2" && cp -a "$1/$2/static" "$3/$1/$2/"; fi
  if [ -d "$1/public" ]; then mkdir -p "$3/$1" && cp -a "$1/public" "$3/$1/"; fi
  clean "$3"
  bad=$(links report "$3")
  [ -z "$bad" ] || report ` + kinds.CodeLinks + ` "$bad"
}
nitro() {
  [ -f "$1/` + workspace.NuxtServer + `" ] || report ` + kinds.CodeNoOutput + ` "$(ls -Ap "$1/` + workspace.NuxtOutput + `" 2>&1)"
  mkdir -p "$2" && cp -a "$1/` + workspace.NuxtOutput + `" "$2/"
  clean "$2"
  bad=$(links report "$2")
  [ -z "$bad" ] || report ` + kinds.CodeLinks + ` "$bad"
}
site() {
  [ -d "$2" ] || report ` + kinds.CodeNoOutput + ` "$(ls -Ap "$1" 2>&1)"
  mkdir -p "$3" && cp -RL "$2/." "$3/"
  clean "$3"
}
run_cache() {
  rm -rf "${1:?}/$2" && mkdir -p "$1/$2" && chown 1000:1000 "$1/$2"
}
start_file() {
  for f in "$2" "$2.js" "$2.mjs" "$2.cjs" "$2/index.js"; do [ -f "$1/$f" ] && return 0; done
  report ` + kinds.CodeStart + ` "$(ls -Ap "$1")"
}`

// assembleLoop makes each app's image files (deploy is given flags by the
// caller, inject), every app at once: a deploy is mostly pnpm starting and
// copying from the store, and a batch of n apps would otherwise wait for n
// of them in a row. Each app writes only its own target; the store is safe
// for concurrent pnpm processes (see environment). The step fails with the
// status of the first app (in batch order) that failed, once every app
// has ended.
func assembleLoop(inject string) string {
	return `i=0 pids=
while [ "$i" -lt "$DEPLOY_COUNT" ]; do
  eval "app=\$DEPLOY_APP_$i dir=\$DEPLOY_DIR_$i kind=\${DEPLOY_KIND_$i:-` + kinds.Deploy + `} pkg=\${DEPLOY_PKG_$i:-} from=\${DEPLOY_FROM_$i:-} cache=\${DEPLOY_CACHE_$i:-} start=\${DEPLOY_START_$i:-}"
  (
    case $kind in
      ` + kinds.Standalone + `) standalone "$pkg" "$from" "$dir" ;;
      ` + kinds.Site + `) site "$pkg" "$from" "$dir" ;;
      ` + kinds.Nitro + `) nitro "$pkg" "$dir" ;;
      *) deploy "$app" "$dir"` + inject + ` ;;
    esac
    if [ -n "$cache" ]; then run_cache "$dir" "$cache"; fi
    if [ -n "$start" ]; then start_file "$dir" "$start"; fi
  ) &
  pids="$pids $!"
  i=$((i + 1))
done
rc=0
for pid in $pids; do
  wait "$pid" || { s=$?; [ "$rc" != 0 ] || rc=$s; }
done
[ "$rc" = 0 ] || exit "$rc"`
}

// kindFailure is the build step's own report of a failure (see report in
// assembleFuncs) as an error that names the app, what is missing and the
// fix; nil when the step failed otherwise.
func kindFailure(err error, b *batch) error {
	var exec *dagger.ExecError
	if !errors.As(err, &exec) {
		return nil
	}
	r, ok := kinds.Parse(exec.Stdout + "\n" + exec.Stderr)
	if !ok || r.App < 0 || r.App >= len(b.apps) {
		return nil
	}
	return r.Error(b.apps[r.App])
}

// nextRuntime is the environment Next's standalone server needs:
// HOSTNAME=0.0.0.0, as server.js listens on $HOSTNAME, which container
// runtimes set to the container's own name.
func nextRuntime(ctr *dagger.Container, a *workspace.App) *dagger.Container {
	if !a.NextStandalone {
		return ctr
	}
	return ctr.WithEnvVariable("HOSTNAME", "0.0.0.0")
}

// emptyDir is an empty directory with the epoch as its time, so that a
// layer that adds it depends on nothing else.
func emptyDir() *dagger.Directory {
	return dag.Directory().WithTimestamps(0)
}
