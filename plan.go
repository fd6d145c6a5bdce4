package main

import (
	"context"
	"os"
	"path"
	"sort"

	"dagger/pnpm/internal/dagger"
	"dagger/pnpm/internal/workspace"
)

// manifestPatterns are the files the workspace model reads. Only these are
// exported to the module for analysis, so a large source tree costs nothing.
var manifestPatterns = []string{
	"pnpm-workspace.yaml",
	"pnpm-lock.yaml",
	"**/package.json",
	".nvmrc",
	".node-version",
	".npmrc",
	".pnpmfile.cjs",
	".pnpmfile.mjs",
	"**/*.patch",
}

// loaded is a workspace read and validated for one call: the model, the
// source it came from, and the Node and pnpm versions resolved for it.
type loaded struct {
	src      *dagger.Directory
	model    *workspace.Workspace
	versions workspace.Versions
}

// plan is one app of a loaded workspace, ready to be built.
type plan struct {
	*loaded
	app  *workspace.App
	port int
}

// load reads the workspace's manifests out of src and validates them, so
// every bad input fails here, before any container runs.
func (m *Pnpm) load(ctx context.Context, src *dagger.Directory) (*loaded, error) {
	dir, err := os.MkdirTemp("", "pnpm-workspace-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)

	manifests := src.Filter(dagger.DirectoryFilterOpts{
		Include: manifestPatterns,
		Exclude: []string{"**/node_modules"},
	})
	if _, err := manifests.Export(ctx, dir); err != nil {
		return nil, errorf("reading the workspace's manifest files: %w", err)
	}
	model, err := workspace.Load(dir)
	if err != nil {
		return nil, err
	}
	versions, err := model.ResolveVersions(m.NodeVersion, m.PnpmVersion)
	if err != nil {
		return nil, err
	}
	return &loaded{src: src, model: model, versions: versions}, nil
}

// plan loads the workspace and selects one app ("" picks the only app).
func (m *Pnpm) plan(ctx context.Context, src *dagger.Directory, app string) (*plan, error) {
	ws, err := m.load(ctx, src)
	if err != nil {
		return nil, err
	}
	a, err := ws.model.App(app)
	if err != nil {
		return nil, err
	}
	return &plan{loaded: ws, app: a, port: a.Port}, nil
}

// describe turns an app of the model into the module's App type.
func (ws *loaded) describe(a *workspace.App, port int) *App {
	if port == 0 {
		port = a.Port
	}
	return &App{
		Name:           a.Name,
		Dir:            a.Dir,
		Version:        a.Version,
		Port:           port,
		Entrypoint:     command(a),
		EntrypointNote: a.EntrypointProblem,
		Closure:        a.ClosureDirs(),
		NodeMajor:      ws.versions.Node.Major,
		NodeSource:     ws.versions.Node.Source,
		PnpmVersion:    ws.versions.Pnpm.Spec,
		PnpmSource:     ws.versions.Pnpm.Source,
	}
}

// installManifests are the files the app's install reads: the lockfile,
// workspace settings and the package.json of the root and of every package
// in the app's closure.
func (p *plan) installManifests() []string {
	files := []string{}
	inClosure := map[string]bool{".": true}
	for _, dir := range p.app.ClosureDirs() {
		inClosure[dir] = true
	}
	for _, f := range p.model.ManifestFiles() {
		if path.Base(f) != "package.json" || inClosure[path.Dir(f)] {
			files = append(files, f)
		}
	}
	return files
}

// otherPackages are the directories of the workspace packages outside the
// app's closure: their sources never enter the app's build.
func (p *plan) otherPackages() []string {
	inClosure := map[string]bool{}
	for _, dir := range p.app.ClosureDirs() {
		inClosure[dir] = true
	}
	var dirs []string
	for _, pkg := range p.model.Packages {
		if pkg.Dir != "." && !inClosure[pkg.Dir] {
			dirs = append(dirs, pkg.Dir)
		}
	}
	sort.Strings(dirs)
	return dirs
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
