package synth

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

type manifest struct {
	Name         string             `json:"name"`
	Main         string             `json:"main"`
	Scripts      map[string]string  `json:"scripts"`
	Config       struct{ Port int } `json:"config"`
	Dependencies map[string]string  `json:"dependencies"`
}

// lockImporters parses the importers section of a pnpm lockfile with
// workspace links only: importer dir -> dep name -> [specifier, version].
func lockImporters(t *testing.T, data []byte) map[string]map[string][2]string {
	t.Helper()
	out := map[string]map[string][2]string{}
	var importer, dep string
	inImporters := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "importers:":
			inImporters = true
		case line == "" || !inImporters:
		case !strings.HasPrefix(line, " "):
			t.Fatalf("unexpected top-level key after importers: %q", line)
		case strings.HasPrefix(line, "  ") && !strings.HasPrefix(line, "   "):
			key := strings.TrimSpace(line)
			importer = strings.TrimSuffix(strings.TrimSuffix(key, " {}"), ":")
			out[importer] = map[string][2]string{}
		case line == "    dependencies:":
		case strings.HasPrefix(line, "      '") && strings.HasSuffix(line, "':"):
			dep = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(line), "'"), "':")
		case strings.HasPrefix(line, "        specifier: "):
			v := out[importer][dep]
			v[0] = strings.TrimPrefix(line, "        specifier: ")
			out[importer][dep] = v
		case strings.HasPrefix(line, "        version: "):
			v := out[importer][dep]
			v[1] = strings.TrimPrefix(line, "        version: ")
			out[importer][dep] = v
		default:
			t.Fatalf("unexpected lockfile line %q", line)
		}
	}
	return out
}

func TestGenerateStructure(t *testing.T) {
	dir := t.TempDir()
	o := Options{}.WithPackages(20).WithApps(3).WithLayers(4)
	if err := Generate(dir, o); err != nil {
		t.Fatal(err)
	}
	g, err := o.Graph()
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Packages) != 20 || len(g.Apps()) != 3 {
		t.Fatalf("got %d packages, %d apps", len(g.Packages), len(g.Apps()))
	}
	lock, err := os.ReadFile(filepath.Join(dir, "pnpm-lock.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(lock, []byte("lockfileVersion: '9.0'\n")) {
		t.Fatalf("lockfile does not start with lockfileVersion '9.0':\n%s", lock)
	}
	importers := lockImporters(t, lock)

	// Every package directory on disk is an importer, and vice versa.
	dirs, _ := filepath.Glob(filepath.Join(dir, "*", "*", "package.json"))
	want := []string{"."}
	byName := map[string]string{}
	ports := map[int]bool{}
	for _, f := range dirs {
		rel, _ := filepath.Rel(dir, filepath.Dir(f))
		rel = filepath.ToSlash(rel)
		want = append(want, rel)
		var m manifest
		raw, _ := os.ReadFile(f)
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if byName[m.Name] != "" {
			t.Fatalf("duplicate package name %s", m.Name)
		}
		byName[m.Name] = rel
		if m.Scripts["build"] == "" || m.Main != "dist/index.js" {
			t.Errorf("%s: no build script or main", rel)
		}
		if strings.HasPrefix(rel, "apps/") {
			if m.Scripts["start"] != "node dist/index.js" || m.Config.Port == 0 || ports[m.Config.Port] {
				t.Errorf("%s: start %q port %d", rel, m.Scripts["start"], m.Config.Port)
			}
			ports[m.Config.Port] = true
		}
		deps := importers[rel]
		if deps == nil {
			t.Fatalf("%s is not an importer in pnpm-lock.yaml", rel)
		}
		if len(deps) != len(m.Dependencies) {
			t.Errorf("%s: %d deps in package.json, %d in lockfile", rel, len(m.Dependencies), len(deps))
		}
		for name, spec := range m.Dependencies {
			if spec != "workspace:*" || deps[name][0] != spec {
				t.Errorf("%s: dep %s specifier %q / lockfile %q", rel, name, spec, deps[name][0])
			}
		}
	}
	sort.Strings(want)
	got := make([]string, 0, len(importers))
	for k := range importers {
		got = append(got, k)
	}
	sort.Strings(got)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("importers %v, package dirs %v", got, want)
	}
	// Every link resolves to the directory of the named package.
	for imp, deps := range importers {
		for name, v := range deps {
			target := filepath.ToSlash(filepath.Join(imp, strings.TrimPrefix(v[1], "link:")))
			if !strings.HasPrefix(v[1], "link:") || target != byName[name] {
				t.Errorf("%s: %s -> %s, package is at %s", imp, name, v[1], byName[name])
			}
		}
	}
	// The graph is a DAG whose edges go to lower layers.
	for _, p := range g.Packages {
		for _, d := range p.Deps {
			if g.Packages[d].App || (!p.App && g.Packages[d].Layer >= p.Layer) {
				t.Errorf("edge %s -> %s does not go down", p.Name, g.Packages[d].Name)
			}
		}
		if p.Layer == 0 && len(p.Deps) != 0 {
			t.Errorf("leaf %s has deps", p.Name)
		}
	}
	// Deterministic: a second run writes the same bytes.
	dir2 := t.TempDir()
	if err := Generate(dir2, o); err != nil {
		t.Fatal(err)
	}
	lock2, _ := os.ReadFile(filepath.Join(dir2, "pnpm-lock.yaml"))
	if !bytes.Equal(lock, lock2) {
		t.Error("lockfile differs between two runs")
	}
}

func TestEditLeaf(t *testing.T) {
	dir := t.TempDir()
	o := Options{}.WithPackages(20).WithApps(3)
	if err := Generate(dir, o); err != nil {
		t.Fatal(err)
	}
	g, _ := o.Graph()
	first := g.Apps()[0]
	if got := g.Response(first, nil); !strings.HasSuffix(got, " stamps=v1") {
		t.Fatalf("initial response %q", got)
	}
	file, err := o.EditLeaf(dir, "v2")
	if err != nil {
		t.Fatal(err)
	}
	src, _ := os.ReadFile(file)
	if !bytes.Contains(src, []byte(`exports.stamp = "v2";`)) {
		t.Fatalf("%s not edited:\n%s", file, src)
	}
	if got := g.Response(first, map[int]string{g.Leaf: "v2"}); !strings.Contains(got, "v2") {
		t.Fatalf("response after edit %q", got)
	}
	if _, err := o.EditLeaf(dir, `bad"`); err == nil {
		t.Fatal("quote in stamp accepted")
	}
}

func TestOptionsErrors(t *testing.T) {
	for _, o := range []Options{{Packages: 1}, {Packages: 5, Apps: 5}, {Apps: -1}, {BasePort: 65535}} {
		if _, err := o.Graph(); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
	o, err := Options{}.Normalize()
	if err != nil || o.Packages != 200 || o.Apps != 8 {
		t.Fatalf("defaults: %+v %v", o, err)
	}
}

// TestRealPnpm runs a real pnpm on a generated workspace when PNPM names a
// pnpm binary (SYNTH_N sets the size, default 200): the lockfile must equal
// what `pnpm install --lockfile-only` writes, and `pnpm install
// --frozen-lockfile --offline` must accept it. Set SYNTH_KEEP=dir to
// generate there and keep it.
func TestRealPnpm(t *testing.T) {
	pnpm := os.Getenv("PNPM")
	if pnpm == "" {
		t.Skip("PNPM not set")
	}
	n := 200
	if s := os.Getenv("SYNTH_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	dir := os.Getenv("SYNTH_KEEP")
	if dir == "" {
		dir = t.TempDir()
	}
	o := Options{}.WithPackages(n)
	if err := Generate(dir, o); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) {
		cmd := exec.Command(pnpm, args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("pnpm %v: %v\n%s", args, err, out)
		}
	}
	run("install", "--frozen-lockfile", "--offline")
	ours, _ := os.ReadFile(filepath.Join(dir, "pnpm-lock.yaml"))
	if err := os.Remove(filepath.Join(dir, "pnpm-lock.yaml")); err != nil {
		t.Fatal(err)
	}
	run("install", "--lockfile-only", "--offline")
	theirs, _ := os.ReadFile(filepath.Join(dir, "pnpm-lock.yaml"))
	if !bytes.Equal(ours, theirs) {
		t.Fatalf("pnpm writes a different lockfile:\n--- ours\n%s\n--- pnpm\n%s", ours, theirs)
	}
	g, _ := o.Graph()
	for _, a := range g.Apps() {
		t.Logf("%s port %d answers %q", g.Packages[a].Dir, g.Packages[a].Port, g.Response(a, nil))
	}
	t.Logf("leaf %s; after EditLeaf(dir, \"v2\") %s answers %q", g.Packages[g.Leaf].Dir,
		g.Packages[g.Apps()[0]].Dir, g.Response(g.Apps()[0], map[int]string{g.Leaf: "v2"}))
}
