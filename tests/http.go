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
	// pnpm 10.0 to 10.25 refuse to deploy with injection set on the command
	// line over this lockfile, written without it (stages.go, deployFlags).
	{fixture: "pnpm10", app: "app", port: 8000, want: []string{"app common-pnpm10 1s"}, opts: dagger.PnpmOpts{PnpmVersion: "10.25.0"}},
	{fixture: "pnpm11", app: "app", port: 8000, want: []string{"app common-pnpm11 1s"}},
	{fixture: "pnpm12", app: "app", port: 8000, want: []string{"app common-pnpm12 1s"}},
}

func (t *Tests) httpCases() []testCase {
	var cases []testCase
	for _, c := range httpChecks {
		cases = append(cases, testCase{
			name: fmt.Sprintf("%s/%s answers HTTP (%s runtime%s)", c.fixture, c.app, cmp.Or(c.opts.Runtime, "slim"), pnpmNote(c.opts)),
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
	cases = append(cases, testCase{
		name: "monorepo/app1 answers HTTP when the root tsconfig extends a file of app2, outside app1's closure",
		run: func(ctx context.Context) error {
			fixture := t.fixture("monorepo")
			src := fixture.
				WithFile("packages/app2/tsconfig.base.json", fixture.File("tsconfig.json")).
				WithNewFile("tsconfig.json", `{"extends": "./packages/app2/tsconfig.base.json"}`)
			body, err := get(ctx, dag.Pnpm().Build(dagger.PnpmBuildOpts{Src: src, App: "app1"}), 8000)
			if err != nil {
				return err
			}
			return expectContains("response", body, "app1 common-v1", "1 minute")
		},
	}, testCase{
		// prisma generate's pattern: the install step has the manifests
		// only, so the module runs such scripts in the build step.
		name: "monorepo/app1 answers HTTP when its postinstall reads its sources (prisma/schema.prisma)",
		run: func(ctx context.Context) error {
			src := t.fixture("monorepo").
				WithNewFile("packages/app1/prisma/schema.prisma", "// schema\n").
				WithNewFile("packages/app1/package.json", `{"name":"app1","version":"1.0.0","files":["dist","prisma"],
"scripts":{"build":"tsc -p .","start":"node dist/index.js","postinstall":"node -e \"require('fs').readFileSync('prisma/schema.prisma')\""},
"config":{"port":8000},"dependencies":{"common":"workspace:*","ms":"2.1.3"},
"devDependencies":{"@types/ms":"2.1.0","@types/node":"20.19.43","typescript":"5.9.3"}}`)
			body, err := get(ctx, dag.Pnpm().Build(dagger.PnpmBuildOpts{Src: src, App: "app1"}), 8000)
			if err != nil {
				return err
			}
			return expectContains("response", body, "app1 common-v1")
		},
	}, testCase{
		name: "monorepo/app1 answers HTTP with symlinks in the root: one to a file, one dangling",
		run: func(ctx context.Context) error {
			// AGENTS.md -> CLAUDE.md, and a link whose target ends in a
			// newline, as in a public monorepo whose build then failed
			// with "stat /CLAUDE.md\n: no such file or directory".
			src := t.fixture("monorepo").
				WithNewFile("CLAUDE.md", "notes").
				WithSymlink("./CLAUDE.md", "AGENTS.md").
				WithSymlink("./CLAUDE.md\n", "GEMINI.md")
			body, err := get(ctx, dag.Pnpm().Build(dagger.PnpmBuildOpts{Src: src, App: "app1"}), 8000)
			if err != nil {
				return err
			}
			return expectContains("response", body, "app1 common-v1")
		},
	})
	return cases
}

// pnpmNote names a pnpm version other than the fixture's in a case's name.
func pnpmNote(opts dagger.PnpmOpts) string {
	if opts.PnpmVersion == "" {
		return ""
	}
	return ", pnpm " + opts.PnpmVersion
}
