// Build small, non-root container images for the apps of a pnpm workspace.
//
// The module reads the workspace (pnpm-workspace.yaml, every package.json,
// pnpm-lock.yaml, .nvmrc) before any container runs, so broken input fails fast
// with the file and the fix. Each app is then built in cached stages: an
// install of the app's workspace closure keyed on its manifests and lockfile
// (downloading into the store volume only what the volume lacks), a build of
// that closure keyed on its sources, and `pnpm deploy --prod` into a fresh
// node image that runs as the non-root `node` user. Editing one app never
// rebuilds another.
//
// Works for a single package (no pnpm-workspace.yaml) and for monorepos, with
// pnpm 9 to 12 on Node 20 to 26, without Corepack.
package main

import (
	"context"
	"slices"

	"dagger/pnpm/internal/dagger"
	"dagger/pnpm/internal/workspace"

	"golang.org/x/sync/errgroup"
)

// Pnpm builds container images from a pnpm workspace.
type Pnpm struct {
	// The constructor's options, kept with the object (private: they are
	// set by the constructor, not functions to call).

	// +private
	NodeVersion string
	// +private
	PnpmVersion string
	// +private
	BaseImage string
	// +private
	Runtime Runtime
	// +private
	Platform string // a string: an empty dagger.Platform cannot be serialised
	// +private
	StableDigests bool
	// +private
	StaticImage string
	// +private
	Npmrc *dagger.Secret
	// +private
	NpmToken *dagger.Secret
	// +private
	StoreCache *dagger.CacheVolume
	// +private
	BuildEnv []string
}

// New configures how images are built: the Node and pnpm versions, the base
// image and runtime, the platform, registry credentials and the store cache.
// Every option has a default taken from the workspace itself.
func New(
	// Node.js version to build and run with: a major ("22") or a semver
	// range. Default: the newest of 20, 22, 24 and 26 that the workspace's
	// devEngines.runtime, engines.node and .nvmrc / .node-version (else
	// .tool-versions or mise.toml) all allow.
	// +optional
	nodeVersion string,
	// pnpm version: exact ("10.12.1"), a major ("10") or a range. Default:
	// packageManager, devEngines.packageManager or engines.pnpm, else the
	// lockfile's default (pnpm 10 for lockfileVersion 9.0).
	// +optional
	pnpmVersion string,
	// Image to build and run on instead of node:<major>-slim (for instance a
	// mirror's copy). It needs node and npm on PATH and a user with uid 1000.
	// +optional
	baseImage string,
	// What the app's image is made of: slim (the node:<major>-slim image)
	// or minimal (the node binary and its libraries only; the start script
	// must be a plain "node <file>").
	// +default="slim"
	runtime Runtime,
	// Platform to build for (e.g. "linux/arm64"); default: the engine's.
	// +optional
	platform dagger.Platform,
	// A user-level .npmrc (registry URLs and auth) as a secret. It is mounted
	// only while pnpm downloads packages and never lands in a layer.
	// +optional
	npmrc *dagger.Secret,
	// Token for a private registry, set as $NPM_TOKEN while pnpm downloads
	// packages: reference it from the workspace's .npmrc as ${NPM_TOKEN}.
	// +optional
	npmToken *dagger.Secret,
	// Cache volume for the pnpm store and metadata cache. Default: a volume
	// named after the pnpm major, e.g. "pnpm-store-v10".
	// +optional
	storeCache *dagger.CacheVolume,
	// Give every image a digest that depends on its content alone, on this
	// engine: the same source gives the same digest even when steps run
	// again (a fresh store, an edit elsewhere). Dagger v0.19.10 otherwise
	// stamps the config with the time the last layer was made. Costs an
	// export and import of each image (seconds). A fresh engine still
	// records its own time.
	// +optional
	stableDigests bool,
	// Image to serve static sites with instead of caddy:2 (for instance a
	// mirror's copy): Caddy 2.6 or newer, with caddy on PATH.
	// +optional
	staticImage string,
	// Environment variables for the build scripts, as NAME=value (e.g.
	// VITE_API_URL=https://api.example.com): what a bundler inlines at
	// build time (VITE_*, NEXT_PUBLIC_*). Every app's build gets them, and
	// a new value builds again without installing again. They stay out of
	// the images; .env files never enter a build, so set such values here.
	// +optional
	buildEnv []string,
) *Pnpm {
	return &Pnpm{
		NodeVersion: nodeVersion,
		PnpmVersion: pnpmVersion,
		BaseImage:   baseImage,
		Runtime:     runtime,
		Platform:    string(platform),
		Npmrc:       npmrc,
		NpmToken:    npmToken,
		StoreCache:  storeCache,

		StableDigests: stableDigests,
		StaticImage:   staticImage,
		BuildEnv:      buildEnv,
	}
}

// The build base: the node image with the workspace's pnpm installed (from
// its registry tarball or by npm; no Corepack), the pnpm store cache
// mounted, and /app as the working directory.
func (m *Pnpm) Base(
	ctx context.Context,
	// Workspace root (the directory holding pnpm-lock.yaml).
	// +defaultPath="/"
	// +ignore=["**/node_modules", "**/dist", "**/.git", "**/.turbo", "**/.next", "**/coverage"]
	src *dagger.Directory,
) (*dagger.Container, error) {
	ws, err := m.load(ctx, src, false)
	if err != nil {
		return nil, err
	}
	return m.base(ws.versions), nil
}

// Why the functions that return what they built from src (builder,
// prod-deps, build, build-all, tarball, sbom) are cached per session
// (+cache="session") and not for 7 days: a result from Dagger v0.19.10's
// persistent function cache is the call chain that made it, starting at the
// caller's Host.directory(path) as that caller wrote the path. A later call
// with the same content from another directory (`--src .` in a copy, then
// `--src testdata/monorepo` from the repository) can get that result, and
// the engine may evaluate the path again from the new caller's directory:
// "stat /packages/app1/package.json: no such file or directory", for 7
// days, with nothing wrong in the workspace (seen after hack/test, then
// hack/demo). Per session, a new call runs the function again (~1 s with
// every step cached) on the source it was given.

// The build stage of one app: its workspace closure installed with
// devDependencies (`pnpm install --frozen-lockfile`, downloading into the
// store volume only what it lacks) and built with `pnpm --filter <app>...
// run build`. Chain `terminal` to debug a build.
// +cache="session"
func (m *Pnpm) Builder(
	ctx context.Context,
	// Workspace root (the directory holding pnpm-lock.yaml).
	// +defaultPath="/"
	// +ignore=["**/node_modules", "**/dist", "**/.git", "**/.turbo", "**/.next", "**/coverage"]
	src *dagger.Directory,
	// App to build (package name); optional when the workspace has one app.
	// +optional
	app string,
	// The directory the app's build writes, relative to its package (e.g.
	// "dist"), to serve as a static site with Caddy: replaces the detected
	// one, and makes any app a static site (its start script is then not
	// used).
	// +optional
	staticDir string,
) (*dagger.Container, error) {
	p, err := m.plan(ctx, src, app, staticDir)
	if err != nil {
		return nil, err
	}
	return m.builder(p.batch)
}

// The production files of one app, from `pnpm deploy --prod`: its built
// output and a node_modules holding only its runtime dependencies, with
// workspace packages copied in (no symlink leaves the directory).
// +cache="session"
func (m *Pnpm) ProdDeps(
	ctx context.Context,
	// Workspace root (the directory holding pnpm-lock.yaml).
	// +defaultPath="/"
	// +ignore=["**/node_modules", "**/dist", "**/.git", "**/.turbo", "**/.next", "**/coverage"]
	src *dagger.Directory,
	// App to deploy (package name); optional when the workspace has one app.
	// +optional
	app string,
	// The directory the app's build writes, relative to its package (e.g.
	// "dist"), to serve as a static site with Caddy: replaces the detected
	// one, and makes any app a static site (its start script is then not
	// used).
	// +optional
	staticDir string,
) (*dagger.Directory, error) {
	p, err := m.plan(ctx, src, app, staticDir)
	if err != nil {
		return nil, err
	}
	return m.deployedApp(ctx, p)
}

// Build the production image of one app: a fresh node image holding only the
// app's deployed files, run as the non-root node user with NODE_ENV=production,
// the app's port exposed and OCI labels set. Chain `export`, `publish`,
// `as-service` or `terminal`.
// +cache="session"
func (m *Pnpm) Build(
	ctx context.Context,
	// Workspace root (the directory holding pnpm-lock.yaml).
	// +defaultPath="/"
	// +ignore=["**/node_modules", "**/dist", "**/.git", "**/.turbo", "**/.next", "**/coverage"]
	src *dagger.Directory,
	// App to build (package name); optional when the workspace has one app.
	// +optional
	app string,
	// The directory the app's build writes, relative to its package (e.g.
	// "dist"), to serve as a static site with Caddy: replaces the detected
	// one, and makes any app a static site (its start script is then not
	// used).
	// +optional
	staticDir string,
	// Port to expose and pass as $PORT; default: package.json config.port.
	// +optional
	port int,
) (*dagger.Container, error) {
	_, image, err := m.appImage(ctx, src, app, staticDir, port)
	return image, err
}

// Build the images of several apps: every app of the workspace, or the ones
// named. One container per app, in the workspace's order or the order of
// --apps. The apps are built together: one install and one build of
// everything they need (pnpm runs independent packages in parallel, and a
// package several apps share is built once), then one deploy per app.
// +cache="session"
func (m *Pnpm) BuildAll(
	ctx context.Context,
	// Workspace root (the directory holding pnpm-lock.yaml).
	// +defaultPath="/"
	// +ignore=["**/node_modules", "**/dist", "**/.git", "**/.turbo", "**/.next", "**/coverage"]
	src *dagger.Directory,
	// Apps to build (package names); default: every app.
	// +optional
	apps []string,
	// Build each app on its own (as build does) instead of in one batch: an
	// edit to one app then never re-runs another app's build, at the cost
	// of building the packages they share once per app.
	// +optional
	separately bool,
) ([]*dagger.Container, error) {
	_, images, err := m.images(ctx, src, apps, separately)
	return images, err
}

// Publish the image of every app (or of the ones named), in parallel, as
// <registry>/<package name without @>:<package version>, and also as :<tag>
// when --tag is given. Returns one reference (with digest) per app and tag.
// +cache="never"
func (m *Pnpm) PublishAll(
	ctx context.Context,
	// Workspace root (the directory holding pnpm-lock.yaml).
	// +defaultPath="/"
	// +ignore=["**/node_modules", "**/dist", "**/.git", "**/.turbo", "**/.next", "**/coverage"]
	src *dagger.Directory,
	// Registry and namespace to publish under, e.g. "ghcr.io/acme".
	registry string,
	// Extra tag for every image, e.g. a commit SHA or "latest".
	// +optional
	tag string,
	// Apps to publish (package names); default: every app.
	// +optional
	apps []string,
	// Platforms to publish each image for, as one manifest list, e.g.
	// linux/amd64,linux/arm64; default: the build platform alone.
	// +optional
	platforms []dagger.Platform,
	// Registry user name, with --password.
	// +optional
	username string,
	// Registry password or token, as a secret.
	// +optional
	password *dagger.Secret,
	// Build each app on its own (as build does) instead of in one batch: an
	// edit to one app then never re-runs another app's build, at the cost
	// of building the packages they share once per app.
	// +optional
	separately bool,
) ([]string, error) {
	results, err := m.buildApps(ctx, src, apps, separately)
	if err != nil {
		return nil, err
	}
	refs := make([][]string, len(results))
	g, gctx := errgroup.WithContext(ctx)
	for i, b := range results {
		g.Go(func() error {
			variants, err := m.variants(gctx, b, platforms)
			if err != nil {
				return err
			}
			refs[i], err = publishImage(gctx, variants, imageRepository(registry, b.plan.app), imageTags(b.plan.app, tag), username, password)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return slices.Concat(refs...), nil
}

// Publish one app's image at an address, for one or several platforms (a
// manifest list). JavaScript is built once, on the build platform, and put
// on each platform's node image; an app that ships native code is built
// again on each platform. Returns the reference with its digest.
// +cache="never"
func (m *Pnpm) Publish(
	ctx context.Context,
	// Workspace root (the directory holding pnpm-lock.yaml).
	// +defaultPath="/"
	// +ignore=["**/node_modules", "**/dist", "**/.git", "**/.turbo", "**/.next", "**/coverage"]
	src *dagger.Directory,
	// Image address with tag, e.g. "ghcr.io/acme/app1:1.2.0".
	address string,
	// App to publish (package name); optional when the workspace has one app.
	// +optional
	app string,
	// The directory the app's build writes, relative to its package (e.g.
	// "dist"), to serve as a static site with Caddy: replaces the detected
	// one, and makes any app a static site (its start script is then not
	// used).
	// +optional
	staticDir string,
	// Platforms, e.g. linux/amd64,linux/arm64; default: the build platform.
	// +optional
	platforms []dagger.Platform,
	// Registry user name, with --password.
	// +optional
	username string,
	// Registry password or token, as a secret.
	// +optional
	password *dagger.Secret,
) (string, error) {
	p, err := m.plan(ctx, src, app, staticDir)
	if err != nil {
		return "", err
	}
	files, err := m.deployedApp(ctx, p)
	if err != nil {
		return "", err
	}
	variants, err := m.variants(ctx, built{p, files}, platforms)
	if err != nil {
		return "", err
	}
	repo, tag := splitAddress(address)
	refs, err := publishImage(ctx, variants, repo, []string{tag}, username, password)
	if err != nil {
		return "", err
	}
	return refs[0], nil
}

// Run an app's image and ask it over HTTP: passes when it answers 2xx
// within a minute, fails with what the app printed otherwise. Without
// --app in a workspace of several apps (as `dagger check` calls it), every
// app that has a port is tested, in parallel, and each failing app is named
// with its output.
// +check
// +cache="never"
func (m *Pnpm) SmokeTest(
	ctx context.Context,
	// Workspace root (the directory holding pnpm-lock.yaml).
	// +defaultPath="/"
	// +ignore=["**/node_modules", "**/dist", "**/.git", "**/.turbo", "**/.next", "**/coverage"]
	src *dagger.Directory,
	// App to test (package name); default: every app that has a port.
	// +optional
	app string,
	// The directory the app's build writes, relative to its package (e.g.
	// "dist"), to serve as a static site with Caddy: replaces the detected
	// one, and makes any app a static site (its start script is then not
	// used).
	// +optional
	staticDir string,
	// Path to request.
	// +default="/"
	path string,
	// Port to probe; default: package.json config.port.
	// +optional
	port int,
	// Environment variables the app runs with during the test, as
	// NAME=value (e.g. --env DATABASE_URL=postgres://db:5432/app), for apps
	// that check their configuration when they start. They are not part of
	// the image. Values show in logs and traces: give placeholders, not
	// secrets.
	// +optional
	env []string,
) error {
	vars, err := workspace.ParseRunEnv(env)
	if err != nil {
		return err
	}
	if app == "" && staticDir == "" {
		many, err := m.smokeEvery(ctx, src, path, vars)
		if many || err != nil {
			return err
		}
	}
	p, err := m.plan(ctx, src, app, staticDir)
	if err != nil {
		return err
	}
	if port != 0 {
		p.port = port
	}
	if err := portToProbe(p); err != nil {
		return err
	}
	files, err := m.deployedApp(ctx, p)
	if err != nil {
		return err
	}
	image, err := m.runtime(ctx, p, files)
	if err != nil {
		return err
	}
	return m.smokeApp(ctx, p, withEnv(image, vars), path)
}
