package workspace

import (
	"slices"
	"testing"
)

func TestBuildSources(t *testing.T) {
	cases := []struct {
		fixture, app string
		dirs, files  []string
	}{
		{"monorepo", "app1", []string{"packages/app1", "packages/common"},
			[]string{".dockerignore", ".gitignore", "Dockerfile", "package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml", "tsconfig.json"}},
		{"single", "single", []string{"src"}, []string{".dockerignore", "package.json", "pnpm-lock.yaml", "tsconfig.json"}},
		// libs/legacy is excluded from the workspace, so it is a plain
		// directory: kept, like scripts/ would be.
		{"nested-globs", "@ng/dashboard", []string{"apps/admin/dashboard", "libs/core", "libs/legacy", "libs/util"},
			[]string{".gitignore", "build.js", "package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml"}},
	}
	for _, c := range cases {
		t.Run(c.fixture+"/"+c.app, func(t *testing.T) {
			w, err := Load("../../testdata/" + c.fixture)
			if err != nil {
				t.Fatal(err)
			}
			a, err := w.App(c.app)
			if err != nil {
				t.Fatal(err)
			}
			got, err := w.BuildSources(a)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Dirs, c.dirs) {
				t.Errorf("dirs = %v, want %v", got.Dirs, c.dirs)
			}
			if !slices.Equal(got.Files, c.files) {
				t.Errorf("files = %v, want %v", got.Files, c.files)
			}
			for _, f := range append(got.Dirs, got.Files...) {
				if f == "packages/app2" || f == "apps/web" || f == "packages/app1/.env" {
					t.Errorf("%s must not be part of %s's build", f, c.app)
				}
			}
		})
	}
}

// A tsconfig the build takes may extend one in a package outside the
// closure (a config package nobody depends on): the build takes that file,
// and what it extends, and nothing else of the package.
func TestBuildSourcesTsconfigExtends(t *testing.T) {
	w := monorepo().with(
		"packages/tsconfig/package.json", pkg("@repo/tsconfig", obj{"version": "1.0.0"}),
		"packages/tsconfig/base.json", `{"compilerOptions": {"strict": true}}`,
		"packages/tsconfig/strict.json", `{"extends": "./base.json"}`,
		"packages/tsconfig/unused.json", `{}`,
		"packages/tsconfig/linked.json", "symlink:$OUTSIDE/package.json",
		// JSON with comments; a nested "extends" is not the file's.
		"tsconfig.json", "{\n  // shared\n  \"extends\": \"./packages/tsconfig/strict\",\n  \"compilerOptions\": {\"extends\": \"./nope.json\"}\n}\n",
		"packages/app1/tsconfig.json", `{"extends": "../tsconfig/base.json"}`,
		"packages/common/tsconfig.build.json", `{"extends": "../tsconfig/linked.json"}`,
		"packages/app2/tsconfig.json", `{"extends": "../tsconfig/unused.json"}`,
	).locked().load(t)
	got := app1Sources(t, w)
	if !slices.Equal(got.Dirs, []string{"packages/app1", "packages/common"}) {
		t.Errorf("dirs = %v", got.Dirs)
	}
	want := []string{"package.json", "packages/tsconfig/base.json", "packages/tsconfig/strict.json", "pnpm-lock.yaml", "pnpm-workspace.yaml", "tsconfig.json"}
	if !slices.Equal(got.Files, want) {
		t.Errorf("files = %v, want %v", got.Files, want)
	}
}

// Links beside packages enter by what they point to (Dagger follows them
// when the build takes them by path): a file or a plain directory inside
// the root is taken; a link that dangles, leaves the root, or points at a
// package or above one is left out instead of failing the build.
func TestBuildSourcesSymlinks(t *testing.T) {
	w := monorepo().with(
		"CLAUDE.md", "notes", "config/base.json", "{}",
		// Taken: a link to a file, one to a plain directory.
		"AGENTS.md", "symlink:./CLAUDE.md", "shared", "symlink:config",
		// Left out: dangling (a target ending in a newline), out of the
		// root, to the root, to a package, above packages.
		"GEMINI.md", "symlink:./CLAUDE.md\n", "outside.md", "symlink:$OUTSIDE/package.json",
		"all", "symlink:.", "other", "symlink:packages/app2", "pkgs", "symlink:packages",
		"packages/app2/assets/logo.svg", "<svg/>", "logos", "symlink:packages/app2/assets",
		"config/.env.production", "SECRET=1", "settings.env", "symlink:config/.env.production",
	).locked().load(t)
	got := app1Sources(t, w)
	if want := []string{"config", "packages/app1", "packages/common", "shared"}; !slices.Equal(got.Dirs, want) {
		t.Errorf("dirs = %v, want %v", got.Dirs, want)
	}
	want := []string{"AGENTS.md", "CLAUDE.md", "package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml"}
	if !slices.Equal(got.Files, want) {
		t.Errorf("files = %v, want %v", got.Files, want)
	}
}

// app1Sources lays out the build of app1, failing the test on an error.
func app1Sources(t *testing.T, w *Workspace) SourceLayout {
	t.Helper()
	a, err := w.App("app1")
	if err != nil {
		t.Fatal(err)
	}
	got, err := w.BuildSources(a)
	if err != nil {
		t.Fatal(err)
	}
	return got
}
