package main

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"

	"dagger/pnpm/internal/dagger"
	"dagger/pnpm/internal/workspace"

	"golang.org/x/sync/errgroup"
)

// built is an app's plan and the output of its deploy.
type built struct {
	plan  *plan
	files *dagger.Directory
}

// buildApps builds and deploys each named app (every app when names is
// empty) from one reading of the workspace. Together, they are one batch:
// one install and one build of all their closures, so a package several
// apps need is built once. Separately, each app has its own chain, as with
// `build`: an edit to one app never re-runs another's build.
func (m *Pnpm) buildApps(ctx context.Context, src *dagger.Directory, names []string, separately bool) ([]built, error) {
	ws, err := m.load(ctx, src, true)
	if err != nil {
		return nil, err
	}
	apps, err := ws.model.Apps(names...)
	if err != nil {
		return nil, err
	}
	// Every app is checked before any container runs: a start script that
	// cannot work, or a runtime the app cannot run on, fails the whole call.
	for _, a := range apps {
		if err := a.Check(); err != nil {
			return nil, err
		}
		if err := m.checkRuntime(a); err != nil {
			return nil, err
		}
	}
	out := make([]built, len(apps))
	if !separately {
		b := &batch{loaded: ws, apps: apps}
		files, err := m.deployed(ctx, b)
		if err != nil {
			return nil, err
		}
		for i, a := range apps {
			out[i] = built{planOf(b, a), files[i]}
		}
		return out, nil
	}
	g, gctx := errgroup.WithContext(ctx)
	for i, a := range apps {
		p := soloPlan(ws, a)
		g.Go(func() error {
			files, err := m.deployedApp(gctx, p)
			out[i] = built{p, files}
			return err
		})
	}
	return out, g.Wait()
}

// appImage is the image of one app and its plan (see Build).
func (m *Pnpm) appImage(ctx context.Context, src *dagger.Directory, app, staticDir string, port int) (*plan, *dagger.Container, error) {
	p, err := m.plan(ctx, src, app, staticDir)
	if err != nil {
		return nil, nil, err
	}
	if port != 0 {
		p.port = port
	}
	files, err := m.deployedApp(ctx, p)
	if err != nil {
		return nil, nil, err
	}
	image, err := m.runtime(ctx, p, files)
	return p, image, err
}

// images is buildApps with each app's image.
func (m *Pnpm) images(ctx context.Context, src *dagger.Directory, names []string, separately bool) ([]*plan, []*dagger.Container, error) {
	apps, err := m.buildApps(ctx, src, names, separately)
	if err != nil {
		return nil, nil, err
	}
	plans := make([]*plan, len(apps))
	images := make([]*dagger.Container, len(apps))
	for i, b := range apps {
		plans[i] = b.plan
		if images[i], err = m.runtime(ctx, b.plan, b.files); err != nil {
			return nil, nil, err
		}
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

// portToProbe fails when the plan's app has no port to ask, which smoke
// needs: SmokeTest asks before building, so that a missing port is told
// before any container runs.
func portToProbe(p *plan) error {
	if p.port == 0 {
		return errorf("app %q has no port: pass --port or set config.port in %s", p.app.Name, path.Join(p.app.Dir, "package.json"))
	}
	return nil
}

// smoke runs the smoke script in the app's image.
func smoke(ctx context.Context, p *plan, image *dagger.Container, path string) error {
	if err := portToProbe(p); err != nil {
		return err
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

// smokeEvery smoke-tests every app of a workspace of several apps that has a
// port, built as one batch, all in parallel; false (and nothing done) when
// the workspace has one app, which the caller tests as usual.
func (m *Pnpm) smokeEvery(ctx context.Context, src *dagger.Directory, path string, vars []workspace.EnvVar) (bool, error) {
	ws, err := m.load(ctx, src, false)
	if err != nil {
		return false, err
	}
	apps, err := ws.model.Apps()
	if err != nil || len(apps) < 2 {
		return false, err
	}
	var names []string
	for _, a := range apps {
		if port, _ := appPort(a); port != 0 {
			names = append(names, a.Name)
		}
	}
	if len(names) == 0 {
		return true, errorf("no app of the workspace has a port to smoke-test; fix: set config.port in the apps' package.json, or pass --app and --port")
	}
	results, err := m.buildApps(ctx, src, names, false)
	if err != nil {
		return true, err
	}
	failures := make([]error, len(results))
	var g errgroup.Group
	for i, b := range results {
		g.Go(func() error {
			image, err := m.runtime(ctx, b.plan, b.files)
			if err == nil {
				err = m.smokeApp(ctx, b.plan, withEnv(image, vars), path)
			}
			failures[i] = err
			return nil
		})
	}
	_ = g.Wait()
	return true, errors.Join(failures...)
}
