// CI for a pnpm monorepo, written as your own Dagger module would be.
//
// This module installs the pnpm module as a dependency (`dagger install
// github.com/OWNER/pnpm`; here `dagger install ../..`) and calls it through
// dag.Pnpm(). It builds an app of the workspace into its production image and
// checks that the image answers HTTP, the two things a pull request should
// prove before anything is published.
//
// In your own repository, put this module in .dagger/ (or ci/) and point the
// default path of src at your workspace root ("/"); here it points at the
// monorepo fixture of this repository.
package main

import (
	"context"
	"fmt"
	"strings"

	"dagger/ci/internal/dagger"
)

// Ci builds and checks the apps of a pnpm workspace.
type Ci struct {
	// Node.js version every image is built with; empty: the workspace's own.
	NodeVersion string
}

// New sets what every build shares. Options left out fall back to what the
// workspace itself asks for (engines.node, .nvmrc, packageManager).
func New(
	// Node.js version to build and run with, e.g. "22".
	// +optional
	nodeVersion string,
) *Ci {
	return &Ci{NodeVersion: nodeVersion}
}

// Image returns the production image of one app, ready to `export`,
// `publish` or run with `as-service up`.
func (m *Ci) Image(
	// The pnpm workspace (the directory holding pnpm-lock.yaml).
	// +defaultPath="../../testdata/monorepo"
	// +ignore=["**/node_modules", "**/dist", "**/.git"]
	src *dagger.Directory,
	// App to build (its package name).
	// +default="app1"
	app string,
) *dagger.Container {
	return m.pnpm().Build(dagger.PnpmBuildOpts{Src: src, App: app})
}

// Check builds one app's image and smoke-tests it (the image must answer
// HTTP on its port), then reports what was checked. It fails with the
// build's or the app's own output when either step fails.
func (m *Ci) Check(
	ctx context.Context,
	// The pnpm workspace (the directory holding pnpm-lock.yaml).
	// +defaultPath="../../testdata/monorepo"
	// +ignore=["**/node_modules", "**/dist", "**/.git"]
	src *dagger.Directory,
	// App to build and test (its package name).
	// +default="app1"
	app string,
) (string, error) {
	summary, err := m.summary(ctx, src, app)
	if err != nil {
		return "", err
	}
	image := m.Image(src, app)
	user, err := image.User(ctx)
	if err != nil {
		return "", err
	}
	cmd, err := image.DefaultArgs(ctx)
	if err != nil {
		return "", err
	}
	// SmokeTest builds the same image again: every stage is a cache hit.
	if err := m.pnpm().SmokeTest(ctx, dagger.PnpmSmokeTestOpts{Src: src, App: app}); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s\nimage: runs %q as user %s\nsmoke test: passed (GET / answered 2xx)\n",
		summary, strings.Join(cmd, " "), user), nil
}

// summary is the pnpm module's one-line description of the app, or an error
// naming the apps the workspace does have.
func (m *Ci) summary(ctx context.Context, src *dagger.Directory, app string) (string, error) {
	apps, err := m.pnpm().Apps(ctx, dagger.PnpmAppsOpts{Src: src})
	if err != nil {
		return "", err
	}
	var names []string
	for _, a := range apps {
		name, err := a.Name(ctx)
		if err != nil {
			return "", err
		}
		if name == app {
			return a.Summary(ctx)
		}
		names = append(names, name)
	}
	return "", fmt.Errorf("no app %q in the workspace (apps: %s)", app, strings.Join(names, ", "))
}

// pnpm is the pnpm module, configured once for every function.
func (m *Ci) pnpm() *dagger.Pnpm {
	return dag.Pnpm(dagger.PnpmOpts{NodeVersion: m.NodeVersion})
}
