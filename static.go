package main

import (
	"context"
	"fmt"
	"strings"

	"dagger/pnpm/internal/dagger"
	"dagger/pnpm/internal/kinds"
	"dagger/pnpm/internal/workspace"
)

// Static sites (kind static): the build's files served by Caddy, a
// well-kept static file server, from its official image.

const (
	// defaultStaticImage is what static sites are served with.
	defaultStaticImage = "caddy:2"
	// staticPort is the port a static site's image listens on, unless
	// config.port or --port says otherwise: above 1024, so no privilege is
	// needed to bind it.
	staticPort = 8080
	// siteRoot is where the image holds the site, as in the official image.
	siteRoot = "/srv"
)

// caddyCommand runs Caddy on the module's Caddyfile, as the official image
// does on its own.
var caddyCommand = []string{"caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"}

// caddyImagePorts are the ports the official image exposes; the site's
// image exposes its own port only.
var caddyImagePorts = []struct {
	port     int
	protocol dagger.NetworkProtocol
}{{80, dagger.NetworkProtocolTcp}, {443, dagger.NetworkProtocolTcp}, {443, dagger.NetworkProtocolUdp}, {2019, dagger.NetworkProtocolTcp}}

// staticImage is the image static sites are served with.
func (m *Pnpm) staticImage() string {
	if m.StaticImage != "" {
		return m.StaticImage
	}
	return defaultStaticImage
}

// dropFileCaps copies the caddy binary over itself: the copy has none of
// the original's extended attributes, so none of the official image's
// cap_net_bind_service file capability, with which the binary cannot even
// start where every capability is dropped (Kubernetes' restricted policy);
// port 8080 needs no capability. Times reset: the layer depends on the
// binary alone.
const dropFileCaps = `c=$(command -v caddy) && d=$(dirname "$c") && cp "$c" "$c.new" && mv "$c.new" "$c" && touch -t 197001010000.00 "$d" "$c"`

// staticRuntime is a static site's image: Caddy with the module's
// Caddyfile, the site in /srv (root's, read-only to the server), run as
// uid 1000 with the directories Caddy writes (its config autosave and data,
// XDG_CONFIG_HOME and XDG_DATA_HOME of the official image) its own.
func (m *Pnpm) staticRuntime(ctx context.Context, p *plan, files *dagger.Directory) (*dagger.Container, error) {
	ctr := dag.Container(dagger.ContainerOpts{Platform: dagger.Platform(m.Platform)}).
		From(m.staticImage()).
		WithExec([]string{"sh", "-c", dropFileCaps})
	for _, e := range caddyImagePorts {
		ctr = ctr.WithoutExposedPort(e.port, dagger.ContainerWithoutExposedPortOpts{Protocol: e.protocol})
	}
	// Why a file of its own with the epoch as its time: its layer then
	// depends on the port, the fallback page and the base path alone.
	config := dag.Directory().WithNewFile("Caddyfile", kinds.Caddyfile(kinds.CaddySite{Port: p.port, Root: siteRoot, Fallback: p.app.StaticFallback, Base: p.app.StaticBase})).WithTimestamps(0).File("Caddyfile")
	writable := dagger.ContainerWithDirectoryOpts{Owner: runtimeUser}
	// Why under the base path: the build wrote the files at the top of its
	// output but links them as <base>/..., which Caddy maps to /srv/<base>/.
	ctr = ctr.
		WithFile("/etc/caddy/Caddyfile", config).
		WithDirectory(siteRoot+p.app.StaticBase, files).
		WithDirectory("/config/caddy", emptyDir(), writable).
		WithDirectory("/data/caddy", emptyDir(), writable).
		WithEnvVariable("XDG_CONFIG_HOME", "/config").
		WithEnvVariable("XDG_DATA_HOME", "/data").
		WithWorkdir(siteRoot).
		WithUser(runtimeUser).
		WithoutEntrypoint().
		WithDefaultArgs(caddyCommand)
	return m.stable(labelled(ctr, p), m.image(p.versions)), nil
}

// staticProbe asks the site until it answers 2xx, for at most a minute.
const staticProbe = `const deadline = Date.now() + 60000;
const ask = () => fetch(process.env.SMOKE_URL).then(r => {
  if (r.ok) { console.log(process.env.SMOKE_URL + " answered " + r.status); return; }
  throw new Error(process.env.SMOKE_URL + " answered " + r.status);
});
const loop = () => ask().catch(e => {
  if (Date.now() > deadline) { console.error(e.message); process.exit(1); }
  return new Promise(r => setTimeout(r, 1000)).then(loop);
});
loop();`

// smokeApp smoke-tests an app's image: in the image itself, or for a
// static site from a node container.
func (m *Pnpm) smokeApp(ctx context.Context, p *plan, image *dagger.Container, path string) error {
	if p.app.Kind == workspace.KindStatic {
		return m.smokeStatic(ctx, p, image, path)
	}
	return smoke(ctx, p, image, path)
}

// smokeStatic runs a static site's image as a service and asks it from a
// node container: Caddy's image has no HTTP client.
func (m *Pnpm) smokeStatic(ctx context.Context, p *plan, image *dagger.Container, path string) error {
	url := fmt.Sprintf("http://site:%d/%s", p.port, strings.TrimPrefix(path, "/"))
	_, err := m.node(p.versions).
		WithServiceBinding("site", image.AsService()).
		WithEnvVariable("SMOKE_URL", url).
		WithExec([]string{"node", "-e", staticProbe}).
		Sync(ctx)
	if err != nil {
		return fmt.Errorf("smoke test of %q failed: %w", p.app.Name, withOutput(err))
	}
	return nil
}
