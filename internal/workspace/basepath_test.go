package workspace

import (
	"strings"
	"testing"
)

func TestSitePath(t *testing.T) {
	for in, want := range map[string]string{"/app/": "/app", "/app": "/app", "/a/b/": "/a/b", "": "", "/": "", "./": "", "https://cdn.example/x/": "", "//cdn.example/x/": ""} {
		if got, ok := sitePath(in); got != want || !ok {
			t.Errorf("sitePath(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"/my app/", "/{x}/", "/a/../b", "/app\nfile_server browse/", "/a*/", "/a?b"} {
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
		{"vite base in the function form", frontWS(vitePkg(viteBuild), "apps/web/index.html", indexHTML, "apps/web/vite.config.ts", "export default defineConfig(({ mode }) => ({ base: '/app/', build: { outDir: 'dist' } }))"), "/app"},
		{"react-router basename is not where the files go", frontWS(rrPkg(nil), "apps/web/react-router.config.ts", "export default { ssr: false, basename: '/ui/' }"), ""},
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

// A base path that is not a plain path is refused; --static-dir keeps the
// base the build links under, even where the detection did not find the
// site (root set by an expression).
func TestStaticBaseEdges(t *testing.T) {
	fs := frontWS(vitePkg(viteBuild), "apps/web/index.html", indexHTML, "apps/web/vite.config.ts", "export default { base: `/app\nfile_server browse/` }")
	_, err := fs.load(t).App("web")
	if e := asError(t, err); !strings.Contains(e.Problem, "sets base \"/app\\nfile_server browse/\", which is not a plain path to serve the site under") {
		t.Errorf("problem %q", e.Problem)
	}
	fs = frontWS(vitePkg(viteBuild), "apps/web/vite.config.ts", "export default { root: process.env.ROOT, base: '/app/' }")
	a, err := fs.load(t).AppWith("web", AppOptions{StaticDir: "dist"})
	must(t, err)
	if a.StaticBase != "/app" {
		t.Errorf("StaticBase %q with --static-dir, want /app", a.StaticBase)
	}
	rr := frontWS(rrPkg(nil), "apps/web/react-router.config.ts", "export default { ssr: false, basename: '/ui/' }")
	if a, err := rr.load(t).App("web"); err != nil || !strings.Contains(a.Hint, "apps/web/react-router.config.ts:1 sets basename: the image serves build/client/ from /") {
		t.Errorf("react-router basename: %v, hint %q", err, a.Hint)
	}
}
