package workspace

import (
	"fmt"
	"strings"
	"testing"
)

// sveltePkg is a SvelteKit package as the sv template writes it (no start
// script, prepare: svelte-kit sync || echo ”), with the adapter and more
// scripts.
func sveltePkg(adapter string, scripts ...string) obj {
	s := obj{"build": "vite build", "dev": "vite dev", "preview": "vite preview", "prepare": "svelte-kit sync || echo ''"}
	for i := 0; i+1 < len(scripts); i += 2 {
		s[scripts[i]] = scripts[i+1]
	}
	return obj{"type": "module", "scripts": s, "devDependencies": obj{"@sveltejs/kit": "3.4.1", adapter: "1.0.0", "vite": "8.4.1", "svelte": "5.60.1"}}
}

// kit2 is a SvelteKit 2 svelte.config.js with the adapter call's options.
func kit2(module, options string) string {
	return "import adapter from '" + module + "';\n" +
		"// import adapter from '@sveltejs/adapter-auto';\n" +
		"const config = { kit: { adapter: adapter(" + options + ") } };\nexport default config;\n"
}

// kit3 is a SvelteKit 3 vite.config.js with the adapter call's options.
func kit3(module, options string) string {
	return "import { sveltekit } from '@sveltejs/kit/vite';\nimport node from '" + module + "';\n" +
		"export default { plugins: [sveltekit({ adapter: node(" + options + "), paths: { base: '' } })], build: { outDir: 'nope' } };\n"
}

func TestSvelteKitKinds(t *testing.T) {
	const node, static = "@sveltejs/adapter-node", "@sveltejs/adapter-static"
	server := []string{"node", "build"}
	for _, c := range []struct {
		name     string
		files    files
		want     kindWant
		fallback string
	}{
		{"adapter-node in vite.config.js (SvelteKit 3)", frontWS(sveltePkg(node), "apps/web/vite.config.js", kit3(node, "")),
			kindWant{kind: KindNode, port: 3000, portSource: "adapter-node default", entry: server, hint: "-"}, ""},
		{"adapter-node in svelte.config.js (SvelteKit 2), out", frontWS(sveltePkg(node), "apps/web/svelte.config.js", kit2(node, "{ out: 'dist/server', precompress: false }")),
			kindWant{kind: KindNode, port: 3000, entry: []string{"node", "dist/server"}, hint: "-"}, ""},
		{"start runs vite preview: the image runs the server", frontWS(sveltePkg(node, "start", "vite preview --port 4173"), "apps/web/vite.config.ts", kit3(node, "")),
			kindWant{kind: KindNode, port: 3000, entry: server, hint: `the start script "vite preview --port 4173" runs SvelteKit's development or preview server, so the image runs the server its build writes (node build) instead`}, ""},
		{"start runs node build", frontWS(sveltePkg(node, "start", "node build"), "apps/web/vite.config.ts", kit3(node, "")),
			kindWant{kind: KindNode, port: 3000, entry: server, hint: "-"}, ""},
		{"start with its own port", frontWS(sveltePkg(node, "start", "PORT=4000 node build"), "apps/web/vite.config.ts", kit3(node, "")),
			kindWant{kind: KindNode, port: 4000, portSource: "start script"}, ""},
		{"envPrefix", frontWS(sveltePkg(node), "apps/web/vite.config.ts", kit3(node, "{ envPrefix: 'APP_' }")),
			kindWant{kind: KindNode, port: 3000, entry: server, hint: `sets envPrefix "APP_": the server reads APP_PORT`}, ""},
		{"require, and a method of the same name before the call", frontWS(sveltePkg(node), "apps/web/svelte.config.ts",
			"const node = require('@sveltejs/adapter-node');\nconst other = helpers.node({ out: 'elsewhere' });\nmodule.exports = { kit: { adapter: node({ out: 'srv' }) } };\n"),
			kindWant{kind: KindNode, port: 3000, entry: []string{"node", "srv"}, hint: "-"}, ""},
		{"options not an object literal", frontWS(sveltePkg(node), "apps/web/vite.config.ts", kit3(node, "options")),
			kindWant{kind: KindNode, port: 3000, entry: server, hint: "apps/web/vite.config.ts passes the adapter options other than as an object literal, which is not evaluated here: the adapter's defaults are assumed"}, ""},
		{"options spreading others", frontWS(sveltePkg(node), "apps/web/vite.config.ts", kit3(node, "{ ...shared, out: 'srv' }")),
			kindWant{kind: KindNode, port: 3000, entry: []string{"node", "srv"}, hint: "other than as an object literal"}, ""},
		{"out set to an expression", frontWS(sveltePkg(node), "apps/web/vite.config.ts", kit3(node, "{ out: process.env.OUT }")),
			kindWant{kind: KindNode, port: 3000, entry: server, hint: "apps/web/vite.config.ts:3 sets the adapter's out to an expression, which is not evaluated here: build is assumed"}, ""},
		{"paths.base from a variable", frontWS(sveltePkg(static), "apps/web/svelte.config.js",
			"import adapter from '@sveltejs/adapter-static';\nexport default { kit: { adapter: adapter(), paths: { base: process.env.BASE_PATH } } };\n"),
			kindWant{kind: KindStatic, staticDir: "build", bundler: BundlerSvelteKit, hint: "apps/web/svelte.config.js:2 sets paths.base to an expression, which is not evaluated here: the image serves the site from /"}, ""},
		{"adapter-static with a fallback page", frontWS(sveltePkg(static), "apps/web/svelte.config.js", kit2(static, "{ fallback: '200.html' }")),
			kindWant{kind: KindStatic, staticDir: "build", bundler: BundlerSvelteKit, hint: "-"}, "200.html"},
		{"adapter-static pages, started by vite preview", frontWS(sveltePkg(static, "start", "vite preview"), "apps/web/vite.config.js", kit3(static, "{ pages: 'public', assets: 'public' }")),
			kindWant{kind: KindStatic, staticDir: "public", bundler: BundlerSvelteKit, hint: `runs sveltekit's development or preview server, so the image serves public/`}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkKind(t, c.files, "", AppOptions{}, c.want)
			if a, _ := c.files.load(t).App("web"); a.StaticFallback != c.fallback {
				t.Errorf("StaticFallback = %q, want %q", a.StaticFallback, c.fallback)
			}
		})
	}
}

// A SvelteKit package whose adapter builds nothing a container runs is not
// an app, and the error says which file names the adapter and what to use.
func TestSvelteKitNotApps(t *testing.T) {
	const fix = "use @sveltejs/adapter-node (a node server: the image runs node build) or @sveltejs/adapter-static (a static site) there"
	for _, c := range []struct {
		name  string
		files files
		want  string
		file  string // the Error's File
		fix   string // the Error's Fix, fix when ""
	}{
		{"adapter-auto", frontWS(sveltePkg("@sveltejs/adapter-auto"), "apps/web/svelte.config.js", kit2("@sveltejs/adapter-auto", "")),
			"apps/web/svelte.config.js uses @sveltejs/adapter-auto, which finds no platform in a container and writes nothing to run", "apps/web/svelte.config.js", ""},
		{"another platform", frontWS(sveltePkg("@sveltejs/adapter-vercel"), "apps/web/vite.config.ts", kit3("@sveltejs/adapter-vercel", "{ runtime: 'nodejs22.x' }")),
			"apps/web/vite.config.ts uses @sveltejs/adapter-vercel, which builds for another platform than a container", "apps/web/vite.config.ts", ""},
		{"no adapter", frontWS(sveltePkg("@sveltejs/adapter-node"), "apps/web/vite.config.ts", "export default { plugins: [] }\n"),
			"it uses SvelteKit, but apps/web/vite.config.ts names no adapter", "apps/web/vite.config.ts", ""},
		{"no config", frontWS(sveltePkg("@sveltejs/adapter-node")),
			"it uses SvelteKit, but has no vite.config.* or svelte.config.js naming an adapter", "apps/web/package.json",
			"add apps/web/vite.config.js: export default { plugins: [sveltekit({ adapter: adapter() })] }, with adapter imported from @sveltejs/adapter-node (a node server) or @sveltejs/adapter-static (a static site)"},
		{"server outside the package", frontWS(sveltePkg("@sveltejs/adapter-node"), "apps/web/vite.config.ts", kit3("@sveltejs/adapter-node", "{ out: '../../build' }")),
			`apps/web/vite.config.ts writes the server to "../../build", outside the package`, "apps/web/vite.config.ts", "set the adapter's out to a directory inside the package, such as build"},
		{"assets apart from pages", frontWS(sveltePkg("@sveltejs/adapter-static"), "apps/web/svelte.config.js", kit2("@sveltejs/adapter-static", "{ pages: 'build', assets: 'static-out' }")),
			`apps/web/svelte.config.js writes its assets to "static-out" and its pages to "build"`, "apps/web/svelte.config.js", "write the assets with the pages (leave out the adapter's assets option)"},
		{"several adapters", frontWS(sveltePkg("@sveltejs/adapter-node"), "apps/web/svelte.config.js",
			"import node from '@sveltejs/adapter-node';\nimport auto from '@sveltejs/adapter-auto';\nexport default { kit: { adapter: process.env.NODE ? node() : auto() } };\n"),
			"apps/web/svelte.config.js imports several adapters (@sveltejs/adapter-node, @sveltejs/adapter-auto)", "apps/web/svelte.config.js",
			"import only the adapter the image runs, so that the build does not depend on a variable"},
		{"a fallback page outside the site", frontWS(sveltePkg("@sveltejs/adapter-static"), "apps/web/svelte.config.js", kit2("@sveltejs/adapter-static", "{ fallback: '../200.html' }")),
			`sets the fallback page "../200.html", which is not a plain page inside the site`, "apps/web/svelte.config.js", "name a page inside the site, such as 200.html"},
		{"a fallback page Caddy would split", frontWS(sveltePkg("@sveltejs/adapter-static"), "apps/web/svelte.config.js", kit2("@sveltejs/adapter-static", "{ fallback: 'my page.html' }")),
			`sets the fallback page "my page.html"`, "apps/web/svelte.config.js", "name a page inside the site, such as 200.html"},
		{"paths.base that is no plain path", frontWS(sveltePkg("@sveltejs/adapter-static"), "apps/web/svelte.config.js",
			"import adapter from '@sveltejs/adapter-static';\nexport default { kit: { adapter: adapter(), paths: { base: '/my docs' } } };\n"),
			`apps/web/svelte.config.js sets paths.base "/my docs", which is not a plain path to serve the site under`, "apps/web/svelte.config.js",
			"set paths.base to a plain path such as /docs"},
		{"adapter-node started by vite dev, without a build script", frontWS(obj{"devDependencies": obj{"@sveltejs/kit": "3.4.1", "@sveltejs/adapter-node": "6.0.5", "vite": "8.4.1"}, "scripts": obj{"start": "vite dev"}},
			"apps/web/vite.config.ts", kit3("@sveltejs/adapter-node", "")),
			"it uses SvelteKit with a node server adapter, but has no build script to write the server", "apps/web/package.json", `add "build": "vite build" to the scripts of apps/web/package.json`},
		{"adapter-auto started by vite preview", frontWS(sveltePkg("@sveltejs/adapter-auto", "start", "vite preview"), "apps/web/svelte.config.js", kit2("@sveltejs/adapter-auto", "")),
			"apps/web/svelte.config.js uses @sveltejs/adapter-auto", "apps/web/svelte.config.js", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := c.files.load(t).App("web")
			e := asError(t, err)
			if !strings.Contains(e.Problem, c.want) {
				t.Errorf("problem %q\nwant it to contain %q", e.Problem, c.want)
			}
			if c.fix == "" {
				c.fix = fix
			}
			if e.File != c.file || (c.fix != "-" && e.Fix != c.fix) {
				t.Errorf("file %q fix %q, want %q and %q", e.File, e.Fix, c.file, c.fix)
			}
		})
	}
}

// A SvelteKit library (svelte-package, used by an app) stays a library.
func TestSvelteKitLibrary(t *testing.T) {
	lib := sveltePkg("@sveltejs/adapter-auto")
	lib["scripts"], lib["version"] = obj{"build": "svelte-package"}, "1.0.0"
	fs := frontWS(obj{"dependencies": obj{"@fe/ui": "workspace:*"}, "scripts": obj{"start": "node server.js"}},
		"packages/ui/package.json", pkg("@fe/ui", lib),
		"packages/ui/svelte.config.js", kit2("@sveltejs/adapter-auto", ""))
	apps, err := fs.load(t).Apps()
	must(t, err)
	if len(apps) != 1 || apps[0].Name != "web" {
		t.Errorf("apps %v, want only web", apps)
	}
}

// Without any app, the error still says why the SvelteKit package is none.
func TestSvelteKitOnlyAdapterAuto(t *testing.T) {
	fs := frontWS(sveltePkg("@sveltejs/adapter-auto"), "apps/web/svelte.config.js", kit2("@sveltejs/adapter-auto", ""))
	_, err := fs.load(t).Apps()
	if e := asError(t, err); !strings.Contains(e.Problem, "so there is no app to build; web: apps/web/svelte.config.js uses @sveltejs/adapter-auto") {
		t.Errorf("problem %q", e.Problem)
	}
}

// A SvelteKit package with adapter-node that another package depends on
// stays a library; without any app, the error lists at most five packages
// and none that others depend on.
func TestSvelteKitLibraryAndNoAppsList(t *testing.T) {
	fs := frontWS(sveltePkg("@sveltejs/adapter-node"), "apps/web/vite.config.ts", kit3("@sveltejs/adapter-node", ""),
		"packages/ui/package.json", pkg("@fe/ui", obj{"version": "1.0.0", "dependencies": obj{"web": "workspace:*"}}))
	for i := 1; i <= 6; i++ {
		dir := fmt.Sprintf("apps/site%d/", i)
		fs = fs.with(dir+"package.json", pkg(fmt.Sprintf("site%d", i), sveltePkg("@sveltejs/adapter-auto")), dir+"svelte.config.js", kit2("@sveltejs/adapter-auto", ""))
	}
	_, err := fs.locked().load(t).Apps()
	e := asError(t, err)
	if strings.Contains(e.Problem, "web:") || !strings.Contains(e.Problem, "site5: apps/site5/svelte.config.js uses @sveltejs/adapter-auto") ||
		strings.Contains(e.Problem, "site6:") || !strings.HasSuffix(e.Problem, "; and 1 more") {
		t.Errorf("problem %q", e.Problem)
	}
}
