package workspace

import (
	"strings"
	"testing"

	"github.com/bmatcuk/doublestar/v4"
)

// frontWS is a workspace with apps/web (given fields) and packages/ui, plus
// the given files.
func frontWS(fields obj, kv ...string) files {
	return files{
		"package.json":             pkg("fe", obj{"private": true}),
		"pnpm-workspace.yaml":      "packages:\n  - 'apps/*'\n  - 'packages/*'\n",
		"apps/web/package.json":    pkg("web", fields),
		"packages/ui/package.json": pkg("@fe/ui", obj{"version": "1.0.0"}),
	}.with(kv...).locked()
}

func nextPkg(start string) obj {
	scripts := obj{"build": "next build"}
	if start != "" {
		scripts["start"] = start
	}
	return obj{"scripts": scripts, "dependencies": obj{"next": "14.2.35", "react": "18.3.1", "react-dom": "18.3.1"}}
}

func vitePkg(scripts obj) obj {
	return obj{"scripts": scripts, "devDependencies": obj{"vite": "5.4.21"}}
}

var viteBuild = obj{"build": "vite build"}

const indexHTML = "<!doctype html><script type=module src=/src/main.ts></script>\n"

type kindWant struct {
	kind       Kind
	standalone bool
	server     string // NextServer
	distDir    string // NextDistDir, checked when set
	staticDir  string
	bundler    string
	port       int
	portSource string
	entry      []string
	hint       string // substring of Hint; "-" means Hint must be empty
}

func TestAppKinds(t *testing.T) {
	standalone := "const nextConfig = { output: 'standalone' };\nexport default nextConfig;\n"
	for _, c := range []struct {
		name  string
		files files
		app   string // "" selects the only app
		opts  AppOptions
		want  kindWant
	}{
		// Next.js
		{name: "next standalone, next.config.mjs", files: frontWS(nextPkg("next start -p 3000"), "apps/web/next.config.mjs", standalone),
			want: kindWant{kind: KindNext, standalone: true, server: "apps/web/server.js", distDir: ".next", port: 3000, portSource: "start script", entry: []string{"node", "apps/web/server.js"}, hint: "-"}},
		{name: "next standalone, module.exports in next.config.js", files: frontWS(nextPkg("next start"), "apps/web/next.config.js", `module.exports = { output: "standalone" }`),
			want: kindWant{kind: KindNext, standalone: true, server: "apps/web/server.js", port: 3000, portSource: "next default", entry: []string{"node", "apps/web/server.js"}}},
		{name: "next standalone, next.config.ts", files: frontWS(nextPkg("next start"), "apps/web/next.config.ts", "import type { NextConfig } from 'next'\n\nconst nextConfig: NextConfig = {\n  output: 'standalone',\n}\n\nexport default nextConfig\n"),
			want: kindWant{kind: KindNext, standalone: true, server: "apps/web/server.js", port: 3000}},
		{name: "next standalone, next.config.cjs with spaces", files: frontWS(nextPkg("next start"), "apps/web/next.config.cjs", "module.exports = {\n  output :  'standalone' ,\n}\n"),
			want: kindWant{kind: KindNext, standalone: true, server: "apps/web/server.js", port: 3000}},
		{name: "next standalone with a custom distDir", files: frontWS(nextPkg("next start"), "apps/web/next.config.mjs", "export default { output: 'standalone', distDir: 'build' }"),
			want: kindWant{kind: KindNext, standalone: true, server: "apps/web/server.js", distDir: "build", port: 3000}},
		{name: "next standalone at the root of a single package", files: files{"package.json": pkg("site", nextPkg("next start")), "next.config.mjs": standalone}.locked(),
			want: kindWant{kind: KindNext, standalone: true, server: "server.js", port: 3000, entry: []string{"node", "server.js"}}},
		{name: "next standalone without a start script", files: frontWS(nextPkg(""), "apps/web/next.config.mjs", standalone),
			want: kindWant{kind: KindNext, standalone: true, server: "apps/web/server.js", port: 3000, portSource: "next default"}},
		{name: "next commented-out standalone", files: frontWS(nextPkg("next start"), "apps/web/next.config.mjs", "export default {\n  // output: 'standalone',\n}\n"),
			want: kindWant{kind: KindNext, port: 3000, hint: "add output: 'standalone' to apps/web/next.config.mjs for a smaller image"}},
		{name: "next without a config", files: frontWS(nextPkg("next start")),
			want: kindWant{kind: KindNext, port: 3000, hint: "add apps/web/next.config.mjs with `export default { output: 'standalone' }` for a smaller image"}},
		{name: "next output from an expression", files: frontWS(nextPkg("next start"), "apps/web/next.config.js", "module.exports = {\n  output: process.env.STANDALONE ? 'standalone' : undefined,\n}\n"),
			want: kindWant{kind: KindNext, port: 3000, hint: "apps/web/next.config.js:2 sets output to an expression"}},
		{name: "next config.port wins over -p", files: frontWS(merge(nextPkg("next start -p 3000"), obj{"config": obj{"port": 8080}})),
			want: kindWant{kind: KindNext, port: 8080, portSource: "config.port", hint: "config.port 8080 and the start script's port 3000 disagree: the image uses 8080"}},
		{name: "next custom server is a node app", files: frontWS(nextPkg("node server.js"), "apps/web/next.config.mjs", standalone),
			want: kindWant{kind: KindNode, entry: []string{"node", "server.js"}, hint: "-"}},
		{name: "next output: 'export' is static", files: frontWS(nextPkg(""), "apps/web/next.config.mjs", "export default { output: 'export' }"),
			want: kindWant{kind: KindStatic, staticDir: "out", bundler: BundlerNext}},
		{name: "next export into a custom distDir", files: frontWS(nextPkg(""), "apps/web/next.config.mjs", "export default { output: 'export', distDir: 'site' }"),
			want: kindWant{kind: KindStatic, staticDir: "site", bundler: BundlerNext}},

		// Static sites
		{name: "vite", files: frontWS(vitePkg(viteBuild), "apps/web/index.html", indexHTML),
			want: kindWant{kind: KindStatic, staticDir: "dist", bundler: BundlerVite, hint: "-"}},
		{name: "vite as a dependency, tsc first", files: frontWS(obj{"scripts": obj{"build": "tsc -b && vite build"}, "dependencies": obj{"vite": "6.0.0"}}, "apps/web/index.html", indexHTML),
			want: kindWant{kind: KindStatic, staticDir: "dist", bundler: BundlerVite}},
		{name: "vite literal outDir", files: frontWS(vitePkg(viteBuild), "apps/web/index.html", indexHTML, "apps/web/vite.config.ts", "export default defineConfig({ build: { outDir: 'web' } })"),
			want: kindWant{kind: KindStatic, staticDir: "web", bundler: BundlerVite}},
		{name: "vite root and outDir", files: frontWS(vitePkg(viteBuild), "apps/web/src/index.html", indexHTML, "apps/web/vite.config.mjs", "export default { root: 'src', build: { outDir: '../public-dist' } }"),
			want: kindWant{kind: KindStatic, staticDir: "public-dist", bundler: BundlerVite}},
		{name: "vite outDir from the build script", files: frontWS(vitePkg(obj{"build": "vite build --outDir=site"}), "apps/web/index.html", indexHTML),
			want: kindWant{kind: KindStatic, staticDir: "site", bundler: BundlerVite}},
		{name: "vite outDir expression", files: frontWS(vitePkg(viteBuild), "apps/web/index.html", indexHTML, "apps/web/vite.config.js", "export default {\n  build: { outDir: resolve(__dirname, 'x') },\n}\n"),
			want: kindWant{kind: KindStatic, staticDir: "dist", bundler: BundlerVite, hint: "apps/web/vite.config.js:2 sets build.outDir to an expression: dist is assumed"}},
		{name: "vite lib mode commented out", files: frontWS(vitePkg(viteBuild), "apps/web/index.html", indexHTML, "apps/web/vite.config.ts", "export default defineConfig({\n  build: {\n    // lib: { entry: 'src/index.ts' },\n  },\n})\n"),
			want: kindWant{kind: KindStatic, staticDir: "dist", bundler: BundlerVite}},
		{name: "vite lib: false", files: frontWS(vitePkg(viteBuild), "apps/web/index.html", indexHTML, "apps/web/vite.config.ts", "export default { build: { lib: false } }"),
			want: kindWant{kind: KindStatic, staticDir: "dist", bundler: BundlerVite}},
		{name: "vite alias named lib", files: frontWS(vitePkg(viteBuild), "apps/web/index.html", indexHTML, "apps/web/vite.config.ts", "export default { resolve: { alias: { lib: '/src/lib' } } }"),
			want: kindWant{kind: KindStatic, staticDir: "dist", bundler: BundlerVite}},
		{name: "react-scripts", files: frontWS(obj{"scripts": obj{"build": "react-scripts build"}, "dependencies": obj{"react-scripts": "5.0.1"}}, "apps/web/public/index.html", indexHTML),
			want: kindWant{kind: KindStatic, staticDir: "build", bundler: BundlerReactScripts}},
		{name: "react-scripts start is a development server", files: frontWS(obj{"scripts": obj{"start": "react-scripts start", "build": "react-scripts build"}, "dependencies": obj{"react-scripts": "5.0.1"}}, "apps/web/public/index.html", indexHTML),
			want: kindWant{kind: KindStatic, staticDir: "build", bundler: BundlerReactScripts, hint: `the start script "react-scripts start" runs react-scripts's development or preview server, so the image serves build/ instead`}},
		{name: "vite preview is a preview server", files: frontWS(vitePkg(obj{"build": "vite build", "start": "vite preview --port 8000"}), "apps/web/index.html", indexHTML),
			want: kindWant{kind: KindStatic, staticDir: "dist", bundler: BundlerVite, hint: "runs vite's development or preview server"}},
		{name: "astro dev as the start script", files: frontWS(obj{"scripts": obj{"start": "astro dev", "build": "astro build"}, "dependencies": obj{"astro": "5.0.0"}}),
			want: kindWant{kind: KindStatic, staticDir: "dist", bundler: BundlerAstro}},
		{name: "next start of an export is static", files: frontWS(nextPkg("next start"), "apps/web/next.config.mjs", "export default { output: 'export' }"),
			want: kindWant{kind: KindStatic, staticDir: "out", bundler: BundlerNext}},
		{name: "vite with a real server stays a node app", files: frontWS(obj{"scripts": obj{"build": "vite build && tsc -p server", "start": "node server/dist/index.js"}, "dependencies": obj{"vite": "5.4.21"}}, "apps/web/index.html", indexHTML),
			want: kindWant{kind: KindNode, entry: []string{"node", "server/dist/index.js"}, hint: "-"}},
		{name: "react-scripts BUILD_PATH", files: frontWS(obj{"scripts": obj{"build": "BUILD_PATH=out react-scripts build"}, "dependencies": obj{"react-scripts": "5.0.1"}}, "apps/web/public/index.html", indexHTML),
			want: kindWant{kind: KindStatic, staticDir: "out", bundler: BundlerReactScripts}},
		{name: "astro", files: frontWS(obj{"scripts": obj{"build": "astro build"}, "dependencies": obj{"astro": "5.0.0"}}, "apps/web/astro.config.mjs", "export default defineConfig({ outDir: './site' })"),
			want: kindWant{kind: KindStatic, staticDir: "site", bundler: BundlerAstro}},
		{name: "react-router with ssr: false", files: frontWS(rrPkg(nil), "apps/web/react-router.config.ts", "export default {\n  ssr: false,\n  prerender: ['/'],\n} satisfies Config;\n"),
			want: kindWant{kind: KindStatic, staticDir: "build/client", bundler: BundlerReactRouter}},
		{name: "react-router with ssr: false and a buildDirectory", files: frontWS(rrPkg(nil), "apps/web/react-router.config.js", "export default { ssr: false, buildDirectory: 'out' }"),
			want: kindWant{kind: KindStatic, staticDir: "out/client", bundler: BundlerReactRouter}},
		{name: "react-router dev is a development server", files: frontWS(rrPkg(obj{"start": "react-router dev"}), "apps/web/react-router.config.ts", "export default { ssr: false }"),
			want: kindWant{kind: KindStatic, staticDir: "build/client", bundler: BundlerReactRouter, hint: "runs react-router's development or preview server"}},
		{name: "single-package vite site", files: files{"package.json": pkg("site", vitePkg(viteBuild)), "index.html": indexHTML}.locked(),
			want: kindWant{kind: KindStatic, staticDir: "dist", bundler: BundlerVite}},

		// The caller's static directory
		{name: "static dir replaces the detected one", files: frontWS(vitePkg(viteBuild), "apps/web/index.html", indexHTML), opts: AppOptions{StaticDir: "./out/"},
			want: kindWant{kind: KindStatic, staticDir: "out", bundler: BundlerVite}},
		{name: "static dir for an undetected bundler", files: frontWS(obj{"scripts": obj{"build": "parcel build"}, "devDependencies": obj{"parcel": "2.12.0"}}), app: "web", opts: AppOptions{StaticDir: "dist"},
			want: kindWant{kind: KindStatic, staticDir: "dist", bundler: ""}},
		{name: "static dir over a start script", files: frontWS(vitePkg(obj{"build": "vite build", "start": "node server.js"}), "apps/web/index.html", indexHTML), opts: AppOptions{StaticDir: "dist"},
			want: kindWant{kind: KindStatic, staticDir: "dist", bundler: BundlerVite}},
		{name: "static dir for a single package with no app", files: files{"package.json": pkg("site", obj{"scripts": obj{"build": "eleventy"}})}.locked(), opts: AppOptions{StaticDir: "_site"},
			want: kindWant{kind: KindStatic, staticDir: "_site"}},

		// Node
		{name: "node with PORT", files: frontWS(obj{"scripts": obj{"start": "PORT=9000 node dist/index.js"}}),
			want: kindWant{kind: KindNode, port: 9000, portSource: "start script"}},
		{name: "react-router-serve listens on 3000", files: frontWS(obj{"scripts": obj{"start": "react-router-serve ./build/server/index.js"}, "dependencies": obj{"@react-router/serve": "7.6.2"}}),
			want: kindWant{kind: KindNode, port: 3000, portSource: "react-router-serve default"}},
		{name: "remix-serve with PORT", files: frontWS(obj{"scripts": obj{"start": "PORT=8080 remix-serve build/index.js"}, "dependencies": obj{"@remix-run/serve": "2.16.8"}}),
			want: kindWant{kind: KindNode, port: 8080, portSource: "start script"}},
	} {
		t.Run(c.name, func(t *testing.T) { checkKind(t, c.files, c.app, c.opts, c.want) })
	}
}

// checkKind loads files and checks what AppWith(app, opts) makes of it.
func checkKind(t *testing.T, fs files, app string, opts AppOptions, w kindWant) {
	t.Helper()
	a, err := fs.load(t).AppWith(app, opts)
	if err != nil {
		t.Fatal(err)
	}
	if a.Kind != w.kind || a.NextStandalone != w.standalone || a.NextServer != w.server || a.StaticDir != w.staticDir || a.Bundler != w.bundler {
		t.Errorf("kind %s standalone %v server %q static %q bundler %q; want %+v", a.Kind, a.NextStandalone, a.NextServer, a.StaticDir, a.Bundler, w)
	}
	if w.distDir != "" && a.NextDistDir != w.distDir {
		t.Errorf("NextDistDir = %q, want %q", a.NextDistDir, w.distDir)
	}
	if a.Port != w.port || (w.portSource != "" && a.PortSource != w.portSource) {
		t.Errorf("Port %d from %q, want %d from %q", a.Port, a.PortSource, w.port, w.portSource)
	}
	if w.entry != nil && !equal(a.Entrypoint, w.entry) {
		t.Errorf("Entrypoint %v, want %v", a.Entrypoint, w.entry)
	}
	if (w.kind == KindStatic || (w.kind == KindNext && !w.standalone)) && (a.Entrypoint != nil || a.EntrypointProblem == "") {
		t.Errorf("Entrypoint %v (%q), want none with a reason", a.Entrypoint, a.EntrypointProblem)
	}
	switch {
	case w.hint == "-" && a.Hint != "":
		t.Errorf("Hint = %q, want none", a.Hint)
	case w.hint != "-" && !strings.Contains(a.Hint, w.hint):
		t.Errorf("Hint = %q, want it to contain %q", a.Hint, w.hint)
	}
	if a.StartProblem != nil {
		t.Errorf("StartProblem %v", a.StartProblem)
	}
}

func merge(a, b obj) obj {
	out := obj{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// Packages that use a static bundler but are not static sites are not
// apps: Apps leaves them out, and naming one says why.
func TestNotStaticApps(t *testing.T) {
	for _, c := range []struct {
		name  string
		files files
		why   string // substring of the error for App("web")
	}{
		{"vite library mode", frontWS(vitePkg(viteBuild), "apps/web/index.html", indexHTML, "apps/web/vite.config.ts", "export default defineConfig({\n  build: { lib: { entry: 'src/index.ts', formats: ['es'] } },\n})\n"),
			"it uses vite, but apps/web/vite.config.ts builds a library (build.lib)"},
		{"vite without index.html", frontWS(vitePkg(viteBuild)), "it uses vite, but it has no index.html"},
		{"vite without a build script", frontWS(vitePkg(obj{"dev": "vite"}), "apps/web/index.html", indexHTML), "it uses vite, but has no build script"},
		{"vite package another package depends on", frontWS(vitePkg(viteBuild), "apps/web/index.html", indexHTML,
			"packages/ui/package.json", pkg("@fe/ui", obj{"version": "1.0.0", "dependencies": obj{"web": "workspace:*"}})),
			"it uses vite, but @fe/ui depends on it, so it is a library"},
		{"vite absolute outDir", frontWS(vitePkg(viteBuild), "apps/web/index.html", indexHTML, "apps/web/vite.config.ts", "export default { build: { outDir: '/srv/www' } }"),
			`its output directory "/srv/www" is not inside the package`},
		{"vite outDir outside the package", frontWS(vitePkg(viteBuild), "apps/web/index.html", indexHTML, "apps/web/vite.config.ts", "export default { build: { outDir: '../../dist' } }"),
			`its output directory "../../dist" is not inside the package`},
		{"react-router without a config", frontWS(rrPkg(nil)), "it uses react-router, but it has no react-router.config.* with ssr: false, so it builds a server"},
		{"react-router server build", frontWS(rrPkg(nil), "apps/web/react-router.config.ts", "export default { ssr: true }"),
			"apps/web/react-router.config.ts does not set ssr: false, so it builds a server"},
		{"react-scripts without public/index.html", frontWS(obj{"scripts": obj{"build": "react-scripts build"}, "dependencies": obj{"react-scripts": "5.0.1"}}),
			"it uses react-scripts, but it has no public/index.html"},
		{"astro server output", frontWS(obj{"scripts": obj{"build": "astro build"}, "dependencies": obj{"astro": "5.0.0"}}, "apps/web/astro.config.mjs", "export default { output: 'server' }"),
			"apps/web/astro.config.mjs sets output: 'server', which needs a server"},
		{"astro adapter for another platform", frontWS(obj{"scripts": obj{"build": "astro build"}, "dependencies": obj{"astro": "5.0.0"}}, "apps/web/astro.config.mjs", "import vercel from '@astrojs/vercel'\nexport default { adapter: vercel() }"),
			"sets an adapter other than @astrojs/node in standalone mode, so it builds a server this module does not run (use that adapter, or add a start script that runs the server)"},
		{"next standalone that is a dependency", frontWS(nextPkg(""), "apps/web/next.config.mjs", "export default { output: 'standalone' }",
			"packages/ui/package.json", pkg("@fe/ui", obj{"version": "1.0.0", "devDependencies": obj{"web": "workspace:*"}})),
			"no start script and builds no static site"},
		{"next without standalone or start script", frontWS(nextPkg("")), "no start script and builds no static site"},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := c.files.load(t)
			if _, err := w.Apps(); err == nil || !strings.Contains(err.Error(), "no package has a start script or builds a static site") {
				t.Errorf("Apps() error = %v", err)
			}
			_, err := w.App("web")
			e := asError(t, err)
			if e.File != "apps/web/package.json" || !strings.Contains(e.Problem, c.why) || !strings.Contains(e.Problem, `package "web" has no start script and builds no static site`) {
				t.Errorf("App(web) = %v, want %q", e, c.why)
			}
			if !strings.Contains(e.Fix, "add a start script to apps/web/package.json") || !strings.Contains(e.Fix, "static directory") {
				t.Errorf("Fix = %q", e.Fix)
			}
		})
	}
}

func TestStaticDirOverrideErrors(t *testing.T) {
	w := frontWS(vitePkg(viteBuild), "apps/web/index.html", indexHTML).load(t)
	for _, dir := range []string{"..", "../dist", "/srv/www", ".", "./"} {
		_, err := w.AppWith("web", AppOptions{StaticDir: dir})
		e := asError(t, err)
		if e.File != "" || !strings.Contains(e.Problem, "is not inside its package directory apps/web") || !strings.Contains(e.Fix, "relative to it") {
			t.Errorf("StaticDir %q: %v", dir, e)
		}
	}
	if _, err := w.AppWith("nope", AppOptions{StaticDir: "dist"}); err == nil || !strings.Contains(err.Error(), `unknown app "nope"; the apps are: web`) {
		t.Errorf("unknown app with a static dir: %v", err)
	}
}

// A start script wins over static detection, and a static site is listed
// next to node apps.
func TestMixedApps(t *testing.T) {
	w := frontWS(vitePkg(viteBuild), "apps/web/index.html", indexHTML,
		"apps/api/package.json", pkg("api", obj{"scripts": obj{"start": "node dist/index.js"}, "dependencies": obj{"vite": "5.4.21"}}),
		"apps/api/index.html", indexHTML,
		"apps/docs/package.json", pkg("docs", nextPkg("next start")),
	).load(t)
	apps, err := w.Apps()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range apps {
		got = append(got, a.Name+":"+string(a.Kind))
	}
	if want := []string{"api:node", "docs:next", "web:static"}; !equal(got, want) {
		t.Errorf("Apps() = %v, want %v", got, want)
	}
	if _, err := w.App(""); err == nil || !strings.Contains(err.Error(), "the apps are: api, docs, web") {
		t.Errorf(`App("") = %v`, err)
	}
}

// Every file the kind detection reads must be matched by AnalysisPatterns,
// or a caller that copies only those would detect less than a full copy.
func TestAnalysisPatternsCoverReads(t *testing.T) {
	var reads []string
	for _, names := range [][]string{nextConfigs, viteConfigs, astroConfigs, reactRouterConfigs, nuxtConfigs, {"index.html", "public/index.html", "src/index.html"}} {
		for _, name := range names {
			reads = append(reads, name, "apps/web/"+name)
		}
	}
	for _, f := range reads {
		matched := false
		for _, pattern := range AnalysisPatterns {
			if ok, _ := doublestar.Match(pattern, f); ok {
				matched = true
			}
		}
		if !matched {
			t.Errorf("%s is read but no AnalysisPatterns entry matches it", f)
		}
	}
}

// rrPkg is a React Router framework-mode package: its build script, more
// scripts, and its dependencies.
func rrPkg(scripts obj) obj {
	s := obj{"build": "react-router build"}
	for k, v := range scripts {
		s[k] = v
	}
	return obj{"scripts": s, "dependencies": obj{"react-router": "8.5.3", "@react-router/node": "8.5.3"},
		"devDependencies": obj{"@react-router/dev": "8.5.3", "vite": "8.4.1"}}
}

// Every configuration file the detection reads is one that Load's callers
// copy (AnalysisPatterns): a file left out would only mean "not detected".
func TestAnalysisPatternsCoverConfigs(t *testing.T) {
	for _, names := range [][]string{nextConfigs, viteConfigs, astroConfigs, nuxtConfigs, reactRouterConfigs, svelteConfigs} {
		for _, name := range names {
			covered := false
			for _, pattern := range AnalysisPatterns {
				if ok, _ := doublestar.Match(pattern, "apps/web/"+name); ok {
					covered = true
				}
			}
			if !covered {
				t.Errorf("%s matches no AnalysisPatterns glob", name)
			}
		}
	}
}
