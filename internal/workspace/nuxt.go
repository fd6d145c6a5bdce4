package workspace

import (
	"fmt"

	"github.com/Masterminds/semver/v3"
)

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

// nodePresets are the Nitro presets whose .output/server/index.mjs starts
// a server on PORT: node-server (the default outside a known host), the
// cluster variant, and hosts' presets built on node-server. Not "node",
// Nitro's name for node-listener, whose index.mjs only exports a handler.
var nodePresets = map[string]bool{
	"node-server": true, "node_server": true, "node-cluster": true, "node_cluster": true,
	"heroku": true, "render-com": true, "render_com": true, "koyeb": true, "digital-ocean": true, "digital_ocean": true,
}

// detectNuxt reads the build script and nuxt.config.*: nuxt generate is a
// static site, nuxt build a Nitro node server unless a preset says another
// platform.
func detectNuxt(fsys *rootFS, p *Package, f *frontend) {
	if nuxt2(p) {
		return // Nuxt 2 writes .nuxt and serves with nuxt start: a node app
	}
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

// nuxt2 reports whether p's nuxt dependency is Nuxt 2 (or older), which has
// no Nitro: a spec whose versions all lie below 3 ("^2.17.3", "2.x").
// Specs it cannot read (catalog:, workspace:, tags) count as Nuxt 3+.
func nuxt2(p *Package) bool {
	spec := p.Dependencies["nuxt"]
	if spec == "" {
		spec = p.DevDependencies["nuxt"]
	}
	c, err := semver.NewConstraint(spec)
	if err != nil {
		return false
	}
	return !c.Check(semver.MustParse("3.0.0")) && !c.Check(semver.MustParse("99.0.0")) && c.Check(semver.MustParse("2.99.99"))
}
