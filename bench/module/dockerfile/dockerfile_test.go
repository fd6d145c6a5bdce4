package dockerfile

import (
	"os"
	"strings"
	"testing"
)

func fixture(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile("../../../testdata/monorepo/Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

func TestVariants(t *testing.T) {
	verbatim := fixture(t)
	if err := CheckSeed(verbatim); err != nil {
		t.Fatal(err)
	}
	timed := Buildable(verbatim)
	// Buildable changes exactly the three per-package node_modules copies.
	if got := strings.Count(timed, "/node_module[s]/ "); got != 3 {
		t.Errorf("Buildable: %d wildcard copies, want 3:\n%s", got, timed)
	}
	if strings.ReplaceAll(timed, "/node_module[s]/ ", "/node_modules/ ") != verbatim {
		t.Errorf("Buildable changed more than the copies:\n%s", timed)
	}
	// Fixed adds the root node_modules to the two app stages only, right
	// after their FROM line.
	fixed := Fixed(timed)
	if got := strings.Count(fixed, RootNodeModules); got != 2 {
		t.Errorf("Fixed: %d root copies, want 2:\n%s", got, fixed)
	}
	for _, app := range []string{"app1", "app2"} {
		if !strings.Contains(fixed, "FROM common AS "+app+"\n"+RootNodeModules+"\n") {
			t.Errorf("Fixed: the %s stage does not start with the root copy:\n%s", app, fixed)
		}
	}
	if strings.ReplaceAll(fixed, RootNodeModules+"\n", "") != timed {
		t.Errorf("Fixed changed more than the app stages' first line")
	}
	if err := CheckSeed("FROM node:20-slim\n"); err == nil {
		t.Error("CheckSeed accepts a Dockerfile without the seed's stages")
	}
}

func TestSeedStyle(t *testing.T) {
	verbatim := fixture(t)
	apps := []App{{"app-01", "apps/app-01", 8000}, {"app-02", "apps/app-02", 8001}}
	got, err := SeedStyle(verbatim, apps)
	if err != nil {
		t.Fatal(err)
	}
	head := verbatim[:strings.Index(verbatim, "\nFROM base AS common")]
	if !strings.HasPrefix(got, head) {
		t.Errorf("SeedStyle does not keep the seed's base, prod-deps and build stages:\n%s", got)
	}
	for _, want := range []string{"FROM base AS app-01\n", "WORKDIR /app/apps/app-02\n", "EXPOSE 8001\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("SeedStyle lacks %q:\n%s", want, got)
		}
	}
	if _, err := SeedStyle("FROM node:20-slim\n", apps); err == nil {
		t.Error("SeedStyle of a Dockerfile without a common stage: no error")
	}
}

func TestCleanError(t *testing.T) {
	msg := `failed to compute cache key: failed to calculate checksum of ref l74ylt3ggqfhx08fo92wivsss::hos6afm9bkwmy0zgk5ipxqkjv: "/app/packages/common/node_modules": not found [traceparent:61298957440776a477acb68047137014-cab49d2e1208c2a0]` + "\nmore"
	want := `failed to compute cache key: failed to calculate checksum of "/app/packages/common/node_modules": not found`
	if got := CleanError(msg); got != want {
		t.Errorf("CleanError = %q, want %q", got, want)
	}
}

func TestColdStore(t *testing.T) {
	in := "RUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm install --prod\nRUN --mount=type=cache,target=/x,id=npm true\nRUN pnpm -r build\n"
	want := "RUN --mount=type=cache,id=pnpm-r1,target=/pnpm/store pnpm install --prod\nRUN --mount=type=cache,target=/x,id=npm-r1 true\nRUN pnpm -r build\n"
	if got := ColdStore(in, "r1"); got != want {
		t.Errorf("ColdStore:\n%s\nwant:\n%s", got, want)
	}
}
