package main

import (
	"context"
	"fmt"

	"dagger/tests/internal/dagger"
)

// badInput is a broken variant of the monorepo fixture and the words its
// error must contain: the file and the problem.
type badInput struct {
	name    string
	app     string
	corrupt func(*dagger.Directory) *dagger.Directory
	want    []string
}

var badInputs = []badInput{
	{"invalid package.json", "app1", func(d *dagger.Directory) *dagger.Directory {
		return d.WithNewFile("packages/app1/package.json", "{ \"name\": \"app1\",, }")
	}, []string{"packages/app1/package.json", "JSON"}},
	{"invalid pnpm-workspace.yaml", "app1", func(d *dagger.Directory) *dagger.Directory {
		return d.WithNewFile("pnpm-workspace.yaml", "packages:\n  - 'packages/*'\n - bad: [\n")
	}, []string{"pnpm-workspace.yaml:2:", "invalid YAML"}},
	{"missing lockfile", "app1", func(d *dagger.Directory) *dagger.Directory {
		return d.WithoutFile("pnpm-lock.yaml")
	}, []string{"pnpm-lock.yaml", "pnpm install"}},
	{"unknown app", "nope", func(d *dagger.Directory) *dagger.Directory { return d },
		[]string{"nope", "app1", "app2"}},
	{"glob escaping the root", "app1", func(d *dagger.Directory) *dagger.Directory {
		return d.WithNewFile("pnpm-workspace.yaml", "packages:\n  - '../outside/*'\n")
	}, []string{"pnpm-workspace.yaml", "../outside/*"}},
	{"packageManager is not pnpm", "app1", func(d *dagger.Directory) *dagger.Directory {
		return d.WithNewFile("package.json", `{"name":"monorepo","private":true,"packageManager":"yarn@4.0.0"}`)
	}, []string{"package.json", "yarn"}},
	{"workspace dependency missing from the workspace", "app1", func(d *dagger.Directory) *dagger.Directory {
		return d.WithNewFile("packages/app1/package.json",
			`{"name":"app1","scripts":{"start":"node dist/index.js"},"dependencies":{"ghost":"workspace:*"}}`)
	}, []string{"packages/app1/package.json", "ghost"}},
	{"dependency cycle", "app1", func(d *dagger.Directory) *dagger.Directory {
		return d.WithNewFile("packages/common/package.json",
			`{"name":"common","version":"1.0.0","dependencies":{"app1":"workspace:*"}}`)
	}, []string{"cycle", "app1", "common"}},
	{"node version conflict", "app1", func(d *dagger.Directory) *dagger.Directory {
		return d.WithNewFile("package.json",
			`{"name":"monorepo","private":true,"packageManager":"pnpm@11.0.0","engines":{"node":"<22"},"devDependencies":{"typescript":"5.9.3"}}`)
	}, []string{"engines.node", "pnpm"}},
	{"a failing build, with the stage, the app and tsc's own error", "app1", func(d *dagger.Directory) *dagger.Directory {
		return d.WithNewFile("packages/app1/src/index.ts", "const port: number = \"not a number\";\n")
	}, []string{`app "app1": the build and deploy stage failed`, "error TS2322"}},
	{"a start script that runs pnpm, which no image has", "app1", func(d *dagger.Directory) *dagger.Directory {
		return d.WithNewFile("packages/app1/package.json", `{"name":"app1","version":"1.0.0","files":["dist"],
"scripts":{"build":"tsc -p .","start":"pnpm serve","serve":"node dist/index.js"},
"dependencies":{"common":"workspace:*","ms":"2.1.3"},
"devDependencies":{"@types/ms":"2.1.0","@types/node":"20.19.43","typescript":"5.9.3"}}`)
	}, []string{"packages/app1/package.json:2:", `start script "pnpm serve"`, "runs pnpm, which the image does not have",
		`"start": "node dist/index.js"`}},
	{"a postinstall that needs a devDependency, which pnpm deploy runs without them", "app1", func(d *dagger.Directory) *dagger.Directory {
		return d.WithNewFile("packages/app1/package.json", `{"name":"app1","version":"1.0.0","files":["dist"],
"scripts":{"build":"tsc -p .","start":"node dist/index.js","postinstall":"tsc --version"},
"dependencies":{"common":"workspace:*","ms":"2.1.3"},
"devDependencies":{"@types/ms":"2.1.0","@types/node":"20.19.43","typescript":"5.9.3"}}`)
	}, []string{"packages/app1/package.json:2:", `postinstall script "tsc --version" runs tsc from typescript`, "pnpm deploy --prod runs it",
		"fix: add typescript to the dependencies in packages/app1/package.json, or remove the postinstall script"}},
	{"a build whose deferred install script of common fails, before app1's prepare (both run once the sources are in)", "app1", func(d *dagger.Directory) *dagger.Directory {
		return d.WithNewFile("packages/common/package.json", `{"name":"common","version":"1.0.0","main":"dist/index.js","files":["dist"],
"scripts":{"build":"tsc -p .","install":"node -e \"console.error('install-broke'); process.exit(3)\""},"devDependencies":{"typescript":"5.9.3"}}`).
			WithNewFile("packages/app1/package.json", `{"name":"app1","version":"1.0.0","files":["dist"],
"scripts":{"build":"tsc -p .","start":"node dist/index.js","prepare":"echo prepared"},
"dependencies":{"common":"workspace:*","ms":"2.1.3"},
"devDependencies":{"@types/ms":"2.1.0","@types/node":"20.19.43","typescript":"5.9.3"}}`)
	}, []string{`app "app1"`, "install-broke"}},
	{"app without a start script", "common", func(d *dagger.Directory) *dagger.Directory { return d },
		[]string{"common", "start"}},
}

func (t *Tests) badInputCases() []testCase {
	var cases []testCase
	for _, b := range badInputs {
		cases = append(cases, testCase{
			name: "rejects " + b.name,
			run: func(ctx context.Context) error {
				src := b.corrupt(t.fixture("monorepo"))
				_, err := dag.Pnpm().Build(dagger.PnpmBuildOpts{Src: src, App: b.app}).Sync(ctx)
				if err == nil {
					return fmt.Errorf("build succeeded, want an error naming %q", b.want)
				}
				return expectContains("error", err.Error(), b.want...)
			},
		})
	}
	cases = append(cases, testCase{
		name: "rejects smoke-test of an app with no port before any container runs",
		run: func(ctx context.Context) error {
			src := t.fixture("monorepo").WithNewFile("packages/app1/package.json",
				`{"name":"app1","version":"1.0.0","scripts":{"start":"node dist/index.js"},"dependencies":{"common":"workspace:*","ms":"2.1.3"},
"devDependencies":{"@types/ms":"2.1.0","@types/node":"20.19.43","typescript":"5.9.3"}}`)
			err := dag.Pnpm(dagger.PnpmOpts{BaseImage: noSuchImage}).SmokeTest(ctx, dagger.PnpmSmokeTestOpts{Src: src, App: "app1"})
			if err == nil {
				return fmt.Errorf("smoke-test succeeded without a port")
			}
			return expectContains("error", err.Error(), `app "app1" has no port`, "pass --port or set config.port in packages/app1/package.json")
		},
	})
	// An unknown --runtime is refused by the CLI (Runtime is an enum):
	// hack/cache-test checks it, as the Go SDK cannot send such a value.
	return cases
}
