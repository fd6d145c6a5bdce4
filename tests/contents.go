package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"dagger/tests/internal/dagger"
)

// emptyFinds are shell commands that must print nothing in app1's image,
// each with the rule it checks.
var emptyFinds = []struct{ rule, cmd string }{
	{"no devDependencies (typescript, @types)", "find / -xdev \\( -path '*/node_modules/typescript' -o -path '*/node_modules/@types' \\) -print"},
	{"no pnpm store or pnpm", "ls -d /pnpm /root/.local/share/pnpm /app/node_modules/.pnpm-store 2>/dev/null; command -v pnpm"},
	{"no sources of other apps", "find / -xdev \\( -name app2 -o -name 'app2*' \\) -not -path '/proc/*' -print"},
	{"no TypeScript sources or tests", "find /app -not -path '*/node_modules/*' \\( -name '*.ts' -o -name '*.test.*' \\) -not -name '*.d.ts' -print"},
	{"no .env files", "find /app -name '.env*' -print"},
	{"no .npmrc", "find /app -name .npmrc -print"},
	{"no symlink out of /app", "find /app -type l | while read -r l; do t=$(readlink -f \"$l\"); case \"$t\" in /app/*) ;; *) echo \"$l -> $t\";; esac; done"},
}

func (t *Tests) contentCases() []testCase {
	image := func() *dagger.Container {
		return dag.Pnpm().Build(dagger.PnpmBuildOpts{Src: t.fixture("monorepo"), App: "app1"})
	}
	cases := []testCase{}
	for _, f := range emptyFinds {
		cases = append(cases, testCase{
			name: "app1 image: " + f.rule,
			run: func(ctx context.Context) error {
				out, err := image().WithExec([]string{"sh", "-c", f.cmd}, dagger.ContainerWithExecOpts{Expect: dagger.ReturnTypeAny}).Stdout(ctx)
				if err != nil {
					return err
				}
				if strings.TrimSpace(out) != "" {
					return fmt.Errorf("found:\n%s", out)
				}
				return nil
			},
		})
	}
	return append(cases,
		testCase{"minimal runtime: node only, no shell, not root", func(ctx context.Context) error {
			image := dag.Pnpm(dagger.PnpmOpts{Runtime: dagger.PnpmRuntimeMinimal}).Build(dagger.PnpmBuildOpts{Src: t.fixture("monorepo"), App: "app1"})
			if _, err := image.WithExec([]string{"/bin/sh", "-c", "true"}).Sync(ctx); err == nil {
				return fmt.Errorf("/bin/sh ran in the minimal image")
			}
			out, err := image.WithExec([]string{"node", "-p", "process.getuid() + ' ' + require('fs').readdirSync('/').join(',')"}).Stdout(ctx)
			if err != nil {
				return err
			}
			uid, root, _ := strings.Cut(strings.TrimSpace(out), " ")
			entries := strings.Split(root, ",")
			if uid != "1000" || !slices.Contains(entries, "app") || slices.Contains(entries, "bin") || slices.Contains(entries, "var") {
				return fmt.Errorf("want uid 1000, /app and no /bin or /var; got uid %s and / = %s", uid, root)
			}
			return nil
		}},
		testCase{"app1 image: runtime settings", func(ctx context.Context) error { return checkRuntime(ctx, image()) }},
		testCase{"app1 image: built output and common are present", func(ctx context.Context) error {
			out, err := image().WithExec([]string{"node", "-p", "require.resolve('common') + ' ' + require('fs').existsSync('dist/index.js')"}).Stdout(ctx)
			if err != nil {
				return err
			}
			return expectContains("common resolution", out, "/app/node_modules/", "common/dist/index.js", "true")
		}},
	)
}

// checkRuntime asserts the image's user, environment, port, command and labels.
func checkRuntime(ctx context.Context, image *dagger.Container) error {
	uid, err := image.WithExec([]string{"id", "-u"}).Stdout(ctx)
	if err != nil {
		return err
	}
	if strings.TrimSpace(uid) != "1000" {
		return fmt.Errorf("runs as uid %q, want 1000 (node)", strings.TrimSpace(uid))
	}
	checks := map[string]func() (string, error){
		"NODE_ENV": func() (string, error) { return image.EnvVariable(ctx, "NODE_ENV") },
		"title":    func() (string, error) { return image.Label(ctx, "org.opencontainers.image.title") },
		"version":  func() (string, error) { return image.Label(ctx, "org.opencontainers.image.version") },
		"source":   func() (string, error) { return image.Label(ctx, "org.opencontainers.image.source") },
		"command": func() (string, error) {
			args, err := image.DefaultArgs(ctx)
			return strings.Join(args, " "), err
		},
	}
	want := map[string]string{"NODE_ENV": "production", "title": "app1", "version": "1.0.0", "source": "https://github.com/example/monorepo.git", "command": "node dist/index.js"}
	for name, get := range checks {
		got, err := get()
		if err != nil {
			return err
		}
		if got != want[name] {
			return fmt.Errorf("%s = %q, want %q", name, got, want[name])
		}
	}
	ports, err := image.ExposedPorts(ctx)
	if err != nil {
		return err
	}
	var numbers []int
	for _, p := range ports {
		n, err := p.Port(ctx)
		if err != nil {
			return err
		}
		numbers = append(numbers, n)
	}
	if !slices.Equal(numbers, []int{8000}) {
		return fmt.Errorf("exposed ports %v, want [8000]", numbers)
	}
	return nil
}
