package main

import (
	"context"
	"fmt"
	"strings"

	"dagger/tests/internal/dagger"
)

// Astro with @astrojs/node in standalone mode (testdata/astro's site, no
// start script): the image runs the server the build writes, reachable
// from another container because the image sets HOST=0.0.0.0 (the server
// listens on localhost otherwise).

func (t *Tests) astroCases() []testCase {
	return []testCase{
		{"astro/site (@astrojs/node standalone, no start script) runs dist/server/entry.mjs, answers /text and renders / from another container", t.astroServer},
	}
}

func (t *Tests) astroServer(ctx context.Context) error {
	image := dag.Pnpm().Build(dagger.PnpmBuildOpts{Src: t.fixture("astro"), App: "site"})
	got, err := probe(ctx, image, 4321, request{Path: "/text"}, request{Path: "/"}, request{Path: "/robots.txt"})
	if err != nil {
		return err
	}
	if err := expectResponse(got[0], 200, "server says: hello from @as/greeting", nil); err != nil {
		return err
	}
	if err := expectResponse(got[1], 200, "astro says: hello from @as/greeting at /", nil); err != nil {
		return err
	}
	if err := expectResponse(got[2], 200, "User-agent: *", nil); err != nil {
		return err
	}
	args, err := image.DefaultArgs(ctx)
	if err != nil {
		return err
	}
	if strings.Join(args, " ") != "node dist/server/entry.mjs" {
		return fmt.Errorf("command %q, want node dist/server/entry.mjs", args)
	}
	apps, err := dag.Pnpm().Apps(ctx, dagger.PnpmAppsOpts{Src: t.fixture("astro")})
	if err != nil || len(apps) != 1 {
		return fmt.Errorf("apps: %d, %v", len(apps), err)
	}
	summary, err := apps[0].Summary(ctx)
	if err != nil {
		return err
	}
	return expectContains("apps summary", summary, `site (apps/site): node, port 4321, node 26, pnpm 10.34.9, runs "node dist/server/entry.mjs" with HOST=0.0.0.0`)
}
