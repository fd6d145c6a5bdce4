package main

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"dagger/tests/internal/dagger"
)

// App kinds (issue 12): a Next.js standalone app, a static site served by
// Caddy, a real browser on the static site, and the start-command checks.

func (t *Tests) kindCases() []testCase {
	return []testCase{
		{"next-standalone/web answers /text, /, /robots.txt and a /_next/static asset", t.nextAnswers},
		{"next-standalone/web image: the standalone output only, no dangling link, uid 1000", t.nextContents},
		{"next-standalone/web answers on the minimal runtime", t.nextMinimal},
		{"next-standalone/web without output: 'standalone' is pnpm deploy + next start, and apps says how to shrink it", t.nextStart},
		{"next-standalone/web: a dangling link in the standalone output fails the build, naming it", t.nextDanglingLink},
		{"vite-spa/spa serves index.html at / and deep links, with cache headers, on 8080, not as root", t.staticServes},
		{"vite-spa/spa serves a precompressed .gz to a client that accepts gzip", t.staticPrecompressed},
		{"vite-spa/spa in headless Chromium: the app's JavaScript renders a deep link", t.staticInChromium},
		{"smoke-test passes for the static site (asked from a node container) and the Next app", func(ctx context.Context) error {
			if err := dag.Pnpm().SmokeTest(ctx, dagger.PnpmSmokeTestOpts{Src: t.fixture("vite-spa"), Path: "/settings/profile"}); err != nil {
				return err
			}
			return dag.Pnpm().SmokeTest(ctx, dagger.PnpmSmokeTestOpts{Src: t.fixture("next-standalone"), Path: "/text"})
		}},
		{"vite-spa/spa: --static-dir naming a directory the build does not write fails with what it wrote", t.staticDirMissing},
		{"vite-spa/spa: --runtime minimal is refused for a static site", t.staticMinimal},
		{"apps reports each app's kind, hint and start problem", t.appsKinds},
		{"kinds-mix: build-all builds a node app, a static site and a Next standalone app in one batch", t.mixedBatch},
		{"rejects ts-node: a start script needing a devDependency, before any container runs", t.tsNodeRejected},
		{"rejects a start file the deploy does not hold (app2 of a build-all batch), naming the app, the script, the file and what it holds", t.startFileMissing},
	}
}

// request is one HTTP request of a probe; response what came back.
type request struct {
	Path    string            `json:"path"`
	Headers map[string]string `json:"headers,omitempty"`
}
type response struct {
	Path    string            `json:"path"`
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
}

// probeScript asks each request of $REQUESTS (retrying while the server
// starts) and prints the responses as JSON. Node's fetch decodes a gzip
// body and keeps the content-encoding header.
const probeScript = `const reqs = JSON.parse(process.env.REQUESTS);
(async () => {
  const out = [];
  for (const r of reqs) {
    let res, last;
    for (let i = 0; i < 60 && !res; i++) {
      try { res = await fetch(process.env.BASE + r.path, { headers: r.headers || {}, redirect: "manual" }); }
      catch (e) { last = e; await new Promise(s => setTimeout(s, 1000)); }
    }
    if (!res) throw last;
    out.push({ path: r.path, status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() });
  }
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });`

// probe runs the image as a service and sends it the requests from a
// client container.
func probe(ctx context.Context, image *dagger.Container, port int, reqs ...request) ([]response, error) {
	encoded, err := json.Marshal(reqs)
	if err != nil {
		return nil, err
	}
	out, err := dag.Container().From("node:22-slim").
		WithServiceBinding("app", image.AsService()).
		WithEnvVariable("BASE", fmt.Sprintf("http://app:%d", port)).
		WithEnvVariable("REQUESTS", string(encoded)).
		// A new value each run: the probe must really run, not come from cache.
		WithEnvVariable("PROBE_AT", time.Now().String()).
		WithExec([]string{"node", "-e", probeScript}).
		Stdout(ctx)
	if err != nil {
		return nil, err
	}
	var got []response
	return got, json.Unmarshal([]byte(out), &got)
}

// expectResponse checks a response's status, and that its body and
// headers contain what is wanted.
func expectResponse(r response, status int, body string, headers map[string]string) error {
	if r.Status != status {
		return fmt.Errorf("GET %s: status %d, want %d (body %.200q)", r.Path, r.Status, status, r.Body)
	}
	if !strings.Contains(r.Body, body) {
		return fmt.Errorf("GET %s: body %.300q does not contain %q", r.Path, r.Body, body)
	}
	for name, want := range headers {
		if got := r.Headers[name]; got != want {
			return fmt.Errorf("GET %s: %s is %q, want %q", r.Path, name, got, want)
		}
	}
	return nil
}

// nextImage is the Next.js fixture's image.
func (t *Tests) nextImage(opts dagger.PnpmOpts) *dagger.Container {
	return dag.Pnpm(opts).Build(dagger.PnpmBuildOpts{Src: t.fixture("next-standalone"), App: "web"})
}

const uiSays = "ui says: hello from @ns/ui"

var nextStaticAsset = regexp.MustCompile(`/_next/static/[^"']+\.js`)

func (t *Tests) nextAnswers(ctx context.Context) error {
	image := t.nextImage(dagger.PnpmOpts{})
	got, err := probe(ctx, image, 3000, request{Path: "/text"}, request{Path: "/"}, request{Path: "/robots.txt"})
	if err != nil {
		return err
	}
	if got[0].Body != uiSays {
		return fmt.Errorf("GET /text = %q, want exactly %q", got[0].Body, uiSays)
	}
	for i, want := range []string{uiSays, "User-agent: *"} {
		if err := expectResponse(got[i+1], 200, want, nil); err != nil {
			return err
		}
	}
	asset := nextStaticAsset.FindString(got[1].Body)
	if asset == "" {
		return fmt.Errorf("GET / names no /_next/static script: %.300q", got[1].Body)
	}
	assets, err := probe(ctx, image, 3000, request{Path: asset})
	if err != nil {
		return err
	}
	return expectResponse(assets[0], 200, "", nil)
}

// nextChecks are shell commands whose output the Next image must match
// exactly, each with what it checks.
var nextChecks = []struct{ rule, cmd, want string }{
	{"runs as uid 1000", "id -u", "1000"},
	{"/app is the standalone output, with static files and public/", "ls -A /app; ls -A /app/apps/web; test -d /app/apps/web/.next/static/chunks && echo static; ls /app/apps/web/public",
		"apps\nnode_modules\npackage.json\npackages\n.next\nnode_modules\npackage.json\npublic\nserver.js\nstatic\nrobots.txt"},
	{"no workspace node_modules/.pnpm outside the standalone tree", "find /app -name .pnpm -type d", "/app/node_modules/.pnpm"},
	{"only what Next traced: no compiler binaries, no devDependencies", "ls /app/node_modules/.pnpm | grep -E '^(@next\\+swc|typescript|@types)' || true", ""},
	{"no dangling link, none leaving /app", "find /app -type l | while read -r l; do [ -e \"$l\" ] || echo \"dangles: $l\"; case $(readlink -f \"$l\") in /app/*) ;; *) echo \"leaves: $l\";; esac; done", ""},
	{"the app's files are root's, but .next/cache", "find /app -user 1000", "/app/apps/web/.next/cache"},
	{"no .env files, no workspace lockfile", "find /app -name '.env*' -o -name pnpm-lock.yaml -o -name pnpm-workspace.yaml", ""},
}

func (t *Tests) nextContents(ctx context.Context) error {
	image := t.nextImage(dagger.PnpmOpts{})
	for _, c := range nextChecks {
		out, err := image.WithExec([]string{"sh", "-c", c.cmd}).Stdout(ctx)
		if err != nil {
			return fmt.Errorf("%s: %w", c.rule, err)
		}
		if got := strings.TrimSpace(out); got != c.want {
			return fmt.Errorf("%s: got\n%s\nwant\n%s", c.rule, got, c.want)
		}
	}
	args, err := image.DefaultArgs(ctx)
	if err != nil {
		return err
	}
	host, err := image.EnvVariable(ctx, "HOSTNAME")
	if err != nil {
		return err
	}
	if strings.Join(args, " ") != "node apps/web/server.js" || host != "0.0.0.0" {
		return fmt.Errorf("command %q, HOSTNAME %q; want node apps/web/server.js and 0.0.0.0", args, host)
	}
	return nil
}

func (t *Tests) nextMinimal(ctx context.Context) error {
	got, err := probe(ctx, t.nextImage(dagger.PnpmOpts{Runtime: dagger.PnpmRuntimeMinimal}), 3000, request{Path: "/text"})
	if err != nil {
		return err
	}
	return expectResponse(got[0], 200, uiSays, nil)
}

// withoutStandalone is the Next fixture with a next.config that sets no output.
func (t *Tests) withoutStandalone() *dagger.Directory {
	return t.fixture("next-standalone").WithNewFile("apps/web/next.config.mjs", "export default {};\n")
}

func (t *Tests) nextStart(ctx context.Context) error {
	// With the .gitignore create-next-app writes: pnpm deploy, which
	// copies files as npm pack picks them, must still ship the build.
	src := t.withoutStandalone().WithNewFile("apps/web/.gitignore", "/.next/\n/node_modules\n/out/\n")
	image := dag.Pnpm().Build(dagger.PnpmBuildOpts{Src: src, App: "web"})
	got, err := probe(ctx, image, 3000, request{Path: "/text"})
	if err != nil {
		return err
	}
	if err := expectResponse(got[0], 200, uiSays, nil); err != nil {
		return err
	}
	args, err := image.DefaultArgs(ctx)
	if err != nil {
		return err
	}
	if err := expectContains("command", strings.Join(args, " "), "exec next start -p 3000"); err != nil {
		return err
	}
	if err := stopsOnSigterm(ctx, image, args, "http://127.0.0.1:3000/text"); err != nil {
		return err
	}
	out, err := image.WithExec([]string{"sh", "-c", "find /app -user 1000; ls -A /app/.next/cache"}).Stdout(ctx)
	if err != nil {
		return err
	}
	if strings.TrimSpace(out) != "/app/.next/cache" {
		return fmt.Errorf("want an empty /app/.next/cache, the only thing uid 1000 owns; got %q", out)
	}
	apps, err := dag.Pnpm().Apps(ctx, dagger.PnpmAppsOpts{Src: src})
	if err != nil {
		return err
	}
	hint, err := apps[0].Hint(ctx)
	if err != nil {
		return err
	}
	return expectContains("hint", hint, "add output: 'standalone' to apps/web/next.config.mjs")
}

// stopScript runs the image's command ("$@"), waits until $URL answers,
// sends the command SIGTERM, as `docker stop` does to PID 1, gives it 30 s
// to end, then asks $URL again: with the shell exec'ing the app, the app
// got the signal and nothing answers; with a shell in front, the shell
// died and left the app serving.
const stopScript = `"$@" > /tmp/app.log 2>&1 & pid=$!
up() { node -e 'fetch(process.env.URL).then(() => process.exit(0), () => process.exit(1))'; }
i=0
until up; do
  i=$((i + 1)); [ "$i" -lt 60 ] || { echo "never answered"; cat /tmp/app.log; exit 1; }
  sleep 1
done
kill -TERM "$pid"
i=0
while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 30 ]; do i=$((i + 1)); sleep 1; done
if up; then echo "still serving after SIGTERM"; cat /tmp/app.log; else echo "stopped"; fi`

// stopsOnSigterm checks that the image's command args ends serving url on
// SIGTERM.
func stopsOnSigterm(ctx context.Context, image *dagger.Container, args []string, url string) error {
	out, err := image.
		WithEnvVariable("URL", url).
		WithExec(append([]string{"sh", "-c", stopScript, "sh"}, args...)).
		Stdout(ctx)
	if err != nil {
		return err
	}
	if strings.TrimSpace(out) != "stopped" {
		return fmt.Errorf("after SIGTERM to %q: %q, want \"stopped\"", args, out)
	}
	return nil
}

func (t *Tests) nextDanglingLink(ctx context.Context) error {
	manifest, err := t.fixture("next-standalone").File("apps/web/package.json").Contents(ctx)
	if err != nil {
		return err
	}
	broken := strings.Replace(manifest, `"build": "next build"`,
		`"build": "next build && ln -s ../missing .next/standalone/apps/web/broken && ln -s /app/node_modules .next/standalone/escape"`, 1)
	src := t.fixture("next-standalone").WithNewFile("apps/web/package.json", broken)
	_, err = dag.Pnpm().Build(dagger.PnpmBuildOpts{Src: src, App: "web"}).Sync(ctx)
	if err == nil {
		return fmt.Errorf("the build succeeded with a dangling link in the standalone output")
	}
	return expectContains("error", err.Error(), `app "web"`, "apps/web/.next/standalone", "dangle or point out of it",
		"apps/web/broken -> ../missing", "escape -> /app/node_modules")
}

// staticImage is the static fixture's image.
func (t *Tests) staticImage() *dagger.Container {
	return dag.Pnpm().Build(dagger.PnpmBuildOpts{Src: t.fixture("vite-spa"), App: "spa"})
}

var staticAsset = regexp.MustCompile(`/assets/index-[A-Za-z0-9_-]+\.js`)

// servedScript asks the static image on 8080 for the script that its
// index.html (the response index) loads.
func servedScript(ctx context.Context, image *dagger.Container, index response) (response, error) {
	asset := staticAsset.FindString(index.Body)
	if asset == "" {
		return response{}, fmt.Errorf("index.html names no /assets/index-<hash>.js: %q", index.Body)
	}
	got, err := probe(ctx, image, 8080, request{Path: asset})
	if err != nil {
		return response{}, err
	}
	return got[0], nil
}

const (
	immutable = "public, max-age=31536000, immutable"
	noCache   = "no-cache"
)

func (t *Tests) staticServes(ctx context.Context) error {
	image := t.staticImage()
	got, err := probe(ctx, image, 8080, request{Path: "/"}, request{Path: "/settings/profile"}, request{Path: "/index.html"})
	if err != nil {
		return err
	}
	for _, r := range got {
		if err := expectResponse(r, 200, `<p id="route"></p>`, map[string]string{"cache-control": noCache}); err != nil {
			return err
		}
	}
	script, err := servedScript(ctx, image, got[0])
	if err != nil {
		return err
	}
	if err := expectResponse(script, 200, "hello from @vs/greeting", map[string]string{"cache-control": immutable}); err != nil {
		return err
	}
	return checkStaticImage(ctx, image)
}

// checkStaticImage asserts the static image's user, port and command.
func checkStaticImage(ctx context.Context, image *dagger.Container) error {
	uid, err := image.WithExec([]string{"id", "-u"}).Stdout(ctx)
	if err != nil {
		return err
	}
	port, err := image.EnvVariable(ctx, "PORT")
	if err != nil {
		return err
	}
	ports, err := image.ExposedPorts(ctx)
	if err != nil {
		return err
	}
	var exposed []int
	for _, p := range ports {
		n, err := p.Port(ctx)
		if err != nil {
			return err
		}
		exposed = append(exposed, n)
	}
	if strings.TrimSpace(uid) != "1000" || port != "8080" || !slices.Equal(exposed, []int{8080}) {
		return fmt.Errorf("uid %q, PORT %q, exposed %v; want 1000, 8080, [8080]", strings.TrimSpace(uid), port, exposed)
	}
	return nil
}

const gzMarker = "served from the precompressed file"

func (t *Tests) staticPrecompressed(ctx context.Context) error {
	image := t.staticImage()
	index, err := image.File("/srv/index.html").Contents(ctx)
	if err != nil {
		return err
	}
	asset := staticAsset.FindString(index)
	if asset == "" {
		return fmt.Errorf("index.html names no /assets/index-<hash>.js")
	}
	// A .gz sibling whose content differs from the file: only the
	// precompressed file can answer with it.
	gz := dag.Container().From("debian:bookworm").
		WithExec([]string{"sh", "-c", "printf '%s' \"$1\" | gzip -9 > /x.gz", "sh", gzMarker}).
		File("/x.gz")
	got, err := probe(ctx, image.WithFile("/srv"+asset+".gz", gz), 8080,
		request{Path: asset, Headers: map[string]string{"accept-encoding": "gzip"}},
		request{Path: asset, Headers: map[string]string{"accept-encoding": "identity"}})
	if err != nil {
		return err
	}
	if err := expectResponse(got[0], 200, gzMarker, map[string]string{"content-encoding": "gzip", "vary": "Accept-Encoding", "cache-control": immutable}); err != nil {
		return err
	}
	return expectResponse(got[1], 200, "hello from @vs/greeting", map[string]string{"content-encoding": ""})
}

func (t *Tests) staticDirMissing(ctx context.Context) error {
	_, err := dag.Pnpm().Build(dagger.PnpmBuildOpts{Src: t.fixture("vite-spa"), App: "spa", StaticDir: "public-out"}).Sync(ctx)
	if err == nil {
		return fmt.Errorf("the build succeeded serving a directory the build does not write")
	}
	return expectContains("error", err.Error(), `app "spa": the build wrote no apps/spa/public-out`, "dist/", "index.html", "--static-dir")
}

func (t *Tests) staticMinimal(ctx context.Context) error {
	_, err := dag.Pnpm(dagger.PnpmOpts{Runtime: dagger.PnpmRuntimeMinimal}).Build(dagger.PnpmBuildOpts{Src: t.fixture("vite-spa"), App: "spa"}).Sync(ctx)
	if err == nil {
		return fmt.Errorf("--runtime minimal built a static site")
	}
	return expectContains("error", err.Error(), "--runtime minimal", "spa is a static site", "without --runtime minimal")
}
