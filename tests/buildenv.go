package main

import (
	"context"
	"fmt"

	"dagger/tests/internal/dagger"
)

// The build environment (the constructor's buildEnv): what a bundler
// inlines at build time, which must never reach the image.

func (t *Tests) buildEnvCases() []testCase {
	return []testCase{
		{"vite-spa/spa: --build-env reaches the bundler (a VITE_* value in the served JavaScript), not the image", t.buildEnvInlined},
		{"rejects --build-env entries that are not NAME=value or set the build step's own variables, before any container runs", t.buildEnvRejected},
	}
}

func (t *Tests) buildEnvInlined(ctx context.Context) error {
	const value = "greeting-from-build-env-7f3a"
	main := t.fixture("vite-spa").File("apps/spa/src/main.ts")
	text, err := main.Contents(ctx)
	if err != nil {
		return err
	}
	src := t.fixture("vite-spa").WithNewFile("apps/spa/src/main.ts",
		"document.title = import.meta.env.VITE_GREETING;\n"+text)
	image := dag.Pnpm(dagger.PnpmOpts{BuildEnv: []string{"VITE_GREETING=" + value}}).
		Build(dagger.PnpmBuildOpts{Src: src, App: "spa"})
	got, err := probe(ctx, image, 8080, request{Path: "/"})
	if err != nil {
		return err
	}
	script, err := servedScript(ctx, image, got[0])
	if err != nil {
		return err
	}
	if err := expectResponse(script, 200, value, nil); err != nil {
		return err
	}
	if env, err := image.EnvVariable(ctx, "VITE_GREETING"); err != nil || env != "" {
		return fmt.Errorf("the image's environment holds VITE_GREETING=%q (%v)", env, err)
	}
	return nil
}

func (t *Tests) buildEnvRejected(ctx context.Context) error {
	for _, c := range []struct {
		entry string
		want  []string
	}{
		{"VITE_GREETING", []string{`"VITE_GREETING" is not NAME=value`, "fix: write it as NAME=value"}},
		{"npm_config_store_dir=/tmp", []string{"npm_config_* variables are the build step's own", "fix: remove it from --build-env"}},
	} {
		_, err := dag.Pnpm(dagger.PnpmOpts{BuildEnv: []string{c.entry}}).
			Build(dagger.PnpmBuildOpts{Src: t.fixture("monorepo"), App: "app1"}).Sync(ctx)
		if err == nil {
			return fmt.Errorf("--build-env %s: the build succeeded", c.entry)
		}
		if err := expectContains("error", err.Error(), c.want...); err != nil {
			return err
		}
	}
	return nil
}
