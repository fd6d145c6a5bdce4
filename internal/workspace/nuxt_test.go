package workspace

import (
	"strings"
	"testing"
)

// nuxtPkg is a Nuxt package as create-nuxt writes it (no start script,
// postinstall nuxt prepare), with the given build script and more scripts.
func nuxtPkg(build string, scripts ...string) obj {
	s := obj{"build": build, "dev": "nuxt dev", "preview": "nuxt preview", "postinstall": "nuxt prepare"}
	for i := 0; i+1 < len(scripts); i += 2 {
		s[scripts[i]] = scripts[i+1]
	}
	return obj{"scripts": s, "dependencies": obj{"nuxt": "4.6.4", "vue": "3.5.47"}}
}

func TestNuxtKinds(t *testing.T) {
	server := []string{"node", ".output/server/index.mjs"}
	for _, c := range []struct {
		name  string
		files files
		want  kindWant
	}{
		{"nuxt build without a start script", frontWS(nuxtPkg("nuxt build"), "apps/web/nuxt.config.ts", "export default defineNuxtConfig({})"),
			kindWant{kind: KindNuxt, port: 3000, portSource: "nitro default", entry: server, hint: "-"}},
		{"nuxi build with a node preset", frontWS(nuxtPkg("nuxi build"), "apps/web/nuxt.config.ts", "export default defineNuxtConfig({ nitro: { preset: 'node-server' } })"),
			kindWant{kind: KindNuxt, port: 3000, entry: server, hint: "-"}},
		{"start runs the built server", frontWS(nuxtPkg("nuxt build", "start", "node .output/server/index.mjs")),
			kindWant{kind: KindNuxt, port: 3000, entry: server, hint: "-"}},
		{"nuxi start is replaced by the built server", frontWS(nuxtPkg("nuxt build", "start", "nuxi start")),
			kindWant{kind: KindNuxt, port: 3000, entry: server, hint: `the image runs Nitro's server (node .output/server/index.mjs), not the start script "nuxi start"`}},
		{"config.port", frontWS(func() obj { o := nuxtPkg("nuxt build"); o["config"] = obj{"port": 8080}; return o }()),
			kindWant{kind: KindNuxt, port: 8080, portSource: "config.port", entry: server}},
		{"a custom server stays a node app", frontWS(nuxtPkg("nuxt build", "start", "node server.mjs")),
			kindWant{kind: KindNode, entry: []string{"node", "server.mjs"}}},
		{"nuxi build after nuxi prepare", frontWS(nuxtPkg("nuxi prepare && cross-env NODE_OPTIONS=--max-old-space-size=4096 nuxi build")),
			kindWant{kind: KindNuxt, port: 3000, entry: server, hint: "-"}},
		{"nuxt generate is a static site", frontWS(nuxtPkg("nuxt generate")),
			kindWant{kind: KindStatic, staticDir: ".output/public", bundler: BundlerNuxt, hint: "-"}},
	} {
		t.Run(c.name, func(t *testing.T) { checkKind(t, c.files, "", AppOptions{}, c.want) })
	}
}

// A Nitro preset for another platform builds no node server: not an app.
func TestNuxtOtherPreset(t *testing.T) {
	for name, fs := range map[string]files{
		"nuxt.config":  frontWS(nuxtPkg("nuxt build"), "apps/web/nuxt.config.ts", "export default defineNuxtConfig({ nitro: { preset: 'vercel' } })"),
		"NITRO_PRESET": frontWS(nuxtPkg("NITRO_PRESET=cloudflare-pages nuxt build")),
	} {
		_, err := fs.load(t).App("web")
		if e := asError(t, err); !strings.Contains(e.Problem, "it uses nuxt, but the Nitro preset") || !strings.Contains(e.Problem, "builds for another platform") {
			t.Errorf("%s: %v", name, e)
		}
	}
}
