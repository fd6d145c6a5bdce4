package workspace

import "testing"

func TestSitePath(t *testing.T) {
	for in, want := range map[string]string{"/app/": "/app", "/app": "/app", "/a/b/": "/a/b", "": "", "/": "", "./": "", "https://cdn.example/x/": "", "//cdn.example/x/": ""} {
		if got, ok := sitePath(in); got != want || !ok {
			t.Errorf("sitePath(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"/my app/", "/{x}/", "/a/../b"} {
		if _, ok := sitePath(in); ok {
			t.Errorf("sitePath(%q) is ok, want refused", in)
		}
	}
}

// Each framework's base path setting makes the static site's StaticBase.
func TestStaticBase(t *testing.T) {
	for _, c := range []struct {
		name  string
		files files
		want  string
	}{
		{"vite base", frontWS(vitePkg(viteBuild), "apps/web/index.html", indexHTML, "apps/web/vite.config.ts", "export default defineConfig({ base: '/app/' })"), "/app"},
		{"vite --base", frontWS(vitePkg(obj{"build": "vite build --base=/console/"}), "apps/web/index.html", indexHTML), "/console"},
		{"vite relative base", frontWS(vitePkg(viteBuild), "apps/web/index.html", indexHTML, "apps/web/vite.config.ts", "export default { base: './' }"), ""},
		{"astro base", frontWS(obj{"scripts": obj{"build": "astro build"}, "dependencies": obj{"astro": "7.4.8"}}, "apps/web/astro.config.mjs", "export default defineConfig({ base: '/docs', integrations: [starlight({ base: '/nope' })] })"), "/docs"},
		{"next export basePath", frontWS(nextPkg(""), "apps/web/next.config.mjs", "export default { output: 'export', basePath: '/site' }"), "/site"},
		{"react-router basename", frontWS(rrPkg(nil), "apps/web/react-router.config.ts", "export default { ssr: false, basename: '/ui/' }"), "/ui"},
		{"sveltekit paths.base", frontWS(sveltePkg("@sveltejs/adapter-static"), "apps/web/svelte.config.js",
			"import adapter from '@sveltejs/adapter-static';\nexport default { kit: { adapter: adapter(), paths: { base: '/blog' } } };\n"), "/blog"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, err := c.files.load(t).App("web")
			must(t, err)
			if a.Kind != KindStatic || a.StaticBase != c.want {
				t.Errorf("kind %s, StaticBase %q; want static, %q", a.Kind, a.StaticBase, c.want)
			}
		})
	}
}
