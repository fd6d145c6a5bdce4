package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"dagger/pnpm/internal/dagger"
	"dagger/pnpm/internal/workspace"
)

// images builds the image of each named app (every app when names is
// empty) from one reading of the workspace, as one batch: one install and
// one build of all their closures, so that a package several apps need is
// built once.
func (m *Pnpm) images(ctx context.Context, src *dagger.Directory, names []string) ([]*plan, []*dagger.Container, error) {
	ws, err := m.load(ctx, src, true)
	if err != nil {
		return nil, nil, err
	}
	apps, err := ws.model.Apps(names...)
	if err != nil {
		return nil, nil, err
	}
	for _, a := range apps {
		if err := m.checkRuntime(a); err != nil {
			return nil, nil, err
		}
	}
	b := &batch{loaded: ws, apps: apps}
	files, err := m.deployed(ctx, b)
	if err != nil {
		return nil, nil, err
	}
	plans := make([]*plan, len(apps))
	images := make([]*dagger.Container, len(apps))
	for i, a := range apps {
		plans[i] = planOf(b, a)
		images[i] = m.runtime(plans[i], files[i])
	}
	return plans, images, nil
}

// imageRepository is the repository an app is published under: the package
// name without the scope's "@", lower-cased ("@shop/api" -> "shop/api").
func imageRepository(registry string, a *workspace.App) string {
	name := strings.ToLower(strings.TrimPrefix(a.Name, "@"))
	return strings.TrimSuffix(registry, "/") + "/" + name
}

// imageTags are the tags an app is published with: its package.json
// version ("latest" without one), plus the extra tag when given.
func imageTags(a *workspace.App, extra string) []string {
	version := a.Version
	if version == "" {
		version = "latest"
	}
	tags := []string{version}
	if extra != "" && extra != version {
		tags = append(tags, extra)
	}
	return tags
}

// smokeScript starts the image's command in the background, then asks the
// app over HTTP until it answers 2xx, for at most a minute; on failure it
// prints what the app printed. Node's own fetch: the image has no curl.
const smokeScript = `"$@" >/tmp/smoke.log 2>&1 &
app=$!
for _ in $(seq 60); do
  if node -e 'fetch(process.env.SMOKE_URL).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))'; then
    echo "$SMOKE_URL answered"; exit 0
  fi
  kill -0 $app 2>/dev/null || break
  sleep 1
done
echo "$SMOKE_URL did not answer 2xx; the app printed:"
cat /tmp/smoke.log
exit 1`

// smoke runs the smoke script in the app's image.
func smoke(ctx context.Context, p *plan, image *dagger.Container, path string) error {
	if p.port == 0 {
		return errorf("app %q has no port: pass --port or set config.port in %s/package.json", p.app.Name, p.app.Dir)
	}
	url := "http://127.0.0.1:" + strconv.Itoa(p.port) + "/" + strings.TrimPrefix(path, "/")
	_, err := image.
		WithEnvVariable("SMOKE_URL", url).
		WithExec(append([]string{"sh", "-c", smokeScript, "sh"}, command(p.app)...)).
		Sync(ctx)
	if err != nil {
		return fmt.Errorf("smoke test of %q failed: %w", p.app.Name, withOutput(err))
	}
	return nil
}
