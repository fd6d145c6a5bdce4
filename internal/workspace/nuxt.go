package workspace

import "fmt"

// A Nuxt app's build script decides what it is: `nuxt build` makes a node
// server, Nitro's .output, which holds its own traced dependencies (the
// image needs nothing else: no pnpm deploy, no node_modules); `nuxt
// generate` makes a static site in .output/public.

// NuxtServer is what the image of a KindNuxt app runs, relative to /app.
const NuxtServer = ".output/server/index.mjs"

// NuxtOutput is Nitro's output directory, relative to the package.
const NuxtOutput = ".output"

type nuxtInfo struct {
	config string // workspace-relative nuxt.config.* that was read, "" if none
	// notNode says why `nuxt build` makes no node server here (a Nitro
	// preset for another platform); "" when it does.
	notNode string
}

// nodePresets are the Nitro presets that build .output/server/index.mjs
// for plain node (node-server is the default outside a known host).
var nodePresets = map[string]bool{"node-server": true, "node_server": true, "node": true, "node-cluster": true, "node_cluster": true}

// detectNuxt reads the build script and nuxt.config.*: nuxt generate is a
// static site, nuxt build a Nitro node server unless a preset says another
// platform.
func detectNuxt(fsys *rootFS, p *Package, f *frontend) {
	c := readCommand(p, p.Scripts["build"], 0)
	switch nuxtBuildCommand(p.Scripts["build"]) {
	case "generate":
		f.bundler, f.staticDir = BundlerNuxt, NuxtOutput+"/public"
	case "build":
		n := &nuxtInfo{}
		var props []jsProp
		n.config, props = readConfig(fsys, p, nuxtConfigs)
		preset := c.env["NITRO_PRESET"]
		if pr, ok := jsFind(props, "preset", "nitro"); ok && pr.literal && preset == "" {
			preset = pr.value
		}
		if preset != "" && !nodePresets[preset] {
			n.notNode = fmt.Sprintf("the Nitro preset %q builds for another platform than a node server", preset)
		}
		f.nuxt = n
	}
}

// nuxtBuildCommand is the nuxt CLI command ("build", "generate") that a
// build script runs anywhere in it (`nuxi prepare && nuxi build`), "" when
// it runs neither.
func nuxtBuildCommand(script string) string {
	words, _ := shellWords(script, true)
	for i := 0; i+1 < len(words); i++ {
		if w := words[i]; (w == "nuxt" || w == "nuxi") && (words[i+1] == "build" || words[i+1] == "generate") {
			return words[i+1]
		}
	}
	return ""
}
