package workspace

import (
	"strings"
	"testing"
)

// The kind fixtures (issue 12) are real workspaces too, installed and built
// with pnpm 10.34.9 on a host; these tests check what the model reads from
// them before any container runs.

func loadFixture(t *testing.T, name string) *Workspace {
	t.Helper()
	w, err := Load("../../testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestFixtureNextStandalone(t *testing.T) {
	w := loadFixture(t, "next-standalone")
	apps, err := w.Apps()
	if err != nil {
		t.Fatal(err)
	}
	if got := appNames(apps); !equal(got, []string{"web"}) {
		t.Fatalf("Apps() = %v", got)
	}
	a, err := w.App("")
	if err != nil {
		t.Fatal(err)
	}
	if a.Kind != KindNext || !a.NextStandalone || a.NextServer != "apps/web/server.js" || a.NextDistDir != ".next" ||
		a.NextConfig != "apps/web/next.config.mjs" || a.NextStandaloneDir() != "apps/web/.next/standalone" {
		t.Errorf("next app = %+v", a)
	}
	if !equal(a.Entrypoint, []string{"node", "apps/web/server.js"}) || a.StartProblem != nil || a.Hint != "" {
		t.Errorf("Entrypoint %v, StartProblem %v, Hint %q", a.Entrypoint, a.StartProblem, a.Hint)
	}
	if a.Port != 3000 || a.PortSource != "start script" {
		t.Errorf("Port %d from %q", a.Port, a.PortSource)
	}
	if !equal(a.ClosureDirs(), []string{"apps/web", "packages/ui"}) {
		t.Errorf("closure %v", a.ClosureDirs())
	}
	checkManifestFiles(t, w, []string{".", "apps/web", "packages/ui"})
	if _, err := w.App("@ns/ui"); err == nil || !strings.Contains(err.Error(), `"@ns/ui" has no start script`) {
		t.Errorf("App(@ns/ui) = %v", err)
	}
}

func TestFixtureViteSPA(t *testing.T) {
	w := loadFixture(t, "vite-spa")
	apps, err := w.Apps()
	if err != nil {
		t.Fatal(err)
	}
	if got := appNames(apps); !equal(got, []string{"spa"}) {
		t.Fatalf("Apps() = %v (the library @vs/widgets and @vs/greeting are not apps)", got)
	}
	a := apps[0]
	if a.Kind != KindStatic || a.StaticDir != "dist" || a.Bundler != BundlerVite || a.StaticPath() != "apps/spa/dist" {
		t.Errorf("spa = kind %s dir %q bundler %q", a.Kind, a.StaticDir, a.Bundler)
	}
	if a.Port != 0 || a.Entrypoint != nil || a.StartProblem != nil || !strings.Contains(a.EntrypointProblem, "static site (vite)") {
		t.Errorf("spa port %d entrypoint %v (%s) start problem %v", a.Port, a.Entrypoint, a.EntrypointProblem, a.StartProblem)
	}
	if !equal(a.ClosureDirs(), []string{"apps/spa", "packages/greeting"}) {
		t.Errorf("closure %v", a.ClosureDirs())
	}
	if one, err := w.App(""); err != nil || one.Name != "spa" {
		t.Errorf(`App("") = %v, %v`, one, err)
	}
	_, err = w.App("@vs/widgets")
	e := asError(t, err)
	if e.File != "packages/widgets/package.json" || !strings.Contains(e.Problem, "it uses vite, but packages/widgets/vite.config.ts builds a library (build.lib)") {
		t.Errorf("App(@vs/widgets) = %v", e)
	}
	// The caller can still ship the widgets playground, naming its output.
	if a, err := w.AppWith("@vs/widgets", AppOptions{StaticDir: "dist"}); err != nil || a.Kind != KindStatic || a.StaticDir != "dist" || a.Bundler != "vite" {
		t.Errorf("AppWith(@vs/widgets, dist) = %+v, %v", a, err)
	}
	checkManifestFiles(t, w, []string{".", "apps/spa", "packages/greeting", "packages/widgets"})
}

func TestFixtureTsNode(t *testing.T) {
	w := loadFixture(t, "ts-node")
	apps, err := w.Apps()
	if err != nil {
		t.Fatalf("Apps() lists apps with start problems instead of failing: %v", err)
	}
	if len(apps) != 1 || apps[0].Kind != KindNode || apps[0].StartProblem == nil || apps[0].Check() == nil || apps[0].Port != 8000 {
		t.Fatalf("Apps() = %+v", apps)
	}
	_, err = w.App("")
	e := asError(t, err)
	if e.File != "package.json" || e.Line != 8 {
		t.Errorf("error at %s:%d, want package.json:8 (%v)", e.File, e.Line, e)
	}
	for _, want := range []string{`start script "ts-node app.ts"`, "runs ts-node", "only devDependencies provide (ts-node 10.9.2)"} {
		if !strings.Contains(e.Problem, want) {
			t.Errorf("Problem %q does not contain %q", e.Problem, want)
		}
	}
	if want := `build to JavaScript and start it with node (e.g. "start": "node dist/index.js"), or move ts-node from devDependencies to dependencies`; e.Fix != want {
		t.Errorf("Fix = %q, want %q", e.Fix, want)
	}
	if e != apps[0].StartProblem && e.Error() != apps[0].StartProblem.Error() {
		t.Errorf("App and Apps disagree: %v / %v", e, apps[0].StartProblem)
	}
}
