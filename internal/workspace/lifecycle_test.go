package workspace

import (
	"encoding/json"
	"slices"
	"testing"
)

// The install step gets each package.json without its install lifecycle
// scripts, everything else kept; the build step runs those scripts.
func TestInstallManifest(t *testing.T) {
	w := monorepo().with(
		"package.json", pkg("monorepo", obj{"private": true, "scripts": obj{"prepare": "husky", "build": "turbo build"}, "pnpm": obj{"overrides": obj{"ms": "2.1.3"}}}),
		"packages/app1/package.json", pkg("app1", obj{"version": "1.0.0", "config": obj{"port": 8000},
			"scripts": obj{"start": "node dist/index.js", "postinstall": "prisma generate", "preinstall": "node check.js"}, "dependencies": obj{"common": "workspace:*"}}),
	).locked().load(t)
	app1 := w.PackageAt("packages/app1")
	got, ok, err := app1.InstallManifest()
	if err != nil || !ok {
		t.Fatalf("InstallManifest: %v, %v", ok, err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(got), &m); err != nil {
		t.Fatal(err)
	}
	scripts := m["scripts"].(map[string]any)
	if len(scripts) != 2 || scripts["start"] != "node dist/index.js" || scripts["preinstall"] != "node check.js" || m["name"] != "app1" || m["config"].(map[string]any)["port"] != 8000.0 {
		t.Errorf("manifest = %s", got)
	}
	if _, ok, _ := w.PackageAt("packages/common").InstallManifest(); ok {
		t.Error("common has no lifecycle script, yet its manifest is rewritten")
	}
	all := []*Package{w.PackageAt("."), app1, w.PackageAt("packages/common")}
	if names := DeferredLifecycle(all); !slices.Equal(names, []string{"postinstall", "prepare"}) {
		t.Errorf("DeferredLifecycle = %v", names)
	}
	if names := DeferredLifecycle(all[2:]); names != nil {
		t.Errorf("DeferredLifecycle(common) = %v", names)
	}
}
