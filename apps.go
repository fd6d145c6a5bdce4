package main

import (
	"context"
	"fmt"
	"strings"

	"dagger/pnpm/internal/dagger"
	"dagger/pnpm/internal/workspace"
)

// App is one buildable app of the workspace, as the module will build it.
type App struct {
	// Package name from package.json.
	Name string
	// Package directory, relative to the workspace root.
	Dir string
	// Package version from package.json.
	Version string
	// What the image runs: "node" (the start script), "next" (a Next.js
	// app: its standalone server, else `next start`), "nuxt" (Nitro's
	// .output/server/index.mjs) or "static" (the build's files, served by
	// Caddy).
	Kind string
	// Whether a Next.js app is built with output: 'standalone' (its image
	// then runs server.js, without pnpm or the next CLI).
	NextStandalone bool
	// Port the image exposes; 0 when neither --port nor config.port says
	// (static sites: 8080).
	Port int
	// Where the port comes from: config.port, start script, next default,
	// nitro default, static default, or "".
	PortSource string
	// Image entrypoint derived from the start script.
	Entrypoint []string
	// Why the start script could not become a plain node entrypoint, if so.
	EntrypointNote string
	// The directory a static site's image serves, relative to the
	// workspace root ("" unless static).
	StaticDir string
	// Advice that is not an error, e.g. how to get a smaller Next.js image.
	Hint string
	// Why the app's start script cannot work in the image ("" when it can):
	// building the app fails with this before any container runs.
	StartProblem string
	// Directories of the workspace packages the app needs, itself included.
	Closure []string
	// Node.js major the app is built and run with.
	NodeMajor int
	// Where the Node.js major comes from (e.g. package.json engines.node).
	NodeSource string
	// pnpm version installed for the build (exact, a major or a range).
	PnpmVersion string
	// Where the pnpm version comes from (e.g. package.json packageManager).
	PnpmSource string
	// One line describing the app: `dagger call apps --src . summary`.
	Summary string
}

// summaryLine is the Summary field: one line with what the module will
// build and run. A field set by apps, not a function: a function would
// start a container per app to format a string (3 apps: 3.1 s -> 1.25 s
// for `apps summary`).
func (a *App) summaryLine(model *workspace.App) string {
	port := "no port"
	if a.Port != 0 {
		port = fmt.Sprintf("port %d", a.Port)
	}
	kind := a.Kind
	if a.NextStandalone {
		kind += " standalone"
	}
	if a.StaticDir != "" && model.StaticBase != "" {
		kind += " (serves " + a.StaticDir + " under " + model.StaticBase + "/)"
	} else if a.StaticDir != "" {
		kind += " (serves " + a.StaticDir + ")"
	}
	line := fmt.Sprintf("%s (%s): %s, %s, node %d, pnpm %s, runs %q",
		a.Name, a.Dir, kind, port, a.NodeMajor, a.PnpmVersion, strings.Join(a.Entrypoint, " "))
	for _, v := range model.Env {
		line += fmt.Sprintf(" with %s=%s", v.Name, v.Value) // what the server needs in a container
	}
	if a.StartProblem != "" {
		line += "; cannot be built: " + a.StartProblem
	}
	return line
}

// List the apps of the workspace: every package with a start script, Next.js
// app or static site, with its kind, port, entrypoint, workspace closure,
// and the Node and pnpm versions the module would build it with. An app
// whose start script cannot work in an image is listed with the problem.
func (m *Pnpm) Apps(
	ctx context.Context,
	// Workspace root (the directory holding pnpm-lock.yaml).
	// +defaultPath="/"
	// +ignore=["**/node_modules", "**/dist", "**/.git", "**/.turbo", "**/.next", "**/coverage"]
	src *dagger.Directory,
) ([]*App, error) {
	ws, err := m.load(ctx, src, false)
	if err != nil {
		return nil, err
	}
	apps, err := ws.model.Apps()
	if err != nil {
		return nil, err
	}
	out := make([]*App, 0, len(apps))
	for _, a := range apps {
		out = append(out, ws.describe(a))
	}
	return out, nil
}

// describe turns an app of the model into the module's App type.
func (ws *loaded) describe(a *workspace.App) *App {
	port, source := appPort(a)
	problem := ""
	if err := a.Check(); err != nil {
		problem = err.Error()
	}
	app := &App{
		Name:           a.Name,
		Dir:            a.Dir,
		Version:        a.Version,
		Kind:           string(a.Kind),
		NextStandalone: a.NextStandalone,
		Port:           port,
		PortSource:     source,
		Entrypoint:     command(a),
		EntrypointNote: a.EntrypointProblem,
		StaticDir:      a.StaticPath(),
		Hint:           a.Hint,
		StartProblem:   problem,
		Closure:        a.ClosureDirs(),
		NodeMajor:      ws.versions.Node.Major,
		NodeSource:     ws.versions.Node.Source,
		PnpmVersion:    ws.versions.Pnpm.Spec,
		PnpmSource:     ws.versions.Pnpm.Source,
	}
	app.Summary = app.summaryLine(a)
	return app
}

// appPort is the port the app's image listens on and where that comes
// from: the model's, or the file server's for a static site without one.
func appPort(a *workspace.App) (int, string) {
	if a.Kind == workspace.KindStatic && a.Port == 0 {
		return staticPort, "static default"
	}
	return a.Port, a.PortSource
}
