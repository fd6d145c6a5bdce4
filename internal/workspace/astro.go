package workspace

import (
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

// detectAstroServer sets f.server when config (whose properties are
// props) uses @astrojs/node in standalone mode, and reports whether it did.
func detectAstroServer(fsys *rootFS, config string, props []jsProp, f *frontend) bool {
	data, ok, err := fsys.readFile(config)
	if !ok || err != nil {
		return false
	}
	toks := jsTokens(string(data))
	imports := jsImports(toks, func(module string) bool { return module == astroNodeAdapter })
	if len(imports) != 1 {
		return false
	}
	opts := readAdapterOptions(config, callArgs(toks, imports[0].local), &f.hints)
	if opts.option("mode", "", "not standalone (the build is a handler for a server of your own, which a start script must run)") != "standalone" {
		return false
	}
	outDir, serverDir := "dist", "server"
	if v, ok := jsFind(props, "outDir"); ok && v.literal {
		outDir = v.value
	}
	if v, ok := jsFind(props, "server", "build"); ok && v.literal {
		serverDir = v.value
	}
	entry, inside := insidePackage(path.Join(outDir, serverDir, "entry.mjs"))
	if !inside {
		return false
	}
	port, source := astroDefaultPort, "astro default"
	if v, ok := jsFind(props, "port", "server"); ok {
		if n, err := strconv.Atoi(v.raw); err == nil && n > 0 {
			port, source = n, "astro server.port"
		}
	}
	f.server = &builtServer{framework: "Astro", entry: []string{"node", entry}, port: port, portSource: source,
		env: []EnvVar{{"HOST", "0.0.0.0"}}}
	f.dev = func(c command) bool { return devServer(BundlerAstro, c) }
	f.buildHint = "astro build"
	f.bundler, f.staticDir = "", ""
	return true
}
