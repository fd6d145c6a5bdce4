package workspace

import (
	"fmt"
	"sort"
	"strings"
)

// App is a buildable app: a workspace package with a start script, a
// Next.js app with output: 'standalone', or a package that builds a static
// site, plus what the build stages derive from it.
type App struct {
	*Package
	Kind    Kind
	Closure []*Package // the app and every workspace package it needs transitively (deps+devDeps+optionalDeps), topological order, app last

	// Port is the port the app listens on, which the image sets as PORT and
	// exposes: config.port when set, else the start script's --port N,
	// --port=N, -p N, -p=N or leading PORT=N (also behind cross-env), else
	// 3000 for Next.js; 0 when nothing says (static apps: the file server's
	// choice). config.port wins when it and the start script disagree (Hint
	// then says so). It shadows Package.Port, which is config.port alone.
	Port       int
	PortSource string // "config.port", "start script", "next default", or ""

	// Entrypoint is the image's exec-form command, nil when the image runs
	// the start script through sh instead:
	//   - KindNode: the start script when it is exactly `node [flags] <file>`
	//     (["node", "dist/index.js"]), relative to the app's package directory;
	//   - KindNext with NextStandalone: ["node", NextServer], relative to the
	//     standalone directory (NextStandaloneDir), which is what the image
	//     holds; server.js changes to its own directory and reads PORT and
	//     HOSTNAME, so no pnpm and no next CLI are needed;
	//   - KindNext without standalone and KindStatic: nil.
	Entrypoint        []string
	EntrypointProblem string // when Entrypoint is nil: why, so the stage can explain its fallback

	// StartProblem is set when the start script cannot work in the image
	// (it runs pnpm, or its program or a node preload comes only from
	// devDependencies or from the workspace root's package.json), or when a
	// lifecycle script that pnpm deploy runs (postinstall, prepare, ...)
	// would fail in the deploy for the same want of devDependencies. App
	// and AppWith return it as their error; Apps lists the app with it set,
	// so a listing shows every app, and Check returns it for callers that go
	// on to build.
	StartProblem *Error

	// Next.js (KindNext).
	NextStandalone bool   // next.config.* sets output: 'standalone'
	NextServer     string // with NextStandalone: server.js relative to the standalone directory, "apps/web/server.js" ("server.js" for a root app); Next nests the app at its path from the workspace root (the directory of pnpm-lock.yaml)
	NextDistDir    string // Next's build directory relative to the package: ".next" unless next.config sets a literal distDir
	NextConfig     string // workspace-relative next.config.* that was read, "" if none

	// Static sites (KindStatic).
	StaticDir string // the build output to serve, relative to the package directory ("dist")
	Bundler   string // vite, react-scripts, astro, next (output: 'export'), sveltekit (adapter-static); "" when only AppOptions.StaticDir made the package static
	// StaticFallback is the page, relative to StaticDir, that the build
	// wrote for the paths it did not prerender ("200.html", adapter-static's
	// fallback option): the server answers them with it. "" if none.
	StaticFallback string
	// StaticBase is the path the site is built to be served under
	// ("/docs": Vite's base, Astro's base, SvelteKit's paths.base, Next's
	// basePath; not React Router's basename, see detectReactRouter), "" for /.
	StaticBase string

	// ServerFramework names the framework ("SvelteKit", "Astro") whose
	// built server the image runs, "" otherwise; ServerMissing is then the
	// likely cause when the build wrote no such server.
	ServerFramework, ServerMissing string

	// Env is what the image sets for the app's server to work in a
	// container (HOST=0.0.0.0 for Astro's, which listens on localhost
	// otherwise).
	Env []EnvVar

	Hint string // advice that is not an error, e.g. "add output: 'standalone' to apps/web/next.config.mjs for a smaller image"; several are joined by "; "
}

// AppOptions are a caller's overrides for one app.
type AppOptions struct {
	// StaticDir, relative to the package directory, is the build output to
	// serve. It replaces a static app's detected directory, and makes any
	// other package a static app (Bundler as detected, or ""); a start
	// script, such as `vite preview`, is then not used.
	StaticDir string
}

// ClosureDirs returns the Dir of each closure package, sorted: the source
// filter of the app's build.
func (a *App) ClosureDirs() []string { return dirsOf(a.Closure) }

// Check returns StartProblem, as an error, or nil.
func (a *App) Check() error {
	if a.StartProblem == nil {
		return nil
	}
	return a.StartProblem
}

// NextStandaloneDir is the workspace-relative directory the standalone
// build writes ("apps/web/.next/standalone"); "" unless NextStandalone.
// Next leaves two directories out of it that the image must add at
// <standalone>/<Dir>/<NextDistDir>/static and <standalone>/<Dir>/public:
// the package's <NextDistDir>/static and public.
func (a *App) NextStandaloneDir() string {
	if !a.NextStandalone {
		return ""
	}
	return join(a.Dir, join(a.NextDistDir, "standalone"))
}

// StaticPath is the workspace-relative StaticDir ("apps/spa/dist"); "" unless KindStatic.
func (a *App) StaticPath() string {
	if a.Kind != KindStatic {
		return ""
	}
	return join(a.Dir, a.StaticDir)
}

// Apps returns the buildable apps. With no names: every package that is an
// app (a start script, a Next.js standalone build, a static site), in
// directory order; the root of a multi-package workspace is left out (its
// start script usually runs the others) unless no other package is an app.
// With names: exactly those, in that order. An app whose start script
// cannot work in the image is listed with StartProblem set: callers that
// build must call Check.
func (w *Workspace) Apps(names ...string) ([]*App, error) {
	if len(names) == 0 {
		known := w.appPackages()
		if len(known) == 0 {
			return nil, w.noAppsError()
		}
		apps := make([]*App, len(known))
		for i, p := range known {
			apps[i] = w.newApp(p, w.kindOf(p))
		}
		return apps, nil
	}
	apps := make([]*App, 0, len(names))
	for _, name := range names {
		p, err := w.appPackage(name)
		if err != nil {
			return nil, err
		}
		kind, why := w.kindAndWhy(p)
		if kind == "" {
			return nil, w.notAppError(p, why)
		}
		apps = append(apps, w.newApp(p, kind))
	}
	return apps, nil
}

// App returns one app by name with the rules of Apps, for building it: a
// StartProblem is returned as the error. An empty name selects the only app
// when there is exactly one, which makes single-app workspaces work without
// flags.
func (w *Workspace) App(name string) (*App, error) {
	return w.AppWith(name, AppOptions{})
}

// AppWith is App with the caller's overrides.
func (w *Workspace) AppWith(name string, o AppOptions) (*App, error) {
	var p *Package
	if name == "" {
		known := w.appPackages()
		switch {
		case len(known) == 1:
			p = known[0]
		case len(known) == 0 && o.StaticDir != "" && w.Single:
			p = w.Packages[0]
		case len(known) == 0:
			return nil, w.noAppsError()
		default:
			return nil, errorf("", 0, "choose one with the app argument",
				"the workspace has %d apps, so the app must be named; the apps are: %s", len(known), w.appList())
		}
	} else {
		var err error
		if p, err = w.appPackage(name); err != nil {
			return nil, err
		}
	}
	kind, why := w.kindAndWhy(p)
	if o.StaticDir != "" {
		dir, ok := insidePackage(o.StaticDir)
		if !ok {
			return nil, errorf("", 0, "name a directory inside the package, relative to it, e.g. dist",
				"static directory %q of app %q is not inside its package directory %s", o.StaticDir, p.Name, p.Dir)
		}
		a := w.newApp(p, KindStatic)
		a.StaticDir, a.Bundler, a.Hint = dir, p.front.bundler, ""
		a.EntrypointProblem = staticProblem(a)
		return a, nil
	}
	if kind == "" {
		return nil, w.notAppError(p, why)
	}
	a := w.newApp(p, kind)
	if a.StartProblem != nil {
		return nil, a.StartProblem
	}
	return a, nil
}

func (w *Workspace) appPackage(name string) (*Package, error) {
	p, ok := w.Package(name)
	if !ok {
		return nil, errorf("", 0, "pass one of the app names: a workspace package with a start script, or one that builds a static site",
			"unknown app %q; the apps are: %s", name, w.appList())
	}
	return p, nil
}

func (w *Workspace) notAppError(p *Package, why string) *Error {
	if e := w.frameworkError(p); e != nil {
		return errorf(e.File, e.Line, e.Fix, "package %q cannot be built as an app: %s", p.Name, e.Problem)
	}
	if why != "" {
		why = " (" + why + ")"
	}
	return errorf(p.file, keyLine(p.raw, "scripts"),
		fmt.Sprintf(`add a start script to %s, e.g. "start": "node dist/index.js", or name the directory its build writes as the static directory`, p.file),
		"package %q has no start script and builds no static site%s, so it cannot be built as an app", p.Name, why)
}

// appPackages lists the packages that are apps by default, in Dir order.
func (w *Workspace) appPackages() []*Package {
	var apps []*Package
	var root *Package
	for _, p := range w.Packages {
		if w.kindOf(p) == "" {
			continue
		}
		if p.Dir == "." {
			root = p
			continue
		}
		apps = append(apps, p)
	}
	if len(apps) == 0 && root != nil {
		apps = append(apps, root)
	}
	sort.Slice(apps, func(i, j int) bool { return apps[i].Dir < apps[j].Dir })
	return apps
}

func (w *Workspace) appList() string {
	known := w.appPackages()
	if len(known) == 0 {
		return "none (no package has a start script or builds a static site)"
	}
	names := make([]string, len(known))
	for i, p := range known {
		names[i] = p.Name
		if p.Name == "" {
			names[i] = "(unnamed " + p.Dir + ")"
		}
	}
	return strings.Join(names, ", ")
}

// maxListed is how many packages an error lists at most.
const maxListed = 5

func (w *Workspace) noAppsError() *Error {
	file := manifestFile
	if !w.Single {
		file = ""
	}
	// The packages nothing depends on that use a framework, and why they
	// are not apps: the user's apps among them say what to change.
	var near []string
	for _, p := range w.Packages {
		if _, why := w.kindAndWhy(p); why != "" && len(w.dependents[p.Name]) == 0 {
			near = append(near, fmt.Sprintf("%s: %s", p.Name, why))
		}
	}
	if len(near) > maxListed {
		near = append(near[:maxListed], fmt.Sprintf("and %d more", len(near)-maxListed))
	}
	problem := "no package has a start script or builds a static site (vite, react-scripts, astro, next export, sveltekit), so there is no app to build"
	if len(near) > 0 {
		problem += "; " + strings.Join(near, "; ")
	}
	return errorf(file, 0, `add a start script to the app's package.json, e.g. "start": "node dist/index.js", or name the app and the directory its build writes as the static directory`, "%s", problem)
}
