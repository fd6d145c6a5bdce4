package workspace

import (
	"fmt"
	"regexp"
	"strings"
)

// A SvelteKit app is what its adapter builds, and the adapter is named in
// the configuration: svelte.config.js under SvelteKit 2, the sveltekit()
// plugin's options in vite.config.* under SvelteKit 3 (2.62 already reads
// both; 3 refuses svelte.config.js). @sveltejs/adapter-node writes a node
// server (`node build` runs it; it reads PORT, default 3000, and listens
// on every address) that imports only the dependencies, so the image is
// pnpm deploy's as for any node app; @sveltejs/adapter-static writes a
// static site, with a fallback page for the paths it did not prerender;
// adapter-auto, the template's default, finds no platform in a container
// and writes nothing to run.

const (
	svelteAdapterNode   = "@sveltejs/adapter-node"
	svelteAdapterStatic = "@sveltejs/adapter-static"
	svelteAdapterAuto   = "@sveltejs/adapter-auto"
)

// svelteConfigs are SvelteKit 2's configuration files, before vite.config.*.
var svelteConfigs = []string{"svelte.config.js", "svelte.config.ts"}

// svelteAdapterModule matches the module names adapters are published
// under: @sveltejs/adapter-node, svelte-adapter-bun, sveltekit-adapter-deno.
var svelteAdapterModule = regexp.MustCompile(`^(@[\w.-]+/)?((svelte|sveltekit)-)?adapter-[\w.-]+$`)

// svelteFix is the fix of a SvelteKit package that builds nothing to run.
var svelteFix = fmt.Sprintf("use %s (a node server: the image runs node build) or %s (a static site) there", svelteAdapterNode, svelteAdapterStatic)

// detectSvelteKit finds the adapter and what it writes: a server
// (f.server), a static site (f.bundler), or a problem (f.problem).
func detectSvelteKit(fsys *rootFS, p *Package, f *frontend) {
	f.dev = func(c command) bool { return devServer(BundlerSvelteKit, c) }
	config, imports, toks, props := svelteAdapters(fsys, p)
	line := 0 // of the adapter's import, once there is one
	refuse := func(fix, format string, args ...any) {
		f.problem = errorf(config, line, fix, format, args...)
	}
	switch {
	case config == "":
		refuse(fmt.Sprintf("add %s: export default { plugins: [sveltekit({ adapter: adapter() })] }, with adapter imported from %s (a node server) or %s (a static site)",
			join(p.Dir, "vite.config.js"), svelteAdapterNode, svelteAdapterStatic),
			"it uses SvelteKit, but has no vite.config.* or svelte.config.js naming an adapter")
		f.problem.File = p.file
		return
	case len(imports) == 0:
		refuse(svelteFix, "it uses SvelteKit, but %s names no adapter", config)
		return
	case len(imports) > 1:
		line = imports[1].line
		refuse("import only the adapter the image runs, so that the build does not depend on a variable",
			"%s imports several adapters (%s), chosen when the configuration runs, which this module does not do", config, modules(imports))
		return
	}
	adapter := imports[0]
	line = adapter.line
	opts := readAdapterOptions(config, callArgs(toks, adapter.local), &f.hints)
	switch adapter.module {
	case svelteAdapterNode:
		out, inside := insidePackage(opts.option("out", "build", "build"))
		if !inside {
			refuse("set the adapter's out to a directory inside the package, such as build", "%s writes the server to %q, outside the package", config, out)
			return
		}
		f.server = &builtServer{framework: "SvelteKit", entry: []string{"node", out}, port: 3000, portSource: "adapter-node default",
			missing: fmt.Sprintf("the build wrote no %s/: check that the build script runs vite build and that the adapter's out in %s is %s", out, config, out)}
		f.buildHint = "vite build"
		if prefix := opts.option("envPrefix", "", "no prefix"); prefix != "" {
			f.hints = append(f.hints, fmt.Sprintf("%s sets envPrefix %q: the server reads %sPORT, not the PORT the image sets, and listens on 3000 unless %sPORT is set", config, prefix, prefix, prefix))
		}
	case svelteAdapterStatic:
		svelteStatic(f, config, opts, props, refuse)
	case svelteAdapterAuto:
		refuse(svelteFix, "%s uses %s, which finds no platform in a container and writes nothing to run", config, svelteAdapterAuto)
	default:
		refuse(svelteFix, "%s uses %s, which builds for another platform than a container", config, adapter.module)
	}
}

// svelteAdapters reads the first configuration file that imports an
// adapter (else the first one there is) and returns it, the adapters it
// imports, its tokens and its properties; config is "" without any
// configuration file.
func svelteAdapters(fsys *rootFS, p *Package) (config string, imports []jsImport, toks []jsToken, props []jsProp) {
	for _, name := range append(append([]string{}, svelteConfigs...), viteConfigs...) {
		file := join(p.Dir, name)
		data, ok, err := fsys.readFile(file)
		if !ok || err != nil {
			continue
		}
		t := jsTokens(string(data))
		found := jsImports(t, svelteAdapterModule.MatchString)
		if config == "" || len(found) > 0 {
			config, imports, toks, props = file, found, t, jsProps(string(data))
		}
		if len(found) > 0 {
			return
		}
	}
	return
}

// pathsBase is the base property of a paths object (SvelteKit's
// paths.base), wherever the configuration nests it.
func pathsBase(props []jsProp) (jsProp, bool) {
	for _, p := range props {
		if p.key == "base" && len(p.path) > 0 && p.path[len(p.path)-1] == "paths" {
			return p, true
		}
	}
	return jsProp{}, false
}

// svelteStatic is adapter-static: the site is its pages directory, which
// must hold the assets too, served from / (no paths.base), with its
// fallback page for the paths not prerendered.
func svelteStatic(f *frontend, config string, opts adapterOptions, props []jsProp, refuse func(fix, format string, args ...any)) {
	pages := opts.option("pages", "build", "build")
	if assets := opts.option("assets", pages, "the pages directory"); assets != pages {
		refuse("write the assets with the pages (leave out the adapter's assets option)",
			"%s writes its assets to %q and its pages to %q, and the image serves one directory", config, assets, pages)
		return
	}
	base, found := pathsBase(props)
	setBase(f, config, base, found, "paths.base")
	if f.notStatic != "" {
		refuse("set paths.base to a plain path such as /docs", "%s", f.notStatic)
		return
	}
	fallback := opts.option("fallback", "", "no fallback page")
	if fallback != "" {
		clean, inside := insidePackage(fallback)
		if !inside || strings.ContainsAny(clean, " \t{}\"'") {
			refuse("name a page inside the site, such as 200.html", "%s sets the fallback page %q, which is not a plain page inside the site", config, fallback)
			return
		}
		fallback = clean
	}
	f.bundler, f.staticDir, f.fallback = BundlerSvelteKit, pages, fallback
}

// modules lists the imports' modules, for messages.
func modules(imports []jsImport) string {
	var names []string
	for _, i := range imports {
		names = append(names, i.module)
	}
	return strings.Join(names, ", ")
}
