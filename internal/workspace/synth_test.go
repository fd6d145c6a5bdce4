package workspace

import (
	"sort"
	"testing"

	"dagger/pnpm/internal/synth"
)

// analyse is everything the module asks of the model for one build call:
// load and validate, list the apps with their closures, pick versions.
func analyse(tb testing.TB, dir string) (*Workspace, []*App) {
	w, err := Load(dir)
	if err != nil {
		tb.Fatal(err)
	}
	apps, err := w.Apps()
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := w.ResolveVersions("", ""); err != nil {
		tb.Fatal(err)
	}
	return w, apps
}

// The synthetic workspace's generator knows its own graph; the model must
// find the same packages, apps and closures from the files alone.
func TestSynthetic200(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Generate(dir, synth.Options{}); err != nil {
		t.Fatal(err)
	}
	g, err := synth.Options{}.Graph()
	if err != nil {
		t.Fatal(err)
	}
	w, apps := analyse(t, dir)
	if len(w.Packages) != len(g.Packages)+1 {
		t.Fatalf("%d packages, want %d and the root", len(w.Packages), len(g.Packages))
	}
	assertTopological(t, w)
	if len(apps) != len(g.Apps()) {
		t.Fatalf("%d apps, want %d", len(apps), len(g.Apps()))
	}
	for _, i := range g.Apps() {
		want := []string{g.Packages[i].Dir}
		for _, d := range g.Closure(i) {
			want = append(want, g.Packages[d].Dir)
		}
		sort.Strings(want)
		a, err := w.App(g.Packages[i].Name)
		if err != nil {
			t.Fatal(err)
		}
		if !equal(a.ClosureDirs(), want) || a.Port != g.Packages[i].Port {
			t.Errorf("%s: closure %v port %d, want %v port %d", a.Name, a.ClosureDirs(), a.Port, want, g.Packages[i].Port)
		}
	}
}

// BenchmarkLoadSynthetic200 measures one full analysis (Load, Apps,
// ResolveVersions) of the generated 200-package workspace. Target: < 200 ms.
func BenchmarkLoadSynthetic200(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Generate(dir, synth.Options{}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		analyse(b, dir)
	}
}
