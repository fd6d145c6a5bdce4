package main

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"dagger/tests/internal/dagger"
)

// SvelteKit: the adapter decides. shop (SvelteKit 3, adapter-node in
// vite.config.js, no start script) is a node server the image starts with
// `node build`; blog (SvelteKit 2, adapter-static with fallback: '200.html'
// in svelte.config.js) is a static site whose unprerendered paths get
// 200.html.

func (t *Tests) svelteKitCases() []testCase {
	return []testCase{
		{"sveltekit/shop (adapter-node, no start script) runs node build: answers /text with a dependency and a workspace package, renders /, ships no .svelte-kit", t.svelteKitNode},
		{"sveltekit/blog (adapter-static, fallback 200.html) serves / prerendered, /about from 200.html rendered by Chromium, /_app/immutable/ cached a year", t.svelteKitStatic},
	}
}

func (t *Tests) svelteKitImage(app string) *dagger.Container {
	return dag.Pnpm().Build(dagger.PnpmBuildOpts{Src: t.fixture("sveltekit"), App: app})
}

func (t *Tests) svelteKitNode(ctx context.Context) error {
	image := t.svelteKitImage("shop")
	got, err := probe(ctx, image, 3000, request{Path: "/text"}, request{Path: "/"})
	if err != nil {
		return err
	}
	if err := expectResponse(got[0], 200, "node says: hello from @sk/greeting 1m", nil); err != nil {
		return err
	}
	if err := expectResponse(got[1], 200, "shop says: hello from @sk/greeting", nil); err != nil {
		return err
	}
	args, err := image.DefaultArgs(ctx)
	if err != nil {
		return err
	}
	if strings.Join(args, " ") != "node build" {
		return fmt.Errorf("command %q, want node build", args)
	}
	// The build's output is there; SvelteKit's .svelte-kit (generated
	// types, intermediate output) is not.
	out, err := image.WithExec([]string{"sh", "-c", "ls -A /app"}).Stdout(ctx)
	if err != nil {
		return err
	}
	if files := strings.Fields(out); !slices.Contains(files, "build") || slices.Contains(files, ".svelte-kit") {
		return fmt.Errorf("/app holds %q; want build and no .svelte-kit", files)
	}
	return nil
}

var svelteKitChunk = regexp.MustCompile(`/_app/immutable/chunks/[^"]+\.js`)

func (t *Tests) svelteKitStatic(ctx context.Context) error {
	image := t.svelteKitImage("blog")
	got, err := probe(ctx, image, 8080, request{Path: "/"}, request{Path: "/about"})
	if err != nil {
		return err
	}
	if err := expectResponse(got[0], 200, "home rendered at build time", map[string]string{"cache-control": noCache}); err != nil {
		return err
	}
	if err := expectResponse(got[1], 200, "kit.start(app, element)", map[string]string{"cache-control": noCache}); err != nil {
		return err
	}
	if strings.Contains(got[1].Body, "home rendered at build time") {
		return fmt.Errorf("GET /about answered the prerendered home page, not 200.html")
	}
	chunk := svelteKitChunk.FindString(got[1].Body)
	if chunk == "" {
		return fmt.Errorf("200.html names no /_app/immutable/chunks/ file: %.300q", got[1].Body)
	}
	asset, err := probe(ctx, image, 8080, request{Path: chunk})
	if err != nil {
		return err
	}
	if err := expectResponse(asset[0], 200, "", map[string]string{"cache-control": immutable}); err != nil {
		return err
	}
	dom, err := domIn(ctx, image, "/about")
	if err != nil {
		return err
	}
	return expectContains("DOM of /about", dom, "about rendered in the browser: hello from @sk/greeting")
}
