package workspace

import (
	"fmt"
	"path"
	"strings"
)

// kindOf is the kind of app p is by itself, "" when it is not an app.
func (w *Workspace) kindOf(p *Package) Kind {
	k, _ := w.kindAndWhy(p)
	return k
}

// kindAndWhy decides what p is:
//   - a start script makes an app: KindNext when it runs `next` in a
//     package that depends on next (and does not export), else KindNode
//     (custom Next servers such as `node server.js` included), except that
//     a start script running the static bundler's own development or
//     preview server (`react-scripts start`, `vite`, `vite preview`,
//     `astro dev`) does not make the package a node app: it is judged as a
//     static site, as if it had no start script;
//   - without one, a Next.js package with output: 'standalone' and a build
//     script is KindNext (server.js replaces the start script), and a
//     package whose static bundler is detected (see detectFrontend) with a
//     build script is KindStatic;
//   - without one, or with one that runs the framework's own development
//     or preview server, a package whose framework's build writes a node
//     server (SvelteKit's adapter-node, Astro's @astrojs/node standalone:
//     see serverKind) is KindNode running that server, and one whose
//     framework configuration builds nothing to run is not an app;
//   - packages that another workspace package depends on are libraries,
//     never apps without a start script.
//
// why says, for a package that is not an app, what was missing.
func (w *Workspace) kindAndWhy(p *Package) (Kind, string) {
	n, f := p.front.next, p.front
	if start, ok := p.Scripts["start"]; ok {
		c := readCommand(p, start, 0)
		if n != nil && c.program() == "next" && n.output != "export" {
			return KindNext, ""
		}
		if f.nuxt != nil && f.nuxt.notNode == "" && nuxtStart(c) {
			return KindNuxt, ""
		}
		if k, e, ok := w.serverKind(p, &c); ok {
			return k, e.why() // the image runs the built server instead
		}
		if devServer(f.bundler, c) {
			if k, _ := w.staticKind(p); k == KindStatic {
				return KindStatic, ""
			}
		}
		return KindNode, ""
	}
	_, hasBuild := p.Scripts["build"]
	if n != nil && n.output == "standalone" && hasBuild && len(w.dependents[p.Name]) == 0 {
		return KindNext, ""
	}
	if f.nuxt != nil && len(w.dependents[p.Name]) == 0 {
		if f.nuxt.notNode != "" {
			return "", "it uses nuxt, but " + f.nuxt.notNode
		}
		return KindNuxt, ""
	}
	if k, e, ok := w.serverKind(p, nil); ok {
		return k, e.why()
	}
	return w.staticKind(p)
}

// staticKind judges p as a static site, ignoring its start script.
func (w *Workspace) staticKind(p *Package) (Kind, string) {
	f := p.front
	if f.bundler == "" {
		return "", ""
	}
	_, hasBuild := p.Scripts["build"]
	users := w.dependents[p.Name]
	switch {
	case f.notStatic != "":
		return "", fmt.Sprintf("it uses %s, but %s", f.bundler, f.notStatic)
	case !hasBuild:
		return "", fmt.Sprintf("it uses %s, but has no build script", f.bundler)
	case len(users) > 0:
		return "", fmt.Sprintf("it uses %s, but %s depends on it, so it is a library", f.bundler, strings.Join(users, ", "))
	}
	return KindStatic, ""
}

// devServer reports whether c runs the bundler's development or preview
// server, which is no way to serve a site in production.
func devServer(bundler string, c command) bool {
	sub := ""
	if len(c.words) > 1 {
		sub = c.words[1]
	}
	switch prog := c.program(); {
	case (bundler == BundlerVite || bundler == BundlerSvelteKit) && prog == "vite":
		return viteDevServer(c)
	case bundler == BundlerReactScripts && prog == "react-scripts":
		return sub == "start"
	case bundler == BundlerReactRouter && prog == "react-router":
		return sub == "dev"
	case bundler == BundlerNuxt && (prog == "nuxt" || prog == "nuxi"):
		return sub == "dev" || sub == "preview" || sub == "start" // start: nuxi's name for preview
	case bundler == BundlerAstro && prog == "astro":
		return sub == "dev" || sub == "start" || sub == "preview"
	case bundler == BundlerNext && prog == "next":
		return sub == "dev" || sub == "start"
	}
	return false
}

// viteDevServer reports whether c, a vite command, runs Vite's development
// or preview server rather than a build.
func viteDevServer(c command) bool {
	sub := ""
	if len(c.words) > 1 {
		sub = c.words[1]
	}
	return sub == "" || sub == "dev" || sub == "serve" || sub == "preview" || strings.HasPrefix(sub, "-")
}

// nuxtStart reports whether a start script runs the Nuxt app's built
// server: the nuxt CLI (start, preview, or dev, which the image replaces by
// the built server) or node .output/server/index.mjs.
func nuxtStart(c command) bool {
	return c.program() == "nuxt" || c.program() == "nuxi" || runsNuxtServer(c)
}

// runsNuxtServer reports whether c is node running .output/server/index.mjs.
func runsNuxtServer(c command) bool {
	return c.program() == "node" && len(c.words) > 1 && path.Clean(c.words[len(c.words)-1]) == NuxtServer
}

// rootOf is the workspace root package as seen from p: nil when p is the
// root itself (its dependencies are its own).
func (w *Workspace) rootOf(p *Package) *Package {
	if root := w.root(); root != p {
		return root
	}
	return nil
}

// nodeApp fills in a node app's command and its checks: the server its
// framework's build writes (builtServer) when the start script is missing
// or runs the framework's own server, else the start script. It returns
// the start script whose port and program still count, "" when the image
// does not run it.
func (w *Workspace) nodeApp(a *App, start string, hints *[]string) string {
	p := a.Package
	if entry, replaced := serverEntrypoint(p, start); entry != nil {
		a.Entrypoint, a.StartProblem = entry, p.checkDeployScripts(w.rootOf(p))
		runsServer(a, hints)
		if !replaced {
			return start
		}
		*hints = append(*hints, fmt.Sprintf("the start script %q runs %s's development or preview server, so the image runs the server its build writes (%s) instead",
			start, p.front.server.framework, strings.Join(entry, " ")))
		return ""
	}
	a.Entrypoint, a.EntrypointProblem = entrypoint(start)
	if s := p.front.server; s != nil && a.Entrypoint != nil && path.Clean(a.Entrypoint[len(a.Entrypoint)-1]) == path.Clean(s.entry[len(s.entry)-1]) {
		runsServer(a, hints) // the start script runs the built server itself
	}
	var extra []string
	if f := p.front; f.bundler != "" && f.notStatic == "" {
		if _, ok := p.Scripts["build"]; ok {
			extra = append(extra, fmt.Sprintf("remove the start script to ship %s/ as a static site (%s)", f.staticDir, f.bundler))
		}
	}
	a.StartProblem = p.checkDeployed(w.rootOf(p), extra...)
	return start
}

// runsServer records that a's image runs the server its framework's build
// writes: what the server needs, and the adapter options' hints.
func runsServer(a *App, hints *[]string) {
	s := a.Package.front.server
	a.ServerFramework, a.ServerMissing, a.Env = s.framework, s.missing, s.env
	*hints = append(*hints, a.Package.front.hints...)
}

// serverDefaultPorts are the start programs that listen on $PORT, else on
// a port of their own: the image sets and exposes that one.
var serverDefaultPorts = map[string]int{"react-router-serve": 3000, "remix-serve": 3000}

// newApp derives everything about p as an app of the given kind.
func (w *Workspace) newApp(p *Package, kind Kind) *App {
	a := &App{Package: p, Kind: kind, Closure: w.closure(p)}
	start := p.Scripts["start"]
	var hints []string
	switch kind {
	case KindNode:
		start = w.nodeApp(a, start, &hints)
	case KindNext:
		n := p.front.next
		a.NextConfig, a.NextDistDir = n.config, n.distDir
		hints = append(hints, n.hints...)
		if n.output == "standalone" {
			a.NextStandalone = true
			a.NextServer = join(p.Dir, "server.js")
			a.Entrypoint = []string{"node", a.NextServer}
		} else {
			a.Entrypoint, a.EntrypointProblem = entrypoint(start)
			config := n.config
			if config == "" {
				config = join(p.Dir, "next.config.mjs")
				hints = append(hints, fmt.Sprintf("add %s with `export default { output: 'standalone' }` for a smaller image (it then runs server.js, not the next CLI)", config))
			} else {
				hints = append(hints, fmt.Sprintf("add output: 'standalone' to %s for a smaller image (it then runs server.js, not the next CLI)", config))
			}
			a.StartProblem = p.checkDeployed(w.rootOf(p), fmt.Sprintf("set output: 'standalone' in %s (the image then runs server.js, not next start)", config))
		}
	case KindNuxt:
		a.Entrypoint = []string{"node", NuxtServer}
		if c := readCommand(p, start, 0); start != "" && !runsNuxtServer(c) {
			hints = append(hints, fmt.Sprintf("the image runs Nitro's server (node %s), not the start script %q", NuxtServer, start))
		}
	case KindStatic:
		a.StaticDir, a.Bundler, a.StaticFallback, a.StaticBase = p.front.staticDir, p.front.bundler, p.front.fallback, p.front.base
		hints = append(hints, p.front.hints...)
		if start != "" {
			hints = append(hints, fmt.Sprintf("the start script %q runs %s's development or preview server, so the image serves %s/ instead", start, a.Bundler, a.StaticDir))
		}
		a.EntrypointProblem = staticProblem(a)
	}

	cmdPort, program := 0, ""
	if kind != KindStatic && kind != KindNuxt && start != "" {
		c := readCommand(p, start, 0)
		cmdPort, program = c.port(), c.program()
	}
	switch {
	case p.Port != 0:
		a.Port, a.PortSource = p.Port, "config.port"
		if cmdPort != 0 && cmdPort != p.Port && !a.NextStandalone {
			hints = append(hints, fmt.Sprintf("config.port %d and the start script's port %d disagree: the image uses %d (PORT=%d, exposed), but %q may listen on %d; make them agree",
				p.Port, cmdPort, p.Port, p.Port, start, cmdPort))
		}
	case cmdPort != 0:
		a.Port, a.PortSource = cmdPort, "start script"
	case kind == KindNext:
		a.Port, a.PortSource = 3000, "next default"
	case kind == KindNuxt:
		a.Port, a.PortSource = 3000, "nitro default"
	case kind == KindNode && serverDefaultPorts[program] != 0:
		a.Port, a.PortSource = serverDefaultPorts[program], program+" default"
	case kind == KindNode && a.ServerFramework != "":
		a.Port, a.PortSource = p.front.server.port, p.front.server.portSource
	}
	a.Hint = strings.Join(hints, "; ")
	return a
}

func staticProblem(a *App) string {
	by := ""
	if a.Bundler != "" {
		by = " (" + a.Bundler + ")"
	}
	return fmt.Sprintf("a static site%s: the image serves %s/ and runs no start script", by, a.StaticDir)
}
