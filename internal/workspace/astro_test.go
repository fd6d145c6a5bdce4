package workspace

import (
	"strings"
	"testing"
)

// astroPkg is an Astro package as create-astro writes it (no start
// script), with @astrojs/node and more scripts.
func astroPkg(scripts ...string) obj {
	s := obj{"dev": "astro dev", "build": "astro build", "preview": "astro preview", "astro": "astro"}
	for i := 0; i+1 < len(scripts); i += 2 {
		s[scripts[i]] = scripts[i+1]
	}
	return obj{"type": "module", "scripts": s, "dependencies": obj{"astro": "7.4.8", "@astrojs/node": "11.1.11"}}
}

// astroConfig is an astro.config.mjs with @astrojs/node's options and more
// of the configuration.
func astroConfig(options, more string) string {
	return "import { defineConfig } from 'astro/config';\nimport node from '@astrojs/node';\n" +
		"export default defineConfig({ output: 'server', adapter: node(" + options + ")" + more + " });\n"
}

func TestAstroNodeServer(t *testing.T) {
	entry := []string{"node", "dist/server/entry.mjs"}
	host := []EnvVar{{"HOST", "0.0.0.0"}}
	for _, c := range []struct {
		name  string
		files files
		want  kindWant
	}{
		{"standalone, no start script", frontWS(astroPkg(), "apps/web/astro.config.mjs", astroConfig("{ mode: 'standalone' }", "")),
			kindWant{kind: KindNode, port: 4321, portSource: "astro default", entry: entry, hint: "-"}},
		{"astro preview as the start script is replaced", frontWS(astroPkg("start", "astro preview"), "apps/web/astro.config.mjs", astroConfig("{ mode: 'standalone' }", "")),
			kindWant{kind: KindNode, port: 4321, entry: entry, hint: `the start script "astro preview" runs Astro's development or preview server, so the image runs the server its build writes (node dist/server/entry.mjs) instead`}},
		{"the documented start script stands", frontWS(astroPkg("start", "node ./dist/server/entry.mjs"), "apps/web/astro.config.mjs", astroConfig("{ mode: 'standalone' }", "")),
			kindWant{kind: KindNode, port: 4321, entry: []string{"node", "./dist/server/entry.mjs"}, hint: "-"}},
		{"server.port, outDir and build.server", frontWS(astroPkg(), "apps/web/astro.config.mjs",
			astroConfig("{ mode: 'standalone' }", ", outDir: 'out', build: { server: './srv' }, server: { port: 8085, host: true }")),
			kindWant{kind: KindNode, port: 8085, portSource: "astro server.port", entry: []string{"node", "out/srv/entry.mjs"}, hint: "-"}},
		{"a start script of its own stands, without Astro's port or HOST", frontWS(astroPkg("start", "node server.mjs"), "apps/web/astro.config.mjs", astroConfig("{ mode: 'standalone' }", "")),
			kindWant{kind: KindNode, entry: []string{"node", "server.mjs"}, hint: "-"}},
		{"output left static", frontWS(astroPkg(), "apps/web/astro.config.mjs", strings.Replace(astroConfig("{ mode: 'standalone' }", ""), "output: 'server', ", "", 1)),
			kindWant{kind: KindNode, port: 4321, entry: entry, hint: "apps/web/astro.config.mjs does not set output: 'server': astro build writes the server only when a page is rendered on demand (prerender = false)"}},
		{"outDir from an expression", frontWS(astroPkg(), "apps/web/astro.config.mjs", astroConfig("{ mode: 'standalone' }", ", outDir: new URL('./out', import.meta.url)")),
			kindWant{kind: KindNode, port: 4321, entry: entry, hint: "sets outDir to an expression, which is not evaluated here: dist is assumed"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkKind(t, c.files, "", AppOptions{}, c.want)
			a, err := c.files.load(t).App("web")
			must(t, err)
			want := host
			if c.want.entry[1] == "server.mjs" {
				if a.Port != 0 || a.ServerFramework != "" {
					t.Errorf("port %d (%s), server %q: want none for a server of its own", a.Port, a.PortSource, a.ServerFramework)
				}
				want = nil // not Astro's server: nothing to set
			}
			if len(a.Env) != len(want) || len(want) > 0 && a.Env[0] != want[0] {
				t.Errorf("Env %v, want %v", a.Env, want)
			}
		})
	}
}

// @astrojs/node used otherwise than in literal standalone mode makes no
// app without a start script; the error names astro.config.mjs.
func TestAstroNodeNotServer(t *testing.T) {
	for _, c := range []struct {
		name, config, problem, fix string
	}{
		{"middleware mode", astroConfig("{ mode: 'middleware' }", ""),
			`apps/web/astro.config.mjs uses @astrojs/node in "middleware" mode, in which the build is a handler for a server of your own`,
			"set mode: 'standalone' (literally) to run the server the build writes, or add a start script that runs your own server"},
		{"mode from a variable", astroConfig("{ mode: process.env.MODE }", ""),
			"apps/web/astro.config.mjs uses @astrojs/node in an unread mode", "set mode: 'standalone' (literally)"},
		{"server outside the package", astroConfig("{ mode: 'standalone' }", ", outDir: '/srv/out'"),
			`apps/web/astro.config.mjs writes the server to "/srv/out/server/entry.mjs", outside the package`, "set outDir (and build.server) to a directory inside the package, such as dist"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := frontWS(astroPkg(), "apps/web/astro.config.mjs", c.config).load(t).App("web")
			e := asError(t, err)
			if e.File != "apps/web/astro.config.mjs" || !strings.Contains(e.Problem, c.problem) || !strings.Contains(e.Fix, c.fix) {
				t.Errorf("got %v\nwant %s: %s; fix: %s", e, e.File, c.problem, c.fix)
			}
		})
	}
}
