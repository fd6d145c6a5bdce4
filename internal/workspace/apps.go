package workspace

import (
	"fmt"
	"path"
	"sort"
	"strings"
)

// App is a buildable app: a workspace package with a start script, plus
// what the build stages derive from it.
type App struct {
	*Package
	Closure           []*Package // the app and every workspace package it needs transitively (deps+devDeps+optionalDeps), topological order, app last
	Entrypoint        []string   // ["node", "dist/index.js"] when scripts.start is exactly `node <file>` (node flags may precede the file); nil otherwise
	EntrypointProblem string     // when Entrypoint is nil: why, so the stage can explain its fallback to `pnpm start`
}

// ClosureDirs returns the Dir of each closure package, sorted: the source
// filter of the app's build.
func (a *App) ClosureDirs() []string { return dirsOf(a.Closure) }

// Apps returns the buildable apps. With no names: every package with a
// "start" script, in directory order; the root of a multi-package workspace
// is left out (its start script usually runs the others) unless no other
// package has one. With names: exactly those, in that order.
func (w *Workspace) Apps(names ...string) ([]*App, error) {
	if len(names) == 0 {
		known := w.appPackages()
		if len(known) == 0 {
			return nil, w.noAppsError()
		}
		apps := make([]*App, len(known))
		for i, p := range known {
			apps[i] = w.newApp(p)
		}
		return apps, nil
	}
	apps := make([]*App, 0, len(names))
	for _, name := range names {
		p, ok := w.Package(name)
		if !ok {
			return nil, errorf("", 0, "pass one of the app names: a workspace package name with a start script",
				"unknown app %q; the apps are: %s", name, w.appList())
		}
		if _, ok := p.Scripts["start"]; !ok {
			return nil, errorf(p.file, keyLine(p.raw, "scripts"), fmt.Sprintf(`add a start script to %s, e.g. "start": "node dist/index.js"`, p.file),
				"package %q has no start script, so it cannot be built as an app", name)
		}
		apps = append(apps, w.newApp(p))
	}
	return apps, nil
}

// App returns one app by name with the rules of Apps. An empty name selects
// the only app when there is exactly one, which makes single-app workspaces
// work without flags.
func (w *Workspace) App(name string) (*App, error) {
	if name == "" {
		known := w.appPackages()
		switch len(known) {
		case 0:
			return nil, w.noAppsError()
		case 1:
			return w.newApp(known[0]), nil
		}
		return nil, errorf("", 0, "choose one with the app argument",
			"the workspace has %d apps, so the app must be named; the apps are: %s", len(known), w.appList())
	}
	apps, err := w.Apps(name)
	if err != nil {
		return nil, err
	}
	return apps[0], nil
}

// appPackages lists the packages that are apps by default, in Dir order.
func (w *Workspace) appPackages() []*Package {
	var apps []*Package
	var root *Package
	for _, p := range w.Packages {
		if _, ok := p.Scripts["start"]; !ok {
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
		return "none (no package has a start script)"
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

func (w *Workspace) noAppsError() *Error {
	file := manifestFile
	if !w.Single {
		file = ""
	}
	return errorf(file, 0, `add a start script to the app's package.json, e.g. "start": "node dist/index.js"`,
		"no package has a start script, so there is no app to build")
}

func (w *Workspace) newApp(p *Package) *App {
	a := &App{Package: p, Closure: w.closure(p)}
	a.Entrypoint, a.EntrypointProblem = entrypoint(p.Scripts["start"])
	return a
}

// nodeValueFlags take their value as the next word ("-r dotenv/config").
var nodeValueFlags = map[string]bool{
	"-r": true, "--require": true, "--import": true, "--loader": true, "--experimental-loader": true,
	"-C": true, "--conditions": true, "--env-file": true, "--env-file-if-exists": true, "--input-type": true,
	"--title": true, "--disable-warning": true,
}

// nodeModeFlags make node do something other than run a file in production.
var nodeModeFlags = map[string]bool{
	"-e": true, "--eval": true, "-p": true, "--print": true, "-i": true, "--interactive": true,
	"-c": true, "--check": true, "--test": true, "--run": true, "-v": true, "--version": true,
	"-h": true, "--help": true, "-": true, "--watch": true, "--watch-path": true, "--watch-preserve-output": true,
	"--inspect": true, "--inspect-brk": true, "--inspect-wait": true,
}

// entrypoint turns a start script into an exec-form entrypoint when that is
// exactly equivalent: `node [flags] <file>`. Running node directly (not
// `pnpm start`) lets signals reach the app and keeps pnpm out of the
// runtime image. Anything a shell would interpret is left to `pnpm start`.
func entrypoint(start string) ([]string, string) {
	not := func(why string) ([]string, string) {
		return nil, fmt.Sprintf("start script %q is not a plain \"node <file>\": %s", start, why)
	}
	if strings.ContainsAny(start, "&|;<>()$`'\"\\*?{}[]#!~\n") {
		return not("it uses shell syntax")
	}
	words := strings.Fields(start)
	if len(words) == 0 {
		return not("it is empty")
	}
	if words[0] != "node" {
		return not(fmt.Sprintf("it runs %s, not node", words[0]))
	}
	i := 1
	for ; i < len(words) && strings.HasPrefix(words[i], "-"); i++ {
		flag, _, hasValue := strings.Cut(words[i], "=")
		if flag == "--" { // end of options: the file follows
			i++
			break
		}
		if nodeModeFlags[flag] || strings.HasPrefix(flag, "--watch") || strings.HasPrefix(flag, "--inspect") {
			return not(fmt.Sprintf("node %s is not a production start", flag))
		}
		if nodeValueFlags[flag] && !hasValue {
			i++
		}
	}
	switch {
	case i >= len(words):
		return not("it names no file")
	case i < len(words)-1:
		return not("it passes arguments after the file")
	}
	f := words[i]
	if isAbsolute(f) || startsWithDotDot(path.Clean(f)) {
		return not("the file is outside the package directory")
	}
	return append([]string(nil), words...), ""
}
