package hints

import (
	"strings"
	"testing"
)

// starlight is withastro/starlight's workspace, in part: its docs import
// examples/basics/tsconfig.json, a package the docs do not depend on.
var starlight = Workspace{
	Packages: map[string]string{".": "starlight-root", "docs": "starlight-docs", "examples/basics": "@example/starlight-basics", "packages/starlight": "@astrojs/starlight"},
	Closure:  map[string]bool{".": true, "docs": true, "packages/starlight": true},
	Workdir:  "/app",
}

func TestOutsideClosure(t *testing.T) {
	const want = "docs/src/content/docs/de/components/code.mdx imports examples/basics/tsconfig.json, a file of @example/starlight-basics (examples/basics), which the build step does not hold"
	const fix = `fix: add "@example/starlight-basics": "workspace:*" to the devDependencies of starlight-docs (docs/package.json), so that the package is in the closure, or move the file into docs`
	for name, output := range map[string]string{
		"rolldown (vite 8)": "docs build: \x1b[31m\x1b[1m21:30:32\x1b[22m [ERROR] [vite]\x1b[39m Build failed in 14.51s\n" +
			"docs build: [UNRESOLVED_IMPORT] Could not resolve '../../../../../../examples/basics/tsconfig.json?raw' in src/content/docs/de/components/code.mdx\n",
		"rollup (vite 5 to 7)": `docs build: error during build:` + "\n" +
			`docs build: [vite]: Rollup failed to resolve import "../../../../../../examples/basics/tsconfig.json?raw" from "/app/docs/src/content/docs/de/components/code.mdx".`,
		"tsc": "docs build: src/content/docs/de/components/code.mdx(7,26): error TS2307: Cannot find module '../../../../../../examples/basics/tsconfig.json' or its corresponding type declarations.",
		"esbuild": "docs build: ✘ [ERROR] Could not resolve \"../../../../../../examples/basics/tsconfig.json\"\n" +
			"docs build: \n" +
			"docs build:     src/content/docs/de/components/code.mdx:7:26:\n",
	} {
		got := OutsideClosure(output, starlight)
		if !strings.Contains(got, want) || !strings.Contains(got, fix) {
			t.Errorf("%s: got %q\nwant %q and %q", name, got, want, fix)
		}
	}
	webpack := "apps/web build: Module not found: Error: Can't resolve '../../api/src/types' in '/app/apps/web/src'"
	ws := Workspace{Packages: map[string]string{"apps/web": "web", "apps/api": "api"}, Closure: map[string]bool{"apps/web": true}, Workdir: "/app"}
	if got := OutsideClosure(webpack, ws); !strings.Contains(got, "apps/web/src imports apps/api/src/types, a file of api (apps/api)") {
		t.Errorf("webpack: got %q", got)
	}
}

// Not every unresolved import is a file outside the closure.
func TestOutsideClosureNot(t *testing.T) {
	for name, output := range map[string]string{
		"inside the package":       "docs build: [UNRESOLVED_IMPORT] Could not resolve '../lib/missing' in src/pages/index.astro",
		"a package in the closure": "docs build: [UNRESOLVED_IMPORT] Could not resolve '../../packages/starlight/nope' in src/x.ts",
		"a root file":              "docs build: [UNRESOLVED_IMPORT] Could not resolve '../../README.md' in src/x.ts",
		"above the workspace":      "docs build: [UNRESOLVED_IMPORT] Could not resolve '../../../elsewhere/x' in src/x.ts",
		"a bare specifier":         "docs build: [UNRESOLVED_IMPORT] Could not resolve 'left-pad' in src/x.ts",
		"an error that is not one": "docs build: error TS2322: Type 'string' is not assignable to type 'number'.",
	} {
		if got := OutsideClosure(output, starlight); got != "" {
			t.Errorf("%s: got %q, want none", name, got)
		}
	}
}
