package main

import (
	"context"
	"fmt"
	"strings"

	"dagger/tests/internal/dagger"
)

// React Router's SPA mode (ssr: false): a static site whose "/" is
// prerendered, so that every other path needs the shell the build writes
// as __spa-fallback.html, not index.html.

func (t *Tests) spaModeCases() []testCase {
	return []testCase{
		{"react-router-spa/web (ssr: false) is a static site: / is the prerendered page, /about the SPA fallback, rendered by Chromium", t.spaMode},
	}
}

func (t *Tests) spaMode(ctx context.Context) error {
	image := dag.Pnpm().Build(dagger.PnpmBuildOpts{Src: t.fixture("react-router-spa"), App: "web"})
	got, err := probe(ctx, image, 8080, request{Path: "/"}, request{Path: "/about"})
	if err != nil {
		return err
	}
	if err := expectResponse(got[0], 200, "home rendered at build time", map[string]string{"cache-control": noCache}); err != nil {
		return err
	}
	if err := expectResponse(got[1], 200, "react-router-spa loading", map[string]string{"cache-control": noCache}); err != nil {
		return err
	}
	if strings.Contains(got[1].Body, "home rendered at build time") {
		return fmt.Errorf("GET /about answered the prerendered home page, not the SPA fallback")
	}
	dom, err := domIn(ctx, image, "/about")
	if err != nil {
		return err
	}
	return expectContains("DOM of /about", dom, "about rendered in the browser")
}
