package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"dagger/tests/internal/dagger"
)

func (t *Tests) shipCases() []testCase {
	return []testCase{
		{"apps describes each app", t.apps},
		{"build-all builds every app, in order", t.buildAll},
		{"publish-all publishes version and extra tags, readable back", t.publishAll},
		{"smoke-test passes for a working app", func(ctx context.Context) error {
			return dag.Pnpm().SmokeTest(ctx, dagger.PnpmSmokeTestOpts{Src: t.fixture("monorepo"), App: "app2"})
		}},
		{"smoke-test fails with what a crashing app printed", t.smokeFails},
		{"a build that imports a file of a package outside the app's closure fails naming the file, the package and the dependency to add", t.outsideClosure},
		{"smoke-test --env gives an app that checks its configuration at start what it needs, for one app and for every app", t.smokeEnv},
	}
}

func (t *Tests) buildAll(ctx context.Context) error {
	images, err := dag.Pnpm().BuildAll(ctx, dagger.PnpmBuildAllOpts{Src: t.fixture("monorepo")})
	if err != nil {
		return err
	}
	var titles []string
	for _, image := range images {
		title, err := image.Label(ctx, "org.opencontainers.image.title")
		if err != nil {
			return err
		}
		titles = append(titles, title)
	}
	if strings.Join(titles, ",") != "app1,app2" {
		return fmt.Errorf("built %v, want [app1 app2]", titles)
	}
	return nil
}

// publishAll publishes to the engine's loopback registry, then pulls every
// reference back and checks it is the right app.
func (t *Tests) publishAll(ctx context.Context) error {
	registry := "localhost:5000/tests-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	refs, err := dag.Pnpm().PublishAll(ctx, registry, dagger.PnpmPublishAllOpts{Src: t.fixture("monorepo"), Tag: "edge"})
	if err != nil {
		return err
	}
	want := []string{"/app1:1.0.0@sha256:", "/app1:edge@sha256:", "/app2:1.0.0@sha256:", "/app2:edge@sha256:"}
	if len(refs) != len(want) {
		return fmt.Errorf("published %v, want 4 references", refs)
	}
	for i, ref := range refs {
		if !strings.HasPrefix(ref, registry) || !strings.Contains(ref, want[i]) {
			return fmt.Errorf("reference %q, want %s%s...", ref, registry, want[i])
		}
		app := strings.Split(strings.TrimPrefix(ref, registry+"/"), ":")[0]
		title, err := dag.Container().From(ref).Label(ctx, "org.opencontainers.image.title")
		if err != nil {
			return err
		}
		if title != app {
			return fmt.Errorf("%s is labelled %q", ref, title)
		}
	}
	return nil
}

func (t *Tests) smokeFails(ctx context.Context) error {
	src := t.fixture("monorepo").WithNewFile("packages/app1/src/index.ts",
		"console.error(\"boom at start\");\nprocess.exit(3);\n")
	err := dag.Pnpm().SmokeTest(ctx, dagger.PnpmSmokeTestOpts{Src: src, App: "app1"})
	if err == nil {
		return fmt.Errorf("the smoke test passed for an app that exits at once")
	}
	return expectContains("error", err.Error(), "smoke test of \"app1\" failed", "boom at start")
}

// outsideClosure: app1 imports a file of app2, which it does not depend
// on: it resolves in the user's checkout, not in the build step, which
// holds app1's closure only.
func (t *Tests) outsideClosure(ctx context.Context) error {
	src := t.fixture("monorepo").
		WithNewFile("packages/app2/src/shared.ts", "export const shared = 'from app2';\n").
		WithNewFile("packages/app1/src/index.ts", "import { shared } from \"../../app2/src/shared\";\nconsole.log(shared);\n")
	_, err := dag.Pnpm().Build(dagger.PnpmBuildOpts{Src: src, App: "app1"}).Sync(ctx)
	if err == nil {
		return fmt.Errorf("app1 built without app2's file")
	}
	return expectContains("error", err.Error(), "TS2307",
		"packages/app1/src/index.ts imports packages/app2/src/shared, a file of app2 (packages/app2), which the build step does not hold",
		`fix: add "app2": "workspace:*" to the devDependencies of app1 (packages/app1/package.json)`)
}

// smokeEnv: app1 exits at start unless GREETING is set, as apps that
// validate their configuration do.
func (t *Tests) smokeEnv(ctx context.Context) error {
	src := t.fixture("monorepo").WithNewFile("packages/app1/src/index.ts", `import http from "node:http";
const greeting = process.env.GREETING;
if (!greeting) {
  console.error("GREETING is not set");
  process.exit(3);
}
http.createServer((_req, res) => res.end(greeting)).listen(Number(process.env.PORT || 8000));
`)
	err := dag.Pnpm().SmokeTest(ctx, dagger.PnpmSmokeTestOpts{Src: src, App: "app1"})
	if err == nil {
		return fmt.Errorf("the smoke test passed for an app that exits without GREETING")
	}
	if err := expectContains("error", err.Error(), "GREETING is not set"); err != nil {
		return err
	}
	env := []string{"GREETING=hello"}
	if err := dag.Pnpm().SmokeTest(ctx, dagger.PnpmSmokeTestOpts{Src: src, App: "app1", Env: env}); err != nil {
		return fmt.Errorf("with --env GREETING=hello: %w", err)
	}
	if err := dag.Pnpm().SmokeTest(ctx, dagger.PnpmSmokeTestOpts{Src: src, Env: env}); err != nil {
		return fmt.Errorf("every app, with --env GREETING=hello: %w", err)
	}
	return nil
}

func (t *Tests) apps(ctx context.Context) error {
	apps, err := dag.Pnpm().Apps(ctx, dagger.PnpmAppsOpts{Src: t.fixture("monorepo")})
	if err != nil {
		return err
	}
	var lines []string
	for _, a := range apps {
		line, err := a.Summary(ctx)
		if err != nil {
			return err
		}
		lines = append(lines, line)
	}
	return expectContains("apps", strings.Join(lines, "\n"),
		`app1 (packages/app1): node, port 8000, node 26, pnpm 10.34.9, runs "node dist/index.js"`,
		`app2 (packages/app2): node, port 8001, node 26, pnpm 10.34.9`)
}
