package workspace

import (
	"strings"
	"testing"
)

func TestLoadSingle(t *testing.T) {
	w := single().load(t)
	if !w.Single || len(w.Packages) != 1 || w.Packages[0].Dir != "." {
		t.Fatalf("want one root package, got Single=%v %v", w.Single, names(w.Packages))
	}
	a, err := w.App("")
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != "single" || !equal(a.ClosureDirs(), []string{"."}) || !equal(a.Entrypoint, []string{"node", "dist/index.js"}) {
		t.Errorf("app = %s closure %v entrypoint %v", a.Name, a.ClosureDirs(), a.Entrypoint)
	}
	if got := w.ManifestFiles(); !equal(got, []string{"package.json", "pnpm-lock.yaml"}) {
		t.Errorf("ManifestFiles = %v", got)
	}
	if w.Lockfile.Version != "9.0" || !equal(w.Lockfile.Importers, []string{"."}) {
		t.Errorf("Lockfile = %+v", w.Lockfile)
	}
}

func TestLoadMonorepo(t *testing.T) {
	w := monorepo().load(t)
	if w.Single {
		t.Error("Single for a three-package workspace")
	}
	assertTopological(t, w)
	if got := names(w.Packages); len(got) != 4 || got[len(got)-1] == "common" {
		t.Errorf("Packages = %v", got)
	}
	app1, _ := w.Package("app1")
	if !equal(app1.WorkspaceDeps, []string{"common"}) || app1.Port != 8000 || app1.Dir != "packages/app1" {
		t.Errorf("app1 = %+v", app1)
	}
	apps, err := w.Apps()
	if err != nil {
		t.Fatal(err)
	}
	if got := appNames(apps); !equal(got, []string{"app1", "app2"}) {
		t.Errorf("Apps() = %v", got)
	}
	app2 := apps[1]
	if app2.Port != 8001 {
		t.Errorf("config.port given as a string: Port = %d", app2.Port)
	}
	if !equal(app2.Entrypoint, []string{"node", "--enable-source-maps", "dist/index.js"}) {
		t.Errorf("Entrypoint = %v (%s)", app2.Entrypoint, app2.EntrypointProblem)
	}
	if !equal(app2.ClosureDirs(), []string{"packages/app2", "packages/common"}) || app2.Closure[len(app2.Closure)-1] != app2.Package {
		t.Errorf("closure = %v", names(app2.Closure))
	}
	want := []string{"package.json", "packages/app1/package.json", "packages/app2/package.json", "packages/common/package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml"}
	if got := w.ManifestFiles(); !equal(got, want) {
		t.Errorf("ManifestFiles = %v", got)
	}
	if _, ok := w.Package(""); ok {
		t.Error(`Package("") found something`)
	}
}

func TestAppsByNameKeepOrder(t *testing.T) {
	apps, err := monorepo().load(t).Apps("app2", "app1")
	if err != nil {
		t.Fatal(err)
	}
	if got := appNames(apps); !equal(got, []string{"app2", "app1"}) {
		t.Errorf("Apps(app2, app1) = %v", got)
	}
}

// The root's start script usually drives the others, so it is an app only
// when nothing else is, but it can always be asked for by name.
func TestRootApp(t *testing.T) {
	rootStart := obj{"private": true, "scripts": obj{"start": "pnpm -r start"}}
	w := withRoot(rootStart).load(t)
	if got, _ := w.Apps(); !equal(appNames(got), []string{"app1", "app2"}) {
		t.Errorf("root with other apps: Apps() = %v", appNames(got))
	}
	// By name it is found, and refused: its start script runs pnpm, which
	// no image has.
	if _, err := w.App("monorepo"); err == nil || !strings.Contains(err.Error(), `start script "pnpm -r start" runs pnpm, which the image does not have`) {
		t.Errorf("root by name: %v", err)
	}
	noApps := monorepo().with(
		"packages/app1/package.json", pkg("app1", obj{"dependencies": obj{"common": "workspace:*", "ms": "^2.1.3"}}),
		"packages/app2/package.json", pkg("app2", obj{"dependencies": obj{"common": "workspace:^"}}),
		"package.json", pkg("monorepo", obj{"scripts": obj{"start": "node server.js"}, "dependencies": obj{"app1": "workspace:*"}}),
	).locked()
	a, err := noApps.load(t).App("")
	if err != nil || a.Dir != "." || !equal(a.ClosureDirs(), []string{".", "packages/app1", "packages/common"}) {
		t.Fatalf("root as the only app: %v %+v", err, a)
	}
}

func TestWorkspaceYAMLWithoutPackages(t *testing.T) {
	w := single().with("pnpm-workspace.yaml", "catalog:\n  ms: ^2.1.3\nonlyBuiltDependencies: [esbuild]\n").load(t)
	if !w.Single || w.Config.Catalog["ms"] != "^2.1.3" {
		t.Errorf("Single=%v Config=%+v", w.Single, w.Config)
	}
	if got := w.ManifestFiles(); !equal(got, []string{"package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml"}) {
		t.Errorf("ManifestFiles = %v", got)
	}
}

// Globs follow pnpm: ** and ! negations, node_modules and bower_components
// never searched, hidden directories only when named, symlinks inside the
// root followed.
func TestGlobs(t *testing.T) {
	f := files{
		"package.json":                           pkg("root", obj{"private": true}),
		"pnpm-workspace.yaml":                    "packages:\n  - 'apps/**'\n  - libs/*\n  - './tools/cli/'\n  - '!**/fixtures/**'\n  - '!libs/old'\n",
		"apps/web/package.json":                  pkg("web", obj{}),
		"apps/admin/panel/package.json":          pkg("panel", obj{}),
		"apps/web/fixtures/x/package.json":       pkg("fixture-x", obj{}),
		"apps/web/node_modules/dep/package.json": pkg("dep", obj{}),
		"apps/bower_components/b/package.json":   pkg("bower", obj{}),
		"apps/.hidden/package.json":              pkg("hidden", obj{}),
		"libs/core/package.json":                 pkg("core", obj{}),
		"libs/core/src/deep/package.json":        pkg("too-deep", obj{}),
		"libs/old/package.json":                  pkg("old", obj{}),
		"libs/linked":                            "symlink:../apps/admin",
		"tools/cli/package.json":                 pkg("cli", obj{}),
		"docs/package.json":                      pkg("docs", obj{}),
	}.locked()
	// The lockfile must list what pnpm would find; rebuild it from the
	// expected set rather than from every package.json above.
	expected := files{}
	for _, p := range []string{"package.json", "apps/web/package.json", "apps/admin/panel/package.json", "libs/core/package.json", "tools/cli/package.json"} {
		expected[p] = f[p]
	}
	f = f.with("pnpm-lock.yaml", expected.locked()["pnpm-lock.yaml"])
	w := f.load(t)
	if got := dirsOf(w.Packages); !equal(got, []string{".", "apps/admin/panel", "apps/web", "libs/core", "tools/cli"}) {
		t.Errorf("package dirs = %v", got)
	}
}

// A symlinked package directory inside the root is followed, as pnpm does.
func TestGlobSymlinkInsideRoot(t *testing.T) {
	f := files{
		"package.json":              pkg("root", obj{"private": true}),
		"pnpm-workspace.yaml":       "packages:\n  - packages/*\n",
		"vendor/lib/package.json":   pkg("lib", obj{}),
		"packages/lib":              "symlink:../vendor/lib",
		"packages/app/package.json": pkg("app", obj{"dependencies": obj{"lib": "workspace:*"}}),
	}
	lock := files{"package.json": f["package.json"], "packages/lib/package.json": f["vendor/lib/package.json"], "packages/app/package.json": f["packages/app/package.json"]}.locked()
	w := f.with("pnpm-lock.yaml", lock["pnpm-lock.yaml"]).load(t)
	if got := dirsOf(w.Packages); !equal(got, []string{".", "packages/app", "packages/lib"}) {
		t.Errorf("package dirs = %v", got)
	}
}

// Every way of pointing at a workspace package counts, and only those.
func TestWorkspaceDepKinds(t *testing.T) {
	f := monorepo().with(
		"packages/lib-a/package.json", pkg("lib-a", obj{"version": "2.0.0"}),
		"packages/lib-b/package.json", pkg("lib-b", obj{}),
		"packages/lib-c/package.json", pkg("lib-c", obj{}),
		"packages/lib-d/package.json", pkg("lib-d", obj{}),
		"packages/lib-e/package.json", pkg("lib-e", obj{}),
		"packages/app1/package.json", pkg("app1", obj{"scripts": obj{"start": "node ."},
			"dependencies": obj{
				"common":   "workspace:~",
				"alias-a":  "workspace:lib-a@^2.0.0",
				"lib-b":    "^1.0.0",        // plain range on a workspace name
				"c":        "link:../lib-c", // path into the workspace
				"ms":       "npm:ms@^2.1.3", // alias to the registry
				"lodash":   "^4.17.21",      // registry
				"from-tgz": "file:../../vendor/x.tgz",
			},
			"optionalDependencies": obj{"lib-d": "workspace:*"},
			"peerDependencies":     obj{"lib-e": "workspace:*"}, // peers are not build inputs
		}),
	).locked()
	w := f.load(t)
	app1, _ := w.Package("app1")
	// alias-a is recorded under the name of the package it points at.
	if want := []string{"common", "lib-a", "lib-b", "lib-c", "lib-d"}; !equal(app1.WorkspaceDeps, want) {
		t.Errorf("WorkspaceDeps = %v, want %v", app1.WorkspaceDeps, want)
	}
	assertTopological(t, w)
}

func TestCatalogResolution(t *testing.T) {
	f := monorepo().with(
		"pnpm-workspace.yaml", "packages:\n  - packages/*\ncatalog:\n  ms: ^2.1.3\ncatalogs:\n  shared:\n    common: workspace:*\n",
		"packages/app1/package.json", pkg("app1", obj{"scripts": obj{"start": "node dist/index.js"},
			"dependencies": obj{"ms": "catalog:", "common": "catalog:shared"}}),
	).locked()
	w := f.load(t)
	app1, _ := w.Package("app1")
	if !equal(app1.WorkspaceDeps, []string{"common"}) {
		t.Errorf("WorkspaceDeps = %v", app1.WorkspaceDeps)
	}
	if w.Config.Catalogs["shared"]["common"] != "workspace:*" || w.Config.Catalog["ms"] != "^2.1.3" {
		t.Errorf("Config = %+v", w.Config)
	}
}

// pnpm 11+ may put an "env" document (pnpm's own pin) before the project
// lockfile; the importers come from the last document.
func TestLockfileTwoDocuments(t *testing.T) {
	env := "---\nlockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    configDependencies: {}\n    packageManagerDependencies:\n      pnpm:\n        specifier: 12.4.2\n        version: 12.4.2\n\npackages:\n\n  pnpm@12.4.2:\n    resolution: {integrity: sha512-x}\n\n"
	f := monorepo()
	w := f.with("pnpm-lock.yaml", env+"---\n"+f["pnpm-lock.yaml"]).load(t)
	if !equal(w.Lockfile.Importers, []string{".", "packages/app1", "packages/app2", "packages/common"}) {
		t.Errorf("Importers = %v", w.Lockfile.Importers)
	}
}

// pnpm >= 12.19 with lockfile.format: v13 writes JSON-like YAML with
// "projects" for importers.
func TestLockfileV13(t *testing.T) {
	v13 := "{\n\t\"lockfileVersion\": \"13.0\",\n\n\t\"settings\": {\n\t\t\"autoInstallPeers\": true,\n\t},\n\n\t\"projects\": {\n\t\t\".\": {\n\t\t\t\"name\": \"single\",\n\t\t\t\"dependencies\": {\n\t\t\t\t\"ms\": \"^2.1.3\",\n\t\t\t},\n\t\t\t\"devDependencies\": {\n\t\t\t\t\"typescript\": \"^5.6.0\",\n\t\t\t},\n\t\t},\n\t},\n}\n"
	w := single().with("pnpm-lock.yaml", v13).load(t)
	v, err := w.ResolveVersions("", "")
	if err != nil {
		t.Fatal(err)
	}
	if w.Lockfile.Version != "13.0" || v.Pnpm.Spec != "^12.19.0" || v.Pnpm.Major != 12 {
		t.Errorf("Lockfile %+v, pnpm %+v", w.Lockfile, v.Pnpm)
	}
}

func TestExcludeLinksFromLockfile(t *testing.T) {
	f := monorepo()
	lock := strings.Replace(f["pnpm-lock.yaml"], "excludeLinksFromLockfile: false", "excludeLinksFromLockfile: true", 1)
	lock = strings.ReplaceAll(lock, "      'common':\n        specifier: 'workspace:*'\n        version: 1.0.0\n", "")
	if _, err := Load(f.with("pnpm-lock.yaml", lock).write(t)); err != nil {
		t.Fatal(err)
	}
}

// Files install reads besides the manifests, and the .npmrc spelling of
// injectWorkspacePackages that pnpm 9 uses.
func TestInstallInputs(t *testing.T) {
	w := monorepo().with(
		".npmrc", "inject-workspace-packages=true\n",
		".pnpmfile.cjs", "module.exports = {}\n",
		"patches/ms@2.1.3.patch", "--- a\n+++ b\n",
		"pnpm-workspace.yaml", "packages:\n  - packages/*\npatchedDependencies:\n  ms@2.1.3: patches/ms@2.1.3.patch\n",
		"packages/app1/src/index.ts", "export {}\n",
	).load(t)
	if !w.Config.InjectWorkspacePackages {
		t.Error("inject-workspace-packages in .npmrc not seen")
	}
	want := []string{".npmrc", ".pnpmfile.cjs", "package.json", "packages/app1/package.json", "packages/app2/package.json",
		"packages/common/package.json", "patches/ms@2.1.3.patch", "pnpm-lock.yaml", "pnpm-workspace.yaml"}
	if got := w.ManifestFiles(); !equal(got, want) {
		t.Errorf("ManifestFiles = %v", got)
	}
}

func TestErrorFormat(t *testing.T) {
	for _, c := range []struct {
		e    Error
		want string
	}{
		{Error{File: "package.json", Line: 3, Problem: "bad", Fix: "fix it"}, "package.json:3: bad; fix: fix it"},
		{Error{File: "package.json", Problem: "bad", Fix: "fix it"}, "package.json: bad; fix: fix it"},
		{Error{Problem: "bad", Fix: "fix it"}, "bad; fix: fix it"},
		{Error{Problem: "bad"}, "bad"},
	} {
		if got := c.e.Error(); got != c.want {
			t.Errorf("Error() = %q, want %q", got, c.want)
		}
	}
}

func TestLoadNotADirectory(t *testing.T) {
	root := single().write(t)
	for _, dir := range []string{root + "/package.json", root + "/nope"} {
		if _, err := Load(dir); err == nil {
			t.Errorf("Load(%s) succeeded", dir)
		} else {
			asError(t, err)
		}
	}
}

// assertTopological checks that every package comes after its workspace
// dependencies.
func assertTopological(t *testing.T, w *Workspace) {
	t.Helper()
	seen := map[string]bool{}
	for _, p := range w.Packages {
		for _, d := range p.WorkspaceDeps {
			if !seen[d] {
				t.Errorf("%s comes before its dependency %s in %v", p.Name, d, names(w.Packages))
			}
		}
		seen[p.Name] = true
	}
}

func appNames(apps []*App) []string {
	out := make([]string, len(apps))
	for i, a := range apps {
		out[i] = a.Name
	}
	return out
}
