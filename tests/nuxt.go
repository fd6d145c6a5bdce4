package main

import (
	"context"
	"fmt"
	"strings"

	"dagger/tests/internal/dagger"
)

// Nuxt (the nuxt kind): the image is Nitro's .output alone, which holds
// the server and the dependencies Nitro traced.

const nitroSays = "nitro says: hello from @nx/greeting"

func (t *Tests) nuxtCases() []testCase {
	return []testCase{
		{"nuxt/web (create-nuxt's scripts, no start script) answers /text and renders / from Nitro's .output alone, as uid 1000", t.nuxtAnswers},
		{"nuxt/web answers on the minimal runtime", t.nuxtMinimal},
	}
}

func (t *Tests) nuxtImage(opts dagger.PnpmOpts) *dagger.Container {
	return dag.Pnpm(opts).Build(dagger.PnpmBuildOpts{Src: t.fixture("nuxt"), App: "web"})
}

func (t *Tests) nuxtAnswers(ctx context.Context) error {
	image := t.nuxtImage(dagger.PnpmOpts{})
	got, err := probe(ctx, image, 3000, request{Path: "/text"}, request{Path: "/"})
	if err != nil {
		return err
	}
	if err := expectResponse(got[0], 200, nitroSays, nil); err != nil {
		return err
	}
	if err := expectResponse(got[1], 200, "web says: hello from @nx/greeting", nil); err != nil {
		return err
	}
	// What /app holds: .output and nothing else (no deploy, no
	// node_modules of the package); the user the app runs as.
	out, err := image.WithExec([]string{"sh", "-c", "ls -A /app; id -u; test -f /app/.output/server/index.mjs && echo server"}).Stdout(ctx)
	if err != nil {
		return err
	}
	if got := strings.Fields(out); strings.Join(got, " ") != ".output 1000 server" {
		return fmt.Errorf("/app holds, user, server: %q; want .output alone, 1000 and the server", got)
	}
	args, err := image.DefaultArgs(ctx)
	if err != nil {
		return err
	}
	if strings.Join(args, " ") != "node .output/server/index.mjs" {
		return fmt.Errorf("command %q, want node .output/server/index.mjs", args)
	}
	return nil
}

func (t *Tests) nuxtMinimal(ctx context.Context) error {
	got, err := probe(ctx, t.nuxtImage(dagger.PnpmOpts{Runtime: dagger.PnpmRuntimeMinimal}), 3000, request{Path: "/text"})
	if err != nil {
		return err
	}
	return expectResponse(got[0], 200, nitroSays, nil)
}
