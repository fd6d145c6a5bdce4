package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"dagger/pnpm/internal/dagger"
	"dagger/pnpm/internal/workspace"
)

const (
	// workdir holds the workspace in build containers and the app in images.
	workdir = "/app"
	// pnpmHome is where the store cache volume is mounted: the store and
	// pnpm's metadata cache (an offline install reads both) live under it.
	pnpmHome = "/pnpm"
	storeDir = pnpmHome + "/store"
	cacheDir = pnpmHome + "/cache"
	// compileCacheDir holds Node's compile cache (the V8 code of every
	// script a step's node processes load) on the store volume.
	compileCacheDir = pnpmHome + "/node-compile-cache"
	// downloadLog gets a line per install (time, lockfile hash and how many
	// packages pnpm downloaded), so anyone can see when an install really
	// ran and whether it went to the registry.
	downloadLog = pnpmHome + "/downloads.log"
	// deployDir receives `pnpm deploy`'s output.
	deployDir = "/deploy"
	// runtimeUser is the node user of the official images. Numeric, so that
	// Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
	runtimeUser = "1000:1000"
)

// image is the node image the app is built and run on.
func (m *Pnpm) image(v workspace.Versions) string {
	if m.BaseImage != "" {
		return m.BaseImage
	}
	return fmt.Sprintf("node:%d-slim", v.Node.Major)
}

// node is a fresh container of the base image for the requested platform.
func (m *Pnpm) node(v workspace.Versions) *dagger.Container {
	return dag.Container(dagger.ContainerOpts{Platform: dagger.Platform(m.Platform)}).From(m.image(v))
}

// storeVolume is the pnpm store cache. Its name carries the pnpm major
// because store layouts differ between majors.
func (m *Pnpm) storeVolume(v workspace.Versions) *dagger.CacheVolume {
	if m.StoreCache != nil {
		return m.StoreCache
	}
	return dag.CacheVolume(fmt.Sprintf("pnpm-store-v%d", v.Pnpm.Major))
}

// pnpmSettings apply to every pnpm command of every stage, whatever the
// major: settings must not differ between install and run, or pnpm 11
// re-installs before running a script.
// A list, not a map: the order of environment variables is part of the
// container's cache key.
var pnpmSettings = [][2]string{
	{"store_dir", storeDir},
	{"cache_dir", cacheDir},
	// The installed pnpm is the one the workspace asks for: it must never
	// download another at run time (pnpm 10 and 12 obey the first
	// setting, pnpm 11 and 12 the second).
	{"manage_package_manager_versions", "false"},
	{"pm_on_fail", "ignore"},
	{"update_notifier", "false"},
}

// environment is the node image set up for pnpm, without pnpm: settings,
// the store volume and the working directory.
func (m *Pnpm) environment(v workspace.Versions) *dagger.Container {
	ctr := m.node(v)
	// pnpm <= 10 reads npm_config_*, pnpm >= 11 pnpm_config_*: set both.
	for _, prefix := range []string{"npm_config_", "pnpm_config_"} {
		for _, setting := range pnpmSettings {
			ctr = ctr.WithEnvVariable(prefix+setting[0], setting[1])
		}
	}
	return ctr.
		// CI=true keeps pnpm non-interactive and frozen to the lockfile.
		WithEnvVariable("CI", "true").
		// Node >= 22.1 keeps the compiled code of the tools a step runs (tsc,
		// tsup, next, pnpm itself) on the store volume, so a rebuild after an
		// edit starts them without compiling them again: ~0.1 s of app1's
		// build in testdata/monorepo (tsc), ~0.7 s of api's in
		// testdata/realistic (tsup), on node 24 (bench/compile-cache,
		// 2026-12-07). Node checks each entry's size and
		// hash on reading and writes by rename, so a shared volume is safe.
		// A constant, so it keys no step by anything new; older Node ignores
		// it, and images start from a fresh node image without it.
		WithEnvVariable("NODE_COMPILE_CACHE", compileCacheDir).
		// SHARED: the store is content-addressed, files land by atomic
		// rename and pnpm >= 11 indexes it in SQLite (WAL, busy timeout), so
		// concurrent pnpm processes may fill it together (pnpm/pnpm#941);
		// LOCKED would only serialise parallel app builds.
		WithMountedCache(pnpmHome, m.storeVolume(v), dagger.ContainerWithMountedCacheOpts{
			Sharing: dagger.CacheSharingModeShared,
		}).
		WithWorkdir(workdir)
}

// base is the environment with pnpm installed: the `base` function's
// container (the stages install pnpm in their first step instead).
func (m *Pnpm) base(v workspace.Versions) *dagger.Container {
	return withPnpm(m.environment(v), v, "pnpm --version")
}

// installed is the batch's closures (devDependencies included) installed
// in one step: pnpm installed, the lockfile, workspace settings and the
// closures' package.json files copied in, then `pnpm install
// --frozen-lockfile` of the closures, which downloads into the store volume
// what it lacks. The volume carries downloads across edits: an install that
// runs again after a package.json edit downloads nothing.
func (m *Pnpm) installed(b *batch) (*dagger.Container, error) {
	manifests, err := b.manifestInputs()
	if err != nil {
		return nil, err
	}
	ctr, copyManifests, err := m.withInputs(m.withRegistryAuth(m.environment(b.versions)), b, manifests, ".")
	if err != nil {
		return nil, err
	}
	if ctr, err = b.withNpmrc(ctr); err != nil {
		return nil, err
	}
	install := append([]string{"pnpm", "install", "--frozen-lockfile", "--prefer-offline"}, b.closureFilters()...)
	script := copyManifests + " && " + logged(append(install, "--filter", "."))
	// The next steps continue from the install's filesystem in a fresh
	// environment: no mount, secret or credential of the install reaches
	// them (Dagger's WithoutMount leaves secret mounts in place).
	return m.environment(b.versions).WithRootfs(withPnpm(ctr, b.versions, script).Rootfs()), nil
}

// logged runs a pnpm install so that its output still streams and its exit
// status is kept, then appends its line to the download log: the count is
// pnpm's own "downloaded N" progress figure.
func logged(install []string) string {
	return "{ " + strings.Join(install, " ") + "; echo $? > /tmp/pnpm-install.rc; } | tee /tmp/pnpm-install.log" +
		" && rc=$(cat /tmp/pnpm-install.rc) && [ \"$rc\" = 0 ] || exit \"$rc\";" +
		` n=$(grep -o 'downloaded [0-9]*' /tmp/pnpm-install.log | tail -n 1 | cut -d' ' -f2);` +
		` echo "$(date -u +%FT%TZ) $(sha256sum pnpm-lock.yaml | cut -c1-16) downloaded ${n:-unknown}" >> ` + downloadLog +
		"; rm -f /tmp/pnpm-install.rc /tmp/pnpm-install.log"
}

// prepared is the batch's closures installed (without registry
// credentials: see installed) and their sources mounted for the next step
// to copy into place: the command that does it and the sources are
// returned too.
func (m *Pnpm) prepared(b *batch) (*dagger.Container, string, *inputs, error) {
	sources, err := b.sourceInputs()
	if err != nil {
		return nil, "", nil, err
	}
	installed, err := m.installed(b)
	if err != nil {
		return nil, "", nil, err
	}
	ctr, copySources, err := m.withInputs(withBuildEnv(withNextBuild(installed, b), b), b, sources, workdir)
	return ctr, copySources + b.deferredLifecycle(), sources, err
}

// withBuildEnv sets the caller's build environment. Why after the install:
// the variables then key the build step alone, so a new value builds again
// from the installed closure; the image starts from a fresh node image and
// never sees them.
func withBuildEnv(ctr *dagger.Container, b *batch) *dagger.Container {
	return withEnv(ctr, b.buildEnv)
}

// withEnv sets the variables on ctr, in their order.
func withEnv(ctr *dagger.Container, vars []workspace.EnvVar) *dagger.Container {
	for _, v := range vars {
		ctr = ctr.WithEnvVariable(v.Name, v.Value)
	}
	return ctr
}

// buildArgs runs the build script of every package in the batch's
// closures, once each, in dependency order (pnpm runs independent packages
// in parallel).
func buildArgs(b *batch) []string {
	args := append([]string{"pnpm"}, b.closureFilters()...)
	return append(args, "run", "--if-present", "build")
}

// builder is the build stage on its own, for debugging (`builder terminal`):
// the sources copied in and built.
func (m *Pnpm) builder(b *batch) (*dagger.Container, error) {
	prepared, copySources, sources, err := m.prepared(b)
	if err != nil {
		return nil, err
	}
	return withoutInputs(prepared.
		WithExec(append([]string{"sh", "-c", copySources + ` && "$@"`, "sh"}, buildArgs(b)...)), sources), nil
}

// deployed builds the batch and runs `pnpm deploy --prod` for each of its
// apps, and returns each deploy's output, in the order of b.apps: the app's
// files and a node_modules of its runtime dependencies only. Sources, build
// and deploys are one step: each step of a chain costs the engine time, and
// the build's output is only ever needed by the deploys.
func (m *Pnpm) deployed(ctx context.Context, b *batch) ([]*dagger.Directory, error) {
	if err := b.preload(ctx); err != nil {
		return nil, err
	}
	prepared, copySources, _, err := m.prepared(b)
	if err != nil {
		return nil, err
	}
	// The apps reach the script as variables, never as shell source: a
	// directory name with a quote in it cannot change the command.
	ctr := prepared.WithEnvVariable("DEPLOY_COUNT", strconv.Itoa(len(b.apps)))
	for i, a := range b.apps {
		ctr = withAppVars(ctr, i, a)
	}
	// Why the deploys go to a mounted directory: its output is a snapshot of
	// its own, holding only the apps' image files, so the step's filesystem
	// does not take them in and copying an app's files into its image reads
	// a small snapshot.
	ctr = ctr.WithMountedDirectory(deployDir, emptyDir())
	ctr, err = ctr.WithExec(append([]string{"sh", "-c", deployScript(b, copySources), "sh"}, buildArgs(b)...)).Sync(ctx)
	if err != nil {
		if kind := kindFailure(err, b); kind != nil {
			return nil, kind
		}
		return nil, explain(err, b.names(), b.outsideHint)
	}
	out := make([]*dagger.Directory, len(b.apps))
	for i, a := range b.apps {
		out[i] = ctr.Directory(deployTarget(a))
	}
	return out, nil
}

// deployedApp is the deploy output of the plan's app.
func (m *Pnpm) deployedApp(ctx context.Context, p *plan) (*dagger.Directory, error) {
	out, err := m.deployed(ctx, p.batch)
	if err != nil {
		return nil, err
	}
	for i, a := range p.apps {
		if a == p.app {
			return out[i], nil
		}
	}
	return nil, errorf("internal: %s is not in its own batch", p.app.Name)
}

// deployTarget is where an app's deploy goes: under deployDir at the app's
// own directory, the same whichever batch builds it.
func deployTarget(a *workspace.App) string {
	if a.Dir == "." {
		return deployDir + "/_root"
	}
	return deployDir + "/" + a.Dir
}

// deployScript copies the sources in, runs the build ("$@"), then makes
// each app's image files ($DEPLOY_APP_<i> into $DEPLOY_DIR_<i>: pnpm deploy,
// Next's standalone output or the static directory, see assembleLoop),
// checks that the file the image runs is there, cleans what the deploys
// leave behind, and resets every time.
func deployScript(b *batch, copySources string) string {
	flags, prepare := deployFlags(b)
	// Why `|| exit`: set -e ignores a failure inside an && chain (a copy,
	// a deferred postinstall) unless it is the chain's last command.
	parts := []string{"set -e", copySources + " || exit $?", markBuild, `"$@"`}
	if prepare != "" {
		parts = append(parts, prepare)
	}
	return strings.Join(append(parts, linksFunc, unignoreFuncs, deployFunc, assembleFuncs, assembleLoop(flags), resetTimes), "\n")
}

// deployFlags are the flags of each `pnpm deploy` (see deployFunc), and a
// command that readies the workspace for them. pnpm >= 10 deploys from the
// lockfile only with injected workspace packages, which
// --config.inject-workspace-packages=true turns on for the command. pnpm
// 10.26 and later take it over any lockfile; 10.0 to 10.25 compare it with
// the lockfile's settings and refuse a lockfile written without it
// (ERR_PNPM_LOCKFILE_CONFIG_MISMATCH), so for them the build step's copy
// of the lockfile says it was (injectLockfile). Their --legacy deploy is
// no way out: it installs no dependencies at all (checked with 10.11.1).
func deployFlags(b *batch) (flags, prepare string) {
	v := b.versions.Pnpm
	switch {
	case v.Major < 10:
		return "", ""
	case v.DeploysInjected() || b.model.Config.InjectWorkspacePackages:
		return injectFlag, ""
	}
	return injectFlag, injectLockfile
}

const injectFlag = " --config.inject-workspace-packages=true"

// injectLockfile records injectWorkspacePackages: true in the settings of
// the build step's pnpm-lock.yaml, the value the deploys' flag sets. Only
// this step's copy changes: it is what pnpm deploy reads, and the deploy
// writes the deployed app's own lockfile anyway.
const injectLockfile = `grep -q '^  injectWorkspacePackages:' pnpm-lock.yaml || sed -i 's/^settings:$/settings:\n  injectWorkspacePackages: true/' pnpm-lock.yaml`

// deployFunc deploys app $1 into $2 (further arguments go to pnpm), with
// the app's build output unignored (see unignoreFuncs), then
// removes the links the deploy leaves pointing back into the workspace (pnpm
// 9 hoists one to the app itself: in the image they would dangle or, worse,
// resolve to something else) and the files no image ships.
//
// pnpm >= 10 deploys from the lockfile only with injected workspace
// packages: --config.inject-workspace-packages=true turns that on for this
// command instead of changing the user's settings, and keeps the deployed
// node_modules free of links into the workspace (deployFlags: which pnpm
// takes it).
//
// Why the files removed: environment files and registry settings are never
// shipped, whatever the package's files field says; pnpm's install state
// files record when they were written, which would make every deploy a new
// layer, and nothing reads them at run time.
const deployFunc = `deploy() {
  app=$1 target=$2; shift 2
  unignore "$(package_of "$target")"
  pnpm --filter "$app" deploy --prod --prefer-offline "$@" "$target"
  links prune "$target"
  find "$target" -name '.env*' -prune -exec rm -rf {} +
  rm -f "$target/.npmrc" "$target/node_modules/.modules.yaml" "$target"/node_modules/.pnpm-workspace-state*.json
}`

// resetTimes gives every deployed file, link and directory the same time:
// identical files then give an identical layer, whichever run built them.
// (Directory.WithTimestamps leaves symbolic links alone; touch -h does not.)
const resetTimes = `find ` + deployDir + ` -exec touch -h -d @0 {} +`
