package workspace

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// billOf loads a workspace and returns the app's bill as "name@version"
// strings (workspace packages marked "ws:"), and the bill itself.
func billOf(t *testing.T, w *Workspace, app string) ([]string, *Bill) {
	t.Helper()
	a, err := w.App(app)
	if err != nil {
		t.Fatal(err)
	}
	b, err := w.Bill(a)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range b.Components {
		s := c.Name + "@" + c.Version
		if c.Workspace {
			s = "ws:" + s
		}
		got = append(got, s)
	}
	return got, b
}

// The known runtime dependencies of every fixture app (testdata/README.md):
// pnpm 12's own `pnpm sbom --prod` lists the same sets for these fixtures.
func TestBillFixtures(t *testing.T) {
	pnpmApp := []string{"ws:common@1.0.0", "ms@2.1.3"}
	cases := []struct {
		fixture, app string
		want         []string // sorted by purl
	}{
		{"single", "single", []string{"ms@2.1.3"}},
		{"monorepo", "app1", []string{"ws:common@1.0.0", "ms@2.1.3"}},
		{"monorepo", "app2", []string{"ws:common@1.0.0", "slugify@1.6.9"}},
		{"catalogs", "@catalogs/app", []string{"ws:@catalogs/lib@1.0.0", "ms@2.1.3", "slugify@1.6.9"}},
		{"nested-globs", "@ng/web", []string{"ws:@ng/core@1.0.0", "ms@2.1.3"}},
		{"nested-globs", "@ng/dashboard", []string{"ws:@ng/core@1.0.0", "ws:@ng/util@1.0.0"}},
		{"nested-globs", "@ng/worker", []string{"ws:@ng/core@1.0.0", "ws:@ng/util@1.0.0"}},
		{"injected", "app1", []string{"ws:common@1.0.0", "ms@2.1.3"}},
		{"injected", "app2", []string{"ws:common@1.0.0", "ms@2.1.2"}},
		{"pnpm9", "app", pnpmApp},
		{"pnpm10", "app", pnpmApp},
		{"pnpm11", "app", pnpmApp},
		{"pnpm12", "app", pnpmApp},
	}
	for _, c := range cases {
		t.Run(c.fixture+"/"+c.app, func(t *testing.T) {
			w, err := Load("../../testdata/" + c.fixture)
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := billOf(t, w, c.app); !equal(got, c.want) {
				t.Errorf("components = %v, want %v", got, c.want)
			}
		})
	}
}

// The dependency graph: worker needs util only, util needs core; an
// injected copy of common depends on the ms its app chose for its peer.
func TestBillGraph(t *testing.T) {
	w, err := Load("../../testdata/nested-globs")
	must(t, err)
	_, b := billOf(t, w, "@ng/worker")
	if !equal(b.App.DependsOn, []string{"pkg:npm/%40ng/util@1.0.0"}) ||
		!equal(b.Components[1].DependsOn, []string{"pkg:npm/%40ng/core@1.0.0"}) {
		t.Errorf("graph: app -> %v, %s -> %v", b.App.DependsOn, b.Components[1].Name, b.Components[1].DependsOn)
	}
	w, err = Load("../../testdata/injected")
	must(t, err)
	_, b = billOf(t, w, "app2")
	if !equal(b.Components[0].DependsOn, []string{"pkg:npm/ms@2.1.2"}) {
		t.Errorf("injected common -> %v, want ms 2.1.2", b.Components[0].DependsOn)
	}
}

// A lockfile with what the fixtures lack: transitive and optional
// dependencies, an npm: alias, a peer suffix, a dev-only subtree, and a
// workspace package with dependencies of its own.
func TestBillTransitive(t *testing.T) {
	lock := `lockfileVersion: '9.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

importers:

  .: {}

  app:
    dependencies:
      lib:
        specifier: workspace:*
        version: link:../lib
      express-ish:
        specifier: 1.0.0
        version: 1.0.0(react@18.0.0)
      strw:
        specifier: npm:string-width@4.2.3
        version: string-width@4.2.3
    optionalDependencies:
      fsevents:
        specifier: 2.3.3
        version: 2.3.3
    devDependencies:
      jest:
        specifier: 29.0.0
        version: 29.0.0

  lib:
    dependencies:
      '@scope/util':
        specifier: 2.0.0
        version: 2.0.0
    devDependencies:
      jest:
        specifier: 29.0.0
        version: 29.0.0

packages:

  '@scope/util@2.0.0':
    resolution: {integrity: sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==}
  express-ish@1.0.0:
    resolution: {integrity: sha1-AAAAAAAAAAAAAAAAAAAAAAAAAAA=}
  react@18.0.0:
    resolution: {integrity: sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==}
  loose-envify@1.4.0:
    resolution: {integrity: sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==}
  string-width@4.2.3:
    resolution: {integrity: sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==}
  fsevents@2.3.3:
    resolution: {integrity: sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==}
  jest@29.0.0:
    resolution: {integrity: sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==}

snapshots:

  '@scope/util@2.0.0':
    dependencies:
      loose-envify: 1.4.0
  express-ish@1.0.0(react@18.0.0):
    dependencies:
      react: 18.0.0
  react@18.0.0:
    dependencies:
      loose-envify: 1.4.0
  loose-envify@1.4.0: {}
  string-width@4.2.3: {}
  fsevents@2.3.3: {}
  jest@29.0.0:
    dependencies:
      react: 18.0.0
`
	w := files{
		"package.json":        pkg("root", obj{"private": true}),
		"pnpm-workspace.yaml": "packages:\n  - app\n  - lib\n",
		"lib/package.json": pkg("lib", obj{"version": "3.1.0",
			"dependencies": obj{"@scope/util": "2.0.0"}, "devDependencies": obj{"jest": "29.0.0"}}),
		"app/package.json": pkg("app", obj{"version": "0.1.0", "scripts": obj{"start": "node ."},
			"dependencies":         obj{"lib": "workspace:*", "express-ish": "1.0.0", "strw": "npm:string-width@4.2.3"},
			"optionalDependencies": obj{"fsevents": "2.3.3"},
			"devDependencies":      obj{"jest": "29.0.0"}}),
		"pnpm-lock.yaml": lock,
	}.load(t)
	got, b := billOf(t, w, "app")
	want := []string{"@scope/util@2.0.0", "express-ish@1.0.0", "fsevents@2.3.3", "ws:lib@3.1.0", "loose-envify@1.4.0", "react@18.0.0", "string-width@4.2.3"}
	if !equal(got, want) {
		t.Errorf("components = %v, want %v", got, want)
	}
	wantApp := []string{"pkg:npm/express-ish@1.0.0", "pkg:npm/fsevents@2.3.3", "pkg:npm/lib@3.1.0", "pkg:npm/string-width@4.2.3"}
	if !equal(b.App.DependsOn, wantApp) {
		t.Errorf("app depends on %v, want %v", b.App.DependsOn, wantApp)
	}
	doc, err := b.CycloneDX("test")
	must(t, err)
	for _, s := range []string{`"purl": "pkg:npm/%40scope/util@2.0.0"`, `"group": "@scope",`, `"name": "util",`, `"alg": "SHA-1"`, `"content": "0000000000000000000000000000000000000000"`} {
		if !strings.Contains(string(doc), s) {
			t.Errorf("document lacks %s", s)
		}
	}
}

// The document: CycloneDX 1.6, the app as metadata.component, the lockfile
// integrity as a hex SHA-512, and the same bytes every time.
func TestCycloneDX(t *testing.T) {
	w, err := Load("../../testdata/monorepo")
	must(t, err)
	_, b := billOf(t, w, "app1")
	doc, err := b.CycloneDX("dagger-pnpm")
	must(t, err)
	again, err := b.CycloneDX("dagger-pnpm")
	must(t, err)
	if !bytes.Equal(doc, again) {
		t.Error("two renderings differ")
	}
	var bom struct {
		BOMFormat, SpecVersion string
		Metadata               struct{ Component cdxComponent }
		Components             []cdxComponent
		Dependencies           []cdxDependency
	}
	must(t, json.Unmarshal(doc, &bom))
	if bom.BOMFormat != "CycloneDX" || bom.SpecVersion != "1.6" || bom.Metadata.Component.Name != "app1" ||
		bom.Metadata.Component.Type != "application" || bom.Metadata.Component.BOMRef != "pkg:npm/app1@1.0.0" {
		t.Errorf("header = %+v", bom)
	}
	if len(bom.Components) != 2 || bom.Components[0].Name != "common" || len(bom.Components[0].Hashes) != 0 {
		t.Fatalf("components = %+v", bom.Components)
	}
	// ms 2.1.3's sha512, as pnpm 12's own sbom writes it.
	ms := bom.Components[1]
	if ms.PURL != "pkg:npm/ms@2.1.3" || len(ms.Hashes) != 1 || ms.Hashes[0].Alg != "SHA-512" ||
		ms.Hashes[0].Content != "e85973b9b4cb646dc9d9afcd542025784863ceae68c601f268253dc985ef70bb2fa1568726afece715c8ebf5d73fab73ed1f7100eb479d23bfb57b45dd645394" {
		t.Errorf("ms = %+v", ms)
	}
	if len(bom.Dependencies) != 3 || !equal(bom.Dependencies[0].DependsOn, []string{"pkg:npm/common@1.0.0", "pkg:npm/ms@2.1.3"}) {
		t.Errorf("dependencies = %+v", bom.Dependencies)
	}
}

func TestNormalizeCycloneDX(t *testing.T) {
	in := `{"bomFormat":"CycloneDX","serialNumber":"urn:uuid:1","metadata":{"timestamp":"2026-01-01T00:00:00Z","component":{"name":"a"}},
"components":[{"bom-ref":"pkg:npm/z@1"},{"bom-ref":"pkg:npm/b@1"}],
"dependencies":[{"ref":"pkg:npm/z@1","dependsOn":[]},{"ref":"pkg:npm/a@1","dependsOn":["pkg:npm/z@1","pkg:npm/b@1"]}]}`
	out, err := NormalizeCycloneDX([]byte(in))
	must(t, err)
	s := string(out)
	if strings.Contains(s, "serialNumber") || strings.Contains(s, "timestamp") {
		t.Errorf("random fields kept: %s", s)
	}
	if strings.Index(s, "pkg:npm/b@1\"\n") > strings.Index(s, "pkg:npm/z@1\"\n") ||
		strings.Index(s, `"ref": "pkg:npm/a@1"`) > strings.Index(s, `"ref": "pkg:npm/z@1"`) {
		t.Errorf("not sorted: %s", s)
	}
	if _, err := NormalizeCycloneDX([]byte(`{"spdxVersion":"SPDX-2.3"}`)); err == nil {
		t.Error("an SPDX document was accepted")
	}
}
