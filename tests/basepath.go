package main

import (
	"context"
	"fmt"
	"regexp"

	"dagger/tests/internal/dagger"
)

// A static site built for a base path (vite-spa with base: '/app/') is
// served under it: its pages and assets at /app/, deep links under /app/
// answered with the app, / redirected to /app/.

func (t *Tests) basePathCases() []testCase {
	return []testCase{
		{"vite-spa built with base '/app/' is served under /app/: the page and its script load, a deep link renders in Chromium, / redirects", t.basePath},
	}
}

var basedAsset = regexp.MustCompile(`/app/assets/index-[A-Za-z0-9_-]+\.js`)

func (t *Tests) basePath(ctx context.Context) error {
	src := t.fixture("vite-spa").WithNewFile("apps/spa/vite.config.ts",
		"import { defineConfig } from \"vite\";\n\nexport default defineConfig({\n  base: \"/app/\",\n  build: {\n    outDir: \"dist\",\n  },\n});\n")
	image := dag.Pnpm().Build(dagger.PnpmBuildOpts{Src: src, App: "spa"})
	got, err := probe(ctx, image, 8080, request{Path: "/app/"}, request{Path: "/app/settings/profile"}, request{Path: "/"})
	if err != nil {
		return err
	}
	for _, r := range got[:2] {
		if err := expectResponse(r, 200, `<p id="route"></p>`, map[string]string{"cache-control": noCache}); err != nil {
			return err
		}
	}
	if err := expectResponse(got[2], 302, "", map[string]string{"location": "/app/"}); err != nil {
		return err
	}
	asset := basedAsset.FindString(got[0].Body)
	if asset == "" {
		return fmt.Errorf("index.html names no /app/assets/index-<hash>.js: %q", got[0].Body)
	}
	script, err := probe(ctx, image, 8080, request{Path: asset})
	if err != nil {
		return err
	}
	if err := expectResponse(script[0], 200, "hello from @vs/greeting", map[string]string{"cache-control": immutable}); err != nil {
		return err
	}
	dom, err := domIn(ctx, image, "/app/settings/profile")
	if err != nil {
		return err
	}
	if err := expectContains("DOM of /app/settings/profile", dom, "route: /app/settings/profile", "spa: hello from @vs/greeting"); err != nil {
		return err
	}
	apps, err := dag.Pnpm().Apps(ctx, dagger.PnpmAppsOpts{Src: src})
	if err != nil {
		return err
	}
	summary, err := apps[0].Summary(ctx)
	if err != nil {
		return err
	}
	return expectContains("apps summary", summary, "spa (apps/spa): static (serves apps/spa/dist under /app/), port 8080")
}
