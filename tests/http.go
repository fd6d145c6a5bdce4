package main

import (
	"cmp"
	"context"
	"fmt"

	"dagger/tests/internal/dagger"
)

// httpCheck is a fixture app whose image must answer GET / on its port.
type httpCheck struct {
	fixture, app string
	port         int
	want         []string
	opts         dagger.PnpmOpts
}

// httpChecks: the seed's two examples and one workspace per pnpm major.
var httpChecks = []httpCheck{
	{fixture: "single", port: 8000, want: []string{"single: 2 days"}},
	{fixture: "monorepo", app: "app1", port: 8000, want: []string{"app1 common-v1", "1 minute"}},
	{fixture: "monorepo", app: "app2", port: 8001, want: []string{"app2 common-v1", "hello-world"}},
	{fixture: "monorepo", app: "app1", port: 8000, want: []string{"app1 common-v1", "1 minute"}, opts: dagger.PnpmOpts{Runtime: dagger.PnpmRuntimeMinimal}},
	{fixture: "pnpm9", app: "app", port: 8000, want: []string{"app common-pnpm9 1s"}},
	{fixture: "pnpm10", app: "app", port: 8000, want: []string{"app common-pnpm10 1s"}},
	{fixture: "pnpm11", app: "app", port: 8000, want: []string{"app common-pnpm11 1s"}},
	{fixture: "pnpm12", app: "app", port: 8000, want: []string{"app common-pnpm12 1s"}},
}

func (t *Tests) httpCases() []testCase {
	var cases []testCase
	for _, c := range httpChecks {
		cases = append(cases, testCase{
			name: fmt.Sprintf("%s/%s answers HTTP (%s runtime)", c.fixture, c.app, cmp.Or(c.opts.Runtime, "slim")),
			run: func(ctx context.Context) error {
				image := dag.Pnpm(c.opts).Build(dagger.PnpmBuildOpts{Src: t.fixture(c.fixture), App: c.app})
				body, err := get(ctx, image, c.port)
				if err != nil {
					return err
				}
				return expectContains("response", body, c.want...)
			},
		})
	}
	return cases
}
