package workspace

import (
	"testing"
)

// The fixtures under testdata/ are real workspaces whose pnpm-lock.yaml was
// written by pnpm itself, so these tests check the model against what pnpm
// actually produces, not against our idea of it.

type appWant struct {
	name    string
	closure []string // ClosureDirs
	port    int
}

type fixtureWant struct {
	name      string
	single    bool
	dirs      []string // package dirs, sorted
	apps      []appWant
	pnpmSpec  string
	pnpmMajor int
	inject    bool
}

var fixtures = []fixtureWant{
	{name: "single", single: true, dirs: []string{"."},
		apps:     []appWant{{"single", []string{"."}, 8000}},
		pnpmSpec: "10", pnpmMajor: 10}, // no pin: the default for lockfile 9.0
	{name: "monorepo", dirs: []string{".", "packages/app1", "packages/app2", "packages/common"},
		apps: []appWant{
			{"app1", []string{"packages/app1", "packages/common"}, 8000},
			{"app2", []string{"packages/app2", "packages/common"}, 8001},
		},
		pnpmSpec: "10.34.9", pnpmMajor: 10},
	{name: "catalogs", dirs: []string{".", "packages/app", "packages/lib"},
		apps:     []appWant{{"@catalogs/app", []string{"packages/app", "packages/lib"}, 8000}},
		pnpmSpec: "10.34.9", pnpmMajor: 10},
	{name: "nested-globs", dirs: []string{".", "apps/admin/dashboard", "apps/internal/jobs/worker", "apps/web", "libs/core", "libs/util"},
		apps: []appWant{
			{"@ng/dashboard", []string{"apps/admin/dashboard", "libs/core", "libs/util"}, 8001},
			{"@ng/worker", []string{"apps/internal/jobs/worker", "libs/core", "libs/util"}, 8002},
			{"@ng/web", []string{"apps/web", "libs/core"}, 8000},
		},
		pnpmSpec: "10.34.9", pnpmMajor: 10},
	{name: "injected", dirs: []string{".", "packages/app1", "packages/app2", "packages/common"},
		apps: []appWant{
			{"app1", []string{"packages/app1", "packages/common"}, 8000},
			{"app2", []string{"packages/app2", "packages/common"}, 8001},
		},
		pnpmSpec: "10.34.9", pnpmMajor: 10, inject: true},
	pnpmFixture("pnpm9", "9.15.9", 9),
	pnpmFixture("pnpm10", "10.34.9", 10),
	pnpmFixture("pnpm11", "11.28.11", 11),
	pnpmFixture("pnpm12", "12.4.2", 12), // two-document lockfile
}

func pnpmFixture(name, version string, major int) fixtureWant {
	return fixtureWant{name: name, dirs: []string{".", "packages/app", "packages/common"},
		apps:     []appWant{{"app", []string{"packages/app", "packages/common"}, 8000}},
		pnpmSpec: version, pnpmMajor: major}
}

func TestFixtures(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.name, func(t *testing.T) {
			w, err := Load("../../testdata/" + f.name)
			if err != nil {
				t.Fatal(err)
			}
			if w.Single != f.single || w.Config.InjectWorkspacePackages != f.inject {
				t.Errorf("Single = %v, InjectWorkspacePackages = %v", w.Single, w.Config.InjectWorkspacePackages)
			}
			if got := dirsOf(w.Packages); !equal(got, f.dirs) {
				t.Errorf("package dirs = %v, want %v", got, f.dirs)
			}
			assertTopological(t, w)
			if w.Lockfile.Version != "9.0" || !equal(w.Lockfile.Importers, f.dirs) {
				t.Errorf("Lockfile = %+v", w.Lockfile)
			}
			checkApps(t, w, f.apps)
			checkManifestFiles(t, w, f.dirs)

			v, err := w.ResolveVersions("", "")
			if err != nil {
				t.Fatal(err)
			}
			if v.Pnpm.Spec != f.pnpmSpec || v.Pnpm.Major != f.pnpmMajor || v.Node.Major != 26 {
				t.Errorf("versions = %+v", v)
			}
		})
	}
}

func checkApps(t *testing.T, w *Workspace, want []appWant) {
	t.Helper()
	apps, err := w.Apps()
	if err != nil {
		t.Fatal(err)
	}
	if len(apps) != len(want) {
		t.Fatalf("apps = %v, want %d", appNames(apps), len(want))
	}
	for i, a := range apps {
		wa := want[i]
		if a.Name != wa.name || a.Port != wa.port || !equal(a.ClosureDirs(), wa.closure) {
			t.Errorf("app %s port %d closure %v, want %s %d %v", a.Name, a.Port, a.ClosureDirs(), wa.name, wa.port, wa.closure)
		}
		if !equal(a.Entrypoint, []string{"node", "dist/index.js"}) {
			t.Errorf("app %s entrypoint %v (%s)", a.Name, a.Entrypoint, a.EntrypointProblem)
		}
		if last := a.Closure[len(a.Closure)-1]; last != a.Package {
			t.Errorf("app %s closure does not end with the app: %v", a.Name, names(a.Closure))
		}
		one, err := w.App(a.Name)
		if err != nil || one.Name != a.Name {
			t.Errorf("App(%q) = %v, %v", a.Name, one, err)
		}
	}
}

// checkManifestFiles: the lockfile, the workspace file when there is one,
// and every package.json, nothing from src/.
func checkManifestFiles(t *testing.T, w *Workspace, dirs []string) {
	t.Helper()
	want := map[string]bool{"pnpm-lock.yaml": true}
	if !w.Single {
		want["pnpm-workspace.yaml"] = true
	}
	for _, d := range dirs {
		want[join(d, "package.json")] = true
	}
	got := w.ManifestFiles()
	if len(got) != len(want) {
		t.Errorf("ManifestFiles = %v", got)
	}
	for _, f := range got {
		if !want[f] {
			t.Errorf("ManifestFiles has %s", f)
		}
	}
}
