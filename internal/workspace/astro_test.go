package workspace

import "testing"

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
		{"mode from a variable", frontWS(astroPkg("start", "node server.mjs"), "apps/web/astro.config.mjs", astroConfig("{ mode: process.env.MODE }", "")),
			kindWant{kind: KindNode, entry: []string{"node", "server.mjs"}, hint: "-"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkKind(t, c.files, "", AppOptions{}, c.want)
			a, err := c.files.load(t).App("web")
			must(t, err)
			want := host
			if c.want.entry[1] == "server.mjs" {
				want = nil // not Astro's server: nothing to set
			}
			if len(a.Env) != len(want) || len(want) > 0 && a.Env[0] != want[0] {
				t.Errorf("Env %v, want %v", a.Env, want)
			}
		})
	}
}
