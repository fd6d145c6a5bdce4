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
	got, err := SeedStyle(verbatim, "libs", apps)
	if err != nil {
		t.Fatal(err)
	}
	head := verbatim[:strings.Index(verbatim, "\nFROM base AS common")]
	if !strings.HasPrefix(got, head) {
		t.Errorf("SeedStyle does not keep the seed's base, prod-deps and build stages:\n%s", got)
	}
	for _, want := range []string{"FROM base AS app-01\n", "COPY --from=build /app/libs /app/libs\n", "WORKDIR /app/apps/app-02\n", "EXPOSE 8001\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("SeedStyle lacks %q:\n%s", want, got)
		}
	}
	if _, err := SeedStyle("FROM node:20-slim\n", "libs", apps); err == nil {
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

func TestRebase(t *testing.T) {
	const to = "localhost:5000/pnpm-bench/node:20-slim-r1@sha256:0123"
	in := "ARG APP=api\nFROM node:20-slim AS base\nFROM base AS builder\nFROM --platform=linux/amd64 node:20-slim\nFROM node:20-slim-x AS other\nFROM node:20-slim\n"
	want := "ARG APP=api\nFROM " + to + " AS base\nFROM base AS builder\nFROM --platform=linux/amd64 " + to + "\nFROM node:20-slim-x AS other\nFROM " + to + "\n"
	got, n := Rebase(in, "node:20-slim", to)
	if got != want || n != 3 {
		t.Errorf("Rebase: %d lines:\n%s\nwant 3:\n%s", n, got, want)
	}
}

// TestRebaseRealistic: on P7's two Dockerfiles, every FROM either names the
// new base or another stage, so no stage can reuse a cached step of another
// repetition.
func TestRebaseRealistic(t *testing.T) {
	raw, err := os.ReadFile("../../../testdata/realistic/Dockerfile.turbo")
	if err != nil {
		t.Fatal(err)
	}
	seedStyle, err := SeedStyle(fixture(t), "packages", []App{{"api", "apps/api", 3001}})
	if err != nil {
		t.Fatal(err)
	}
	const to = "localhost:5000/pnpm-bench/node:20-slim-r1@sha256:0123"
	for name, df := range map[string]string{"Dockerfile.turbo": string(raw), "seed-style": seedStyle} {
		got, n := Rebase(df, "node:20-slim", to)
		if n != 1 {
			t.Errorf("%s: %d FROM node:20-slim lines rebased, want 1 (the base stage)", name, n)
		}
		stages := map[string]bool{}
		for _, l := range strings.Split(got, "\n") {
			f := strings.Fields(l)
			if len(f) < 2 || f[0] != "FROM" {
				continue
			}
			if f[1] != to && !stages[f[1]] {
				t.Errorf("%s: %q rests on neither the new base nor an earlier stage", name, l)
			}
			if len(f) == 4 && strings.EqualFold(f[2], "AS") {
				stages[f[3]] = true
			}
		}
		if strings.ReplaceAll(got, to, "node:20-slim") != df {
			t.Errorf("%s: Rebase changed more than the FROM image", name)
		}
	}
}

func TestProdIgnoreScripts(t *testing.T) {
	verbatim := fixture(t)
	got := ProdIgnoreScripts(verbatim)
	want := strings.Replace(verbatim, "pnpm install --prod --frozen-lockfile\n", "pnpm install --prod --frozen-lockfile --ignore-scripts\n", 1)
	if got != want || got == verbatim {
		t.Errorf("ProdIgnoreScripts: only the prod install gets --ignore-scripts:\n%s", got)
	}
	if again := ProdIgnoreScripts(got); again != got {
		t.Errorf("ProdIgnoreScripts twice adds the flag twice:\n%s", again)
	}
}
