// The module's view of the workspace: the caller's source read into the
// model (internal/workspace) and the directories each stage is given, built
// so that their cache keys depend on what the stage reads and on nothing
// else.

package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"dagger/pnpm/internal/dagger"
	"dagger/pnpm/internal/hints"
	"dagger/pnpm/internal/workspace"
)

// manifestPatterns are the files the workspace model reads: the manifests
// and the files that tell an app's kind (workspace.AnalysisPatterns:
// next.config.*, vite.config.*, index.html...). Only these are exported to
// the module for analysis, so a large source tree costs nothing.
var manifestPatterns = slices.Concat([]string{
	"pnpm-workspace.yaml",
	"pnpm-lock.yaml",
	"**/package.json",
	".npmrc",
	".pnpmfile.cjs",
	".pnpmfile.mjs",
	"**/*.patch",
}, workspace.NodeVersionFiles, workspace.AnalysisPatterns)

// loaded is a workspace read and validated for one call: the caller's
// source, the module's copy of it, the model, and the Node and pnpm
// versions resolved for it.
type loaded struct {
	src      *dagger.Directory
	copy     string
	model    *workspace.Workspace
	versions workspace.Versions
	buildEnv []workspace.EnvVar
}

// sourceExcludes never leave the caller's source: installed dependencies
// and version control.
var sourceExcludes = []string{"**/node_modules", "**/.git"}

// load copies src into the module (all of it when whole is set, else the
// manifests only), then reads and validates the workspace, so every bad
// input fails here, before any container runs.
func (m *Pnpm) load(ctx context.Context, src *dagger.Directory, whole bool) (*loaded, error) {
	copyOpts := dagger.DirectoryFilterOpts{Exclude: sourceExcludes}
	if !whole {
		copyOpts.Include = manifestPatterns
	}
	dir, err := os.MkdirTemp("", "workspace-")
	if err != nil {
		return nil, err
	}
	if _, err := src.Filter(copyOpts).Export(ctx, dir); err != nil {
		return nil, errorf("copying the workspace into the module: %w", err)
	}
	model, err := workspace.Load(dir)
	if err != nil {
		return nil, err
	}
	versions, err := model.ResolveVersions(m.NodeVersion, m.PnpmVersion)
	if err != nil {
		return nil, err
	}
	buildEnv, err := workspace.ParseBuildEnv(m.BuildEnv)
	if err != nil {
		return nil, err
	}
	return &loaded{src: src, copy: dir, model: model, versions: versions, buildEnv: buildEnv}, nil
}

// batch is apps of a loaded workspace built together: one install and one
// build of the union of their closures, then a deploy per app. A single
// app's build is a batch of one, so that another app's edits never touch it.
type batch struct {
	*loaded
	apps []*workspace.App
}

// plan is one app of a loaded workspace, ready to be built.
type plan struct {
	*batch
	app  *workspace.App
	port int
}

// planOf is the plan of app a, built in batch b.
func planOf(b *batch, a *workspace.App) *plan {
	port, _ := appPort(a)
	return &plan{batch: b, app: a, port: port}
}

// soloPlan is the plan of app a built on its own: a batch of one, the chain
// `build` uses.
func soloPlan(ws *loaded, a *workspace.App) *plan {
	return planOf(&batch{loaded: ws, apps: []*workspace.App{a}}, a)
}

// plan loads the workspace and selects one app ("" picks the only app);
// staticDir, when given, is the directory the app's build writes, served as
// a static site. The app's start problem, if any, is the error.
func (m *Pnpm) plan(ctx context.Context, src *dagger.Directory, app, staticDir string) (*plan, error) {
	ws, err := m.load(ctx, src, true)
	if err != nil {
		return nil, err
	}
	a, err := ws.model.AppWith(app, workspace.AppOptions{StaticDir: staticDir})
	if err != nil {
		return nil, err
	}
	if err := m.checkRuntime(a); err != nil {
		return nil, err
	}
	return soloPlan(ws, a), nil
}

// installManifests are the files the batch's install reads: the lockfile,
// workspace settings and the package.json of the root and of every package
// in the apps' closures.
func (b *batch) installManifests() []string {
	files := []string{}
	inClosure := map[string]bool{".": true}
	for _, a := range b.apps {
		for _, dir := range a.ClosureDirs() {
			inClosure[dir] = true
		}
	}
	for _, f := range b.model.ManifestFiles() {
		if path.Base(f) != "package.json" || inClosure[path.Dir(f)] {
			files = append(files, f)
		}
	}
	return files
}

// closureFilters select the apps and every workspace package they need.
func (b *batch) closureFilters() []string {
	var args []string
	for _, a := range b.apps {
		args = append(args, "--filter", a.Name+"...")
	}
	return args
}

// deferredLifecycle is the shell text that runs, once the sources are in
// place, the install, postinstall and prepare scripts the install step went
// without (see workspace.InstallManifest): those of the closures'
// packages, each name in pnpm's order, dependencies first; "" when none has
// any.
func (b *batch) deferredLifecycle() string {
	filters := b.closureFilters()
	for i := range filters {
		filters[i] = "'" + filters[i] + "'" // package names hold no quote (manifest.go checks them)
	}
	var runs strings.Builder
	for _, name := range workspace.DeferredLifecycle(b.deferredPackages()) {
		runs.WriteString(" && pnpm " + strings.Join(filters, " "))
		// Without pre/post hooks: `run install` would run preinstall and
		// postinstall again.
		runs.WriteString(" --config.enable-pre-post-scripts=false run --if-present " + name)
	}
	return runs.String()
}

// deferredPackages are the packages whose install lifecycle scripts wait
// for the build step: the closures' packages, the sources the build takes.
// Not the workspace root of a monorepo: its scripts (husky, turbo
// settings, patch-package, whose patches the install has) rarely read
// sources, and running them in the install keeps them out of every
// rebuild (husky's prepare cost testdata/realistic's api ~1 s a build).
func (b *batch) deferredPackages() []*workspace.Package {
	var pkgs []*workspace.Package
	for _, a := range b.apps {
		pkgs = append(pkgs, a.Closure...)
	}
	return pkgs
}

// outsideHint names the fix when the build's output shows an import of a
// workspace package the batch does not copy (hints.OutsideClosure).
func (b *batch) outsideHint(output string) string {
	ws := hints.Workspace{Packages: map[string]string{}, Closure: map[string]bool{".": true}, Workdir: workdir}
	for _, p := range b.model.Packages {
		ws.Packages[p.Dir] = p.Name
	}
	for _, a := range b.apps {
		for _, dir := range a.ClosureDirs() {
			ws.Closure[dir] = true
		}
	}
	return hints.OutsideClosure(output, ws)
}

// names lists the apps, for messages.
func (b *batch) names() string {
	names := make([]string, len(b.apps))
	for i, a := range b.apps {
		names[i] = a.Name
	}
	return strings.Join(names, ", ")
}

// sourceURL is the repository the image is labelled with: the app's own
// package.json repository, else the workspace root's.
func (p *plan) sourceURL() string {
	if p.app.Repository != "" {
		return p.app.Repository
	}
	for _, pkg := range p.model.Packages {
		if pkg.Dir == "." {
			return pkg.Repository
		}
	}
	return ""
}

// checkRuntime rejects a runtime the app cannot run on, before any build.
func (m *Pnpm) checkRuntime(a *workspace.App) error {
	switch m.Runtime {
	case "", RuntimeSlim:
		return nil
	case RuntimeMinimal:
		if a.Kind == workspace.KindStatic {
			return errorf("--runtime minimal makes node images (node and its libraries alone), but %s is a static site, which Caddy serves whatever the runtime; fix: build %s without --runtime minimal (with build-all, name the other apps in --apps)",
				a.Name, a.Name)
		}
		if a.Entrypoint == nil {
			return errorf("--runtime minimal has no shell, so %s's start script must be a plain `node <file>`: %s; fix: change the start script or use --runtime slim",
				a.Name, a.EntrypointProblem)
		}
		return nil
	}
	return errorf("unknown --runtime %q; fix: use slim or minimal", m.Runtime)
}

// npmrcFile is the workspace's .npmrc. It may hold registry credentials
// (CI scripts often write a token into it), so it never enters a
// directory, a layer or the log: see npmrc.
const npmrcFile = ".npmrc"

// npmrc is the workspace's .npmrc as a secret, nil when there is none. Why
// the name: a secret is keyed on its name, not its value, and this name is
// a hash of the content, so an edit of the file re-runs the steps that
// read it while the content itself stays out of every key and log.
func (ws *loaded) npmrc() (*dagger.Secret, error) {
	data, err := ws.readFile(npmrcFile)
	if err != nil || data == "" {
		return nil, err
	}
	sum := sha256.Sum256([]byte(data))
	return dag.SetSecret("pnpm-workspace-npmrc-"+hex.EncodeToString(sum[:16]), data), nil
}

// npmrcSettings is the workspace's .npmrc without its credentials: what the
// steps after the install see, so that pnpm runs with the same settings
// (hoisting, linker...) as the install while no build script can read a
// token. "" when the file holds nothing else.
func (ws *loaded) npmrcSettings() (string, error) {
	data, err := ws.readFile(npmrcFile)
	if err != nil {
		return "", err
	}
	var kept []string
	for _, line := range strings.Split(data, "\n") {
		if !isCredential(line) {
			kept = append(kept, line)
		}
	}
	return strings.TrimSpace(strings.Join(kept, "\n")), nil
}

// credentialKeys are the .npmrc keys that carry credentials, alone or
// scoped to a registry (//host/path/:_authToken).
var credentialKeys = []string{"_authToken", "_auth", "_password", "password", "username", "email",
	"cert", "key", "certfile", "keyfile", "tokenHelper"}

// isCredential tells whether an .npmrc line sets a credential.
func isCredential(line string) bool {
	key, _, found := strings.Cut(strings.TrimSpace(line), "=")
	if !found {
		return false
	}
	key = strings.TrimSpace(key)
	if i := strings.LastIndex(key, ":"); i >= 0 && strings.HasPrefix(key, "//") {
		key = key[i+1:]
	}
	return slices.Contains(credentialKeys, key)
}

// withNpmrc mounts the workspace's .npmrc (a secret) into the workspace
// root for one step that downloads: it lives only as long as the mount.
func (ws *loaded) withNpmrc(ctr *dagger.Container) (*dagger.Container, error) {
	secret, err := ws.npmrc()
	if err != nil || secret == nil {
		return ctr, err
	}
	return ctr.WithMountedSecret(workdir+"/"+npmrcFile, secret), nil
}

// readFile is a workspace file's contents from the module's copy; "" when
// the workspace has no such file.
func (ws *loaded) readFile(name string) (string, error) {
	data, err := os.ReadFile(filepath.Join(ws.copy, filepath.FromSlash(name)))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	return string(data), err
}
