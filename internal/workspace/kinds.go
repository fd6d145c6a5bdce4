package workspace

import (
	"fmt"
	"path"
	"strings"
)

// Kind is how an app runs in its image.
type Kind string

const (
	// KindNode runs the start script: exec-form `node <file>` when the
	// script is exactly that (Entrypoint), else the start script through sh.
	KindNode Kind = "node"
	// KindNext is a Next.js app: with output: 'standalone' the image is
	// .next/standalone and runs `node <NextServer>`; without it, the start
	// script (`next start`), as for KindNode.
	KindNext Kind = "next"
	// KindStatic is a package without a start script that builds to static
	// files (StaticDir), which the image serves.
	KindStatic Kind = "static"
	// KindNuxt is a Nuxt app built for a node server (nuxt build): the image
	// is Nitro's self-contained .output and runs its server/index.mjs.
	KindNuxt Kind = "nuxt"
)

// Static bundlers, as App.Bundler names them.
const (
	BundlerVite         = "vite"
	BundlerReactScripts = "react-scripts"
	BundlerAstro        = "astro"
	BundlerReactRouter  = "react-router" // framework mode with ssr: false
	BundlerNext         = "next"         // output: 'export'
	BundlerNuxt         = "nuxt"         // nuxt generate
	BundlerSvelteKit    = "sveltekit"    // @sveltejs/adapter-static
)

// Config file names in the order each tool looks for them.
var (
	nextConfigs  = []string{"next.config.js", "next.config.mjs", "next.config.cjs", "next.config.ts", "next.config.mts"}
	viteConfigs  = []string{"vite.config.js", "vite.config.mjs", "vite.config.ts", "vite.config.cjs", "vite.config.mts", "vite.config.cts"}
	astroConfigs = []string{"astro.config.mjs", "astro.config.js", "astro.config.ts", "astro.config.mts", "astro.config.cjs", "astro.config.cts"}
	nuxtConfigs  = []string{"nuxt.config.ts", "nuxt.config.mts", "nuxt.config.js", "nuxt.config.mjs", "nuxt.config.cjs", "nuxt.config.cts"}
	// @react-router/dev's own order (its config loader's extensions).
	reactRouterConfigs = []string{"react-router.config.tsx", "react-router.config.ts", "react-router.config.mts", "react-router.config.jsx", "react-router.config.js", "react-router.config.mjs"}
)

// AnalysisPatterns are the globs of the files, besides the manifests, that
// the model reads to tell an app's kind (next.config.*, vite.config.*,
// astro.config.*, react-router.config.*, nuxt.config.*, svelte.config.*,
// index.html and
// public/index.html). A caller that copies
// only some of the workspace for Load must copy these too; a file that is
// missing only means "not detected". They use no {a,b} alternatives, which
// not every matcher (BuildKit's, Dagger's) supports.
var AnalysisPatterns = []string{
	"**/next.config.*",
	"**/vite.config.*",
	"**/astro.config.*",
	"**/react-router.config.*",
	"**/nuxt.config.*",
	"**/svelte.config.*",
	"**/index.html",
}

// frontend is what a package's framework or bundler configuration says,
// read once at Load. Missing or unreadable files simply leave it empty.
type frontend struct {
	next *nextInfo // nil unless next is a dependency
	nuxt *nuxtInfo // nil unless nuxt is a dependency and the build script runs nuxt build
	// server is the node server the framework's build writes (SvelteKit's
	// adapter-node, Astro's @astrojs/node standalone), nil if none.
	server *builtServer
	// problem says why the framework's configuration makes nothing an
	// image can run (SvelteKit's adapter-auto), nil when it does.
	problem *Error
	// dev reports whether a command runs the framework's development or
	// preview server; nil without such a framework.
	dev func(command) bool
	// buildHint is the framework's build command, for messages.
	buildHint string

	bundler   string // static bundler the package uses, "" if none
	staticDir string // where that bundler writes, relative to the package
	// notStatic says why a package that uses a static bundler is not a
	// static site ("vite.config.ts builds a library (build.lib)"); "" when
	// it is one as far as its own files tell.
	notStatic string
	// fallback is the page the build writes for the paths it did not
	// prerender (adapter-static's fallback option), "" if none.
	fallback string
	// base is the path the site is built to be served under ("/app"), ""
	// for / (see basepath.go).
	base  string
	hints []string
}

type nextInfo struct {
	config  string // workspace-relative next.config.* path, "" if none
	output  string // literal output: "standalone", "export", "" otherwise
	distDir string // ".next" unless a literal distDir
	hints   []string
	props   []jsProp // of config
}

func (p *Package) hasDep(name string) bool {
	_, dep := p.Dependencies[name]
	_, dev := p.DevDependencies[name]
	return dep || dev
}

// detectFrontend reads the package's next/vite/astro configuration and
// index.html, only for packages that depend on those tools.
func detectFrontend(fsys *rootFS, p *Package) frontend {
	var f frontend
	if p.hasDep("next") {
		f.next = detectNext(fsys, p)
		// Whatever the output: --static-dir may serve an export.
		detectBase(&f, p, f.next.config, f.next.props, "", "basePath")
	}
	switch {
	case f.next != nil && f.next.output == "export":
		f.bundler, f.staticDir = BundlerNext, "out"
		if f.next.distDir != ".next" {
			f.staticDir = f.next.distDir // Next exports into a custom distDir
		}
	case p.hasDep("astro"):
		detectAstro(fsys, p, &f)
	case p.hasDep("nuxt"): // before vite, which it builds with
		detectNuxt(fsys, p, &f)
	case p.hasDep("@sveltejs/kit"): // before vite, which it builds with
		detectSvelteKit(fsys, p, &f)
	case p.hasDep("@react-router/dev"): // before vite, which it builds with
		detectReactRouter(fsys, p, &f)
	case p.hasDep("react-scripts"):
		f.bundler, f.staticDir = BundlerReactScripts, "build"
		if !fsys.isFile(join(p.Dir, "public/index.html")) {
			f.notStatic = "it has no public/index.html"
		}
		if dir := buildEnv(p, "BUILD_PATH"); dir != "" {
			f.staticDir = dir
		}
	case p.hasDep("vite"):
		detectVite(fsys, p, &f)
	}
	if f.bundler != "" && f.notStatic == "" {
		if clean, ok := insidePackage(f.staticDir); ok {
			f.staticDir = clean
		} else {
			f.notStatic = fmt.Sprintf("its output directory %q is not inside the package", f.staticDir)
		}
	}
	return f
}

// readConfig returns the first existing file of names in the package, and
// its properties.
func readConfig(fsys *rootFS, p *Package, names []string) (string, []jsProp) {
	for _, name := range names {
		file := join(p.Dir, name)
		data, ok, err := fsys.readFile(file)
		if ok && err == nil {
			return file, jsProps(string(data))
		}
	}
	return "", nil
}

func detectNext(fsys *rootFS, p *Package) *nextInfo {
	n := &nextInfo{distDir: ".next"}
	var props []jsProp
	n.config, props = readConfig(fsys, p, nextConfigs)
	n.props = props
	if out, ok := jsFind(props, "output"); ok {
		if out.literal {
			n.output = out.value
		} else {
			n.hints = append(n.hints, fmt.Sprintf("%s:%d sets output to an expression, which is not evaluated here: the image uses `next start`; write output: 'standalone' literally for a smaller image", n.config, out.line))
		}
	}
	if d, ok := jsFind(props, "distDir"); ok && d.literal {
		if dir, inside := insidePackage(d.value); inside {
			n.distDir = dir
		} else {
			n.hints = append(n.hints, fmt.Sprintf("%s:%d sets distDir %q outside the package, which the image cannot follow; .next is assumed", n.config, d.line, d.value))
		}
	}
	for _, at := range [][]string{nil, {"experimental"}} {
		if _, ok := jsFind(props, "outputFileTracingRoot", at...); ok && n.output == "standalone" {
			n.hints = append(n.hints, n.config+" sets outputFileTracingRoot: NextServer assumes the workspace root, so check that server.js is where it says")
		}
	}
	return n
}

func detectVite(fsys *rootFS, p *Package, f *frontend) {
	f.bundler, f.staticDir = BundlerVite, "dist"
	config, props := readConfig(fsys, p, viteConfigs)
	root := "."
	if r, ok := jsFind(props, "root"); ok {
		if r.literal {
			root = r.value
		} else {
			f.hints = append(f.hints, fmt.Sprintf("%s:%d sets root to an expression; the package directory is assumed", config, r.line))
		}
	}
	if lib, ok := jsFind(props, "lib", "build"); ok && lib.raw != "false" {
		f.notStatic = fmt.Sprintf("%s builds a library (build.lib)", config)
		return
	}
	if out, ok := jsFind(props, "outDir", "build"); ok {
		if out.literal {
			f.staticDir = under(root, out.value)
		} else {
			f.hints = append(f.hints, fmt.Sprintf("%s:%d sets build.outDir to an expression: %s is assumed; name the static directory if it is another", config, out.line, path.Join(root, "dist")))
			f.staticDir = path.Join(root, "dist")
		}
	} else {
		f.staticDir = path.Join(root, "dist")
	}
	if dir := buildFlag(p, "--outDir"); dir != "" {
		f.staticDir = under(root, dir)
	}
	detectBase(f, p, config, props, "--base", "base") // before: --static-dir still serves under the base
	if !fsys.isFile(join(p.Dir, path.Join(root, "index.html"))) {
		f.notStatic = "it has no " + path.Join(root, "index.html")
	}
}

func detectAstro(fsys *rootFS, p *Package, f *frontend) {
	f.bundler, f.staticDir = BundlerAstro, "dist"
	config, props := readConfig(fsys, p, astroConfigs)
	if config != "" && detectAstroServer(fsys, config, props, f) {
		return
	}
	if out, ok := jsFind(props, "output"); ok && out.literal && out.value != "static" {
		f.notStatic = fmt.Sprintf("%s sets output: '%s', which needs a server", config, out.value)
		return
	}
	if _, ok := jsFind(props, "adapter"); ok {
		f.notStatic = config + " sets an adapter other than " + astroNodeAdapter + " in standalone mode, so it builds a server this module does not run (use that adapter, or add a start script that runs the server)"
		return
	}
	if out, ok := jsFind(props, "outDir"); ok && out.literal {
		f.staticDir = out.value
	}
	detectBase(f, p, config, props, "--base", "base")
}

// detectReactRouter reads react-router.config.*: with ssr: false the build
// writes a static site to <buildDirectory>/client (index.html, and
// __spa-fallback.html for the other paths when "/" is prerendered), which
// needs no server; otherwise the build is a server.
func detectReactRouter(fsys *rootFS, p *Package, f *frontend) {
	f.bundler, f.staticDir = BundlerReactRouter, "build/client"
	config, props := readConfig(fsys, p, reactRouterConfigs)
	if config == "" {
		f.notStatic = "it has no react-router.config.* with ssr: false, so it builds a server"
		return
	}
	if ssr, ok := jsFind(props, "ssr"); !ok || ssr.raw != "false" {
		f.notStatic = config + " does not set ssr: false, so it builds a server"
		return
	}
	if name, ok := jsFind(props, "basename"); ok && (!name.literal || name.value != "/" && name.value != "") {
		// Why not served under it: the assets follow Vite's base, not the
		// basename, and prerendered pages are written under the basename
		// while __spa-fallback.html is not; from / every path still gets a page.
		f.hints = append(f.hints, fmt.Sprintf("%s:%d sets basename: the image serves %s/ from /, where every path gets the app", config, name.line, f.staticDir))
	}
	if dir, ok := jsFind(props, "buildDirectory"); ok {
		if !dir.literal {
			f.hints = append(f.hints, fmt.Sprintf("%s:%d sets buildDirectory to an expression: build/client is assumed; name the static directory if it is another", config, dir.line))
			return
		}
		f.staticDir = path.Join(dir.value, "client")
	}
}

// under resolves dir against root, as vite resolves outDir; an absolute dir
// stays absolute (and is then rejected by insidePackage).
func under(root, dir string) string {
	if isAbsolute(dir) {
		return dir
	}
	return path.Join(root, dir)
}

// insidePackage cleans a package-relative directory and reports whether it
// lies strictly inside the package.
func insidePackage(dir string) (string, bool) {
	clean := path.Clean(dir)
	return clean, clean != "." && !isAbsolute(clean) && !startsWithDotDot(clean)
}

// buildEnv is a leading NAME=value of the build script ("" if none).
func buildEnv(p *Package, name string) string {
	return parseCommand(p.Scripts["build"]).env[name]
}

// buildFlag is the value of --flag v / --flag=v in the build script.
func buildFlag(p *Package, flag string) string {
	words, _ := shellWords(p.Scripts["build"], true)
	for i, w := range words {
		if w == flag && i+1 < len(words) {
			return words[i+1]
		}
		if v, ok := strings.CutPrefix(w, flag+"="); ok {
			return v
		}
	}
	return ""
}
