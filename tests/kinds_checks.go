package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"dagger/tests/internal/dagger"
)

// chromiumFlags run Debian's Chromium headless as root in a container: no
// sandbox (it needs user namespaces), no GPU, /tmp instead of a small
// /dev/shm, and none of the background connections to Google's hosts that
// a closed network refuses, in a fresh profile.
var chromiumFlags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--no-first-run", "--disable-quic", "--user-data-dir=/tmp/chromium-profile",
	// --dump-dom waits for the load event only: a route module that the app
	// imports after it (React Router loads routes lazily) needs the page to
	// run on, for up to this much virtual time.
	"--virtual-time-budget=10000",
}

// chromium is debian:bookworm with Debian's Chromium, installed by apt in
// the container (a step Dagger caches like any other).
func chromium() *dagger.Container {
	return dag.Container().From("debian:bookworm").
		WithExec([]string{"sh", "-c", "apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null && chromium --version"})
}

// staticInChromium loads a deep link of the SPA in a real browser: the
// text it checks is written by the app's JavaScript, so --dump-dom (the
// DOM after the page loaded) proves the script ran, and the route it
// shows proves the server answered the deep link with the app.
func (t *Tests) staticInChromium(ctx context.Context) error {
	dom, err := domIn(ctx, t.staticImage(), "/settings/profile")
	if err != nil {
		return err
	}
	return expectContains("DOM", dom, "spa: hello from @vs/greeting", "route: /settings/profile")
}

// domIn loads path of the image's site on 8080 in Chromium and returns the
// DOM once the page has loaded.
func domIn(ctx context.Context, image *dagger.Container, path string) (string, error) {
	return chromium().
		WithServiceBinding("site", image.AsService()).
		WithEnvVariable("PROBE_AT", time.Now().String()).
		WithExec(append(append([]string{"chromium"}, chromiumFlags...), "--dump-dom", "http://site:8080"+path)).
		Stdout(ctx)
}

// appsKinds lists the kind fixtures: a listing never fails, an app whose
// start script cannot work is listed with the problem.
func (t *Tests) appsKinds(ctx context.Context) error {
	want := map[string][]string{
		"next-standalone": {`web (apps/web): next standalone, port 3000`, `runs "node apps/web/server.js"`},
		"vite-spa":        {`spa (apps/spa): static (serves apps/spa/dist), port 8080`, `runs "caddy run`},
		"ts-node":         {`ts-node-app (.): node, port 8000`, `cannot be built: package.json:8: start script "ts-node app.ts" runs ts-node`},
	}
	for fixture, lines := range want {
		apps, err := dag.Pnpm().Apps(ctx, dagger.PnpmAppsOpts{Src: t.fixture(fixture)})
		if err != nil {
			return fmt.Errorf("%s: %w", fixture, err)
		}
		if len(apps) != 1 {
			return fmt.Errorf("%s: %d apps, want 1", fixture, len(apps))
		}
		summary, err := apps[0].Summary(ctx)
		if err != nil {
			return err
		}
		if err := expectContains(fixture, summary, lines...); err != nil {
			return err
		}
	}
	return nil
}

// noSuchImage is a base image no registry has: a build that ran any
// container would fail pulling it, not with the error a test expects.
const noSuchImage = "localhost:5000/pnpm-tests/no-such-image:never"

func (t *Tests) tsNodeRejected(ctx context.Context) error {
	mod := dag.Pnpm(dagger.PnpmOpts{BaseImage: noSuchImage})
	_, buildErr := mod.Build(dagger.PnpmBuildOpts{Src: t.fixture("ts-node")}).Sync(ctx)
	_, allErr := mod.BuildAll(ctx, dagger.PnpmBuildAllOpts{Src: t.fixture("ts-node")})
	for what, err := range map[string]error{"build": buildErr, "build-all": allErr} {
		if err == nil {
			return fmt.Errorf("%s succeeded", what)
		}
		if strings.Contains(err.Error(), "no-such-image") {
			return fmt.Errorf("%s ran a container before rejecting the start script: %v", what, err)
		}
		if err := expectContains(what, err.Error(), "package.json:8", `start script "ts-node app.ts"`, "runs ts-node", "ts-node 10.9.2",
			`build to JavaScript and start it with node (e.g. "start": "node dist/index.js")`, "move ts-node from devDependencies to dependencies"); err != nil {
			return err
		}
	}
	return nil
}

func (t *Tests) startFileMissing(ctx context.Context) error {
	manifest, err := t.fixture("monorepo").File("packages/app2/package.json").Contents(ctx)
	if err != nil {
		return err
	}
	// app2, the second app of the batch: the apps are assembled in
	// parallel, and the report must still name the app that failed.
	src := t.fixture("monorepo").WithNewFile("packages/app2/package.json",
		strings.Replace(manifest, "node dist/index.js", "node dist/missing.js", 1))
	_, err = dag.Pnpm().BuildAll(ctx, dagger.PnpmBuildAllOpts{Src: src})
	if err == nil {
		return fmt.Errorf("build-all succeeded with a start file that does not exist")
	}
	return expectContains("error", err.Error(), `app "app2": the start script "node dist/missing.js" runs dist/missing.js`,
		"has no dist/missing.js", "its top level holds: dist/, node_modules/, package.json", `a "files" field in packages/app2/package.json`)
}

// mixedBatch builds the three kinds in one batch (one install, one build,
// then each app's own assembly) and asks each image.
func (t *Tests) mixedBatch(ctx context.Context) error {
	images, err := dag.Pnpm().BuildAll(ctx, dagger.PnpmBuildAllOpts{Src: t.fixture("kinds-mix")})
	if err != nil {
		return err
	}
	want := []struct {
		title, path, body string
		port              int
	}{{"api", "/", "api: plain node", 8000}, {"spa", "/settings/profile", `<p id="route"></p>`, 8080}, {"web", "/text", uiSays, 3000}}
	if len(images) != len(want) {
		return fmt.Errorf("build-all built %d images, want 3", len(images))
	}
	for i, w := range want {
		title, err := images[i].Label(ctx, "org.opencontainers.image.title")
		if err != nil {
			return err
		}
		if title != w.title {
			return fmt.Errorf("image %d is %q, want %q", i, title, w.title)
		}
		got, err := probe(ctx, &images[i], w.port, request{Path: w.path})
		if err != nil {
			return fmt.Errorf("%s: %w", w.title, err)
		}
		if err := expectResponse(got[0], 200, w.body, nil); err != nil {
			return fmt.Errorf("%s: %w", w.title, err)
		}
	}
	return nil
}
