package kinds

import (
	"strings"
	"testing"

	"dagger/pnpm/internal/workspace"
)

func TestParse(t *testing.T) {
	out := "pnpm build output\npnpm-module:start:1:dist/\npnpm-module:start:1:node_modules/\r\npnpm-module:start:1:package.json\n"
	r, ok := Parse(out)
	if !ok || r.Code != CodeStart || r.App != 1 || strings.Join(r.Details, ",") != "dist/,node_modules/,package.json" {
		t.Fatalf("Parse = %+v, %v", r, ok)
	}
	if _, ok := Parse("exit status 1\nERR_PNPM_RECURSIVE_RUN_FIRST_FAIL"); ok {
		t.Fatal("an output without a report was taken for one")
	}
}

func TestStartFileAssemblyRunCache(t *testing.T) {
	node := &workspace.App{Package: &workspace.Package{}, Kind: workspace.KindNode, Entrypoint: []string{"node", "--enable-source-maps", "dist/index.js"}}
	next := &workspace.App{Package: &workspace.Package{Dir: "apps/web"}, Kind: workspace.KindNext, NextStandalone: true, NextDistDir: ".next",
		Entrypoint: []string{"node", "apps/web/server.js"}}
	site := &workspace.App{Package: &workspace.Package{Dir: "apps/spa"}, Kind: workspace.KindStatic, StaticDir: "dist"}
	plainNext := &workspace.App{Package: &workspace.Package{Dir: "apps/web"}, Kind: workspace.KindNext, NextDistDir: ".next"}
	cases := []struct {
		a                *workspace.App
		file, how, cache string
	}{
		{node, "dist/index.js", Deploy, ""},
		{next, "apps/web/server.js", Standalone, "apps/web/.next/cache"},
		{site, "", Site, ""},
		{plainNext, "", Deploy, ".next/cache"},
	}
	for _, c := range cases {
		if got := StartFile(c.a); got != c.file {
			t.Errorf("StartFile(%s) = %q, want %q", c.a.Kind, got, c.file)
		}
		if got := Assembly(c.a); got != c.how {
			t.Errorf("Assembly(%s) = %q, want %q", c.a.Kind, got, c.how)
		}
		if got := RunCache(c.a); got != c.cache {
			t.Errorf("RunCache(%s) = %q, want %q", c.a.Kind, got, c.cache)
		}
	}
}

func TestReportErrors(t *testing.T) {
	app1 := &workspace.App{Package: &workspace.Package{Name: "app1", Dir: "packages/app1", Scripts: map[string]string{"start": "node dist/missing.js"}},
		Kind: workspace.KindNode, Entrypoint: []string{"node", "dist/missing.js"}}
	web := &workspace.App{Package: &workspace.Package{Name: "web", Dir: "apps/web"}, Kind: workspace.KindNext, NextStandalone: true,
		NextDistDir: ".next", NextConfig: "apps/web/next.config.mjs", Entrypoint: []string{"node", "apps/web/server.js"}}
	spa := &workspace.App{Package: &workspace.Package{Name: "spa", Dir: "apps/spa"}, Kind: workspace.KindStatic, StaticDir: "out"}
	site := &workspace.App{Package: &workspace.Package{Name: "site", Dir: "apps/site"}, Kind: workspace.KindNode, Entrypoint: []string{"node", "dist/server/entry.mjs"},
		ServerFramework: "Astro", ServerMissing: "Astro writes one only when a page is rendered on demand"}
	cases := []struct {
		r    Report
		a    *workspace.App
		want []string
	}{
		{Report{CodeStart, 0, []string{"dist/", "node_modules/", "package.json"}}, app1, []string{`app "app1"`, `"node dist/missing.js" runs dist/missing.js`,
			"has no dist/missing.js", "its top level holds: dist/, node_modules/, package.json", `a "files" field in packages/app1/package.json`}},
		{Report{CodeStart, 0, []string{"node_modules/", "package.json"}}, web, []string{"the image runs `node apps/web/server.js`",
			"standalone output apps/web/.next/standalone has no apps/web/server.js", "outputFileTracingRoot"}},
		{Report{CodeStart, 0, []string{"dist/", "package.json"}}, site, []string{"the image runs `node dist/server/entry.mjs`, the server Astro's build writes, but the deployed app (apps/site) has no dist/server/entry.mjs",
			"its top level holds: dist/, package.json; Astro writes one only when a page is rendered on demand"}},
		{Report{CodeLinks, 0, []string{"apps/web/broken -> ../missing"}}, web, []string{"apps/web/.next/standalone dangle or point out of it", "(1): apps/web/broken -> ../missing"}},
		{Report{CodeNoOutput, 0, []string{"dist/", "index.html"}}, spa, []string{"the build wrote no apps/spa/out", "apps/spa holds: dist/, index.html", "--static-dir"}},
		{Report{CodeNoOutput, 0, nil}, web, []string{"next build wrote no apps/web/.next/standalone although apps/web/next.config.mjs sets output: 'standalone'", "holds: nothing"}},
	}
	for _, c := range cases {
		err := c.r.Error(c.a)
		if err == nil {
			t.Fatalf("%+v: no error", c.r)
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%q does not contain %q", err, w)
			}
		}
	}
	if (Report{Code: "other"}).Error(app1) != nil {
		t.Error("an unknown code made an error")
	}
}

func TestCaddyfile(t *testing.T) {
	if c := Caddyfile(CaddySite{8080, "/srv", "200.html", ""}); !strings.Contains(c, "try_files {path} {path}/ {path}.html /200.html /__spa-fallback.html /index.html") {
		t.Errorf("Caddyfile does not try the named fallback page first:\n%s", c)
	}
	based := Caddyfile(CaddySite{8080, "/srv", "200.html", "/docs"})
	for _, want := range []string{"\tredir / /docs/\n", "try_files {path} {path}/ {path}.html /docs/200.html /docs/__spa-fallback.html /docs/index.html",
		`header /docs/assets/* Cache-Control "public, max-age=31536000, immutable"`, `header /docs/_app/immutable/* Cache-Control`} {
		if !strings.Contains(based, want) {
			t.Errorf("Caddyfile for a base path lacks %q:\n%s", want, based)
		}
	}
	c := Caddyfile(CaddySite{8080, "/srv", "", ""})
	if strings.Contains(c, "redir") {
		t.Errorf("Caddyfile without a base path redirects:\n%s", c)
	}
	for _, want := range []string{":8080 {", "root * /srv", "try_files {path} {path}/ {path}.html /__spa-fallback.html /index.html",
		`header /assets/* Cache-Control "public, max-age=31536000, immutable"`, `header /_app/immutable/* Cache-Control "public, max-age=31536000, immutable"`, `header @html Cache-Control "no-cache"`,
		"precompressed zstd br gzip", "admin off", "auto_https off"} {
		if !strings.Contains(c, want) {
			t.Errorf("Caddyfile lacks %q:\n%s", want, c)
		}
	}
	// The fallback comes first in a route block, so that the headers match
	// the file actually served.
	r, f := strings.Index(c, "route {"), strings.Index(c, "try_files")
	if r < 0 || f < r || strings.Index(c, "header @html") < f {
		t.Errorf("try_files is not first in the route block:\n%s", c)
	}
}
