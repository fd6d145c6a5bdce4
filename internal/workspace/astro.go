package workspace

import (
	"fmt"
	"path"
	"strconv"
)

// Astro with @astrojs/node in standalone mode builds a node server:
// <outDir>/<build.server>/entry.mjs (dist/server/entry.mjs by default),
// which imports the dependencies it leaves unbundled, so the image is
// pnpm deploy's as for any node app. It listens on PORT, else server.port
// (4321), and on HOST, else localhost: unreachable from outside a
// container, so the image sets HOST=0.0.0.0. In middleware mode the build
// is a handler for the user's own server, which a start script runs.

const (
	astroNodeAdapter = "@astrojs/node"
	astroDefaultPort = 4321
)

// detectAstroServer reads config (whose properties are props) when it
// imports @astrojs/node: standalone mode sets f.server, anything else
// f.problem (a start script must then run the server). It reports
// whether config imports the adapter.
func detectAstroServer(fsys *rootFS, config string, props []jsProp, f *frontend) bool {
	data, ok, err := fsys.readFile(config)
	if !ok || err != nil {
		return false
	}
	toks := jsTokens(string(data))
	imports := jsImports(toks, func(module string) bool { return module == astroNodeAdapter })
	if len(imports) == 0 {
		return false
	}
	f.bundler, f.staticDir = "", "" // a server, not a static site
	f.dev = func(c command) bool { return devServer(BundlerAstro, c) }
	f.buildHint = "astro build"
	opts := readAdapterOptions(config, callArgs(toks, imports[0].local), &f.hints)
	if mode := opts.option("mode", "", "not standalone"); mode != "standalone" {
		f.problem = errorf(config, imports[0].line, "set mode: 'standalone' (literally) to run the server the build writes, or add a start script that runs your own server",
			"%s uses %s in %s mode, in which the build is a handler for a server of your own", config, astroNodeAdapter, quotedOr(mode, "an unread"))
		return true
	}
	outDir, serverDir := "dist", "server"
	if v, ok := jsFind(props, "outDir"); ok && v.literal {
		outDir = v.value
	} else if ok {
		f.hints = append(f.hints, fmt.Sprintf("%s:%d sets outDir to an expression, which is not evaluated here: dist is assumed", config, v.line))
	}
	if v, ok := jsFind(props, "server", "build"); ok && v.literal {
		serverDir = v.value
	}
	entry, inside := insidePackage(path.Join(outDir, serverDir, "entry.mjs"))
	if !inside {
		f.problem = errorf(config, 0, "set outDir (and build.server) to a directory inside the package, such as dist",
			"%s writes the server to %q, outside the package", config, entry)
		return true
	}
	if out, ok := jsFind(props, "output"); !ok || !out.literal || out.value != "server" && out.value != "hybrid" {
		f.hints = append(f.hints, fmt.Sprintf("%s does not set output: 'server': astro build writes the server only when a page is rendered on demand (prerender = false)", config))
	}
	port, source := astroDefaultPort, "astro default"
	if v, ok := jsFind(props, "port", "server"); ok {
		if n, err := strconv.Atoi(v.raw); err == nil && n > 0 {
			port, source = n, "astro server.port"
		}
	}
	f.server = &builtServer{framework: "Astro", entry: []string{"node", entry}, port: port, portSource: source,
		env:     []EnvVar{{"HOST", "0.0.0.0"}},
		missing: "the build wrote no server: Astro writes one only when a page is rendered on demand; set output: 'server', or remove the adapter to build a static site"}
	return true
}

// quotedOr is v quoted, or what stands for it when it is empty.
func quotedOr(v, empty string) string {
	if v == "" {
		return empty
	}
	return strconv.Quote(v)
}
