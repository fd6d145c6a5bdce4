package main

import (
	"context"
	"strconv"

	"dagger/pnpm/internal/dagger"
	"dagger/pnpm/internal/workspace"
)

// What an app's image is made of.
type Runtime string

const (
	// The node:<major>-slim image: Debian, a shell, npm; familiar, and
	// debuggable with terminal.
	RuntimeSlim Runtime = "slim"
	// Only the node binary of that image, the libraries it loads and the
	// node user: no shell, no npm, about 40% of the size. The start script
	// must be a plain "node <file>".
	RuntimeMinimal Runtime = "minimal"
)

// runtime is the app's image: a fresh node image holding only the deployed
// files, owned by root so the app cannot rewrite its own code, and run as
// the unprivileged node user.
func (m *Pnpm) runtime(ctx context.Context, p *plan, files *dagger.Directory) (*dagger.Container, error) {
	if p.app.Kind == workspace.KindStatic {
		return m.staticRuntime(ctx, p, files)
	}
	base := m.node(p.versions)
	if m.Runtime == RuntimeMinimal {
		base = m.minimalNode(p.versions)
	}
	ctr := withEnv(nextRuntime(base.WithDirectory(workdir, files), p.app), p.app.Env).
		WithWorkdir(workdir).
		WithEnvVariable("NODE_ENV", "production").
		WithUser(runtimeUser).
		// The start command is the default command, not the entrypoint, so
		// `as-service`, `docker run` and `terminal` work without flags.
		WithoutEntrypoint().
		WithDefaultArgs(command(p.app))
	return m.stable(labelled(ctr, p), m.image(p.versions)), nil
}

// labelled is an app's image with its OCI labels, and its port exposed and
// passed as $PORT.
func labelled(ctr *dagger.Container, p *plan) *dagger.Container {
	ctr = ctr.
		WithLabel("org.opencontainers.image.title", p.app.Name).
		WithLabel("org.opencontainers.image.version", p.app.Version)
	if source := p.sourceURL(); source != "" {
		ctr = ctr.WithLabel("org.opencontainers.image.source", source)
	}
	if p.port != 0 {
		ctr = ctr.
			WithEnvVariable("PORT", strconv.Itoa(p.port)).
			WithExposedPort(p.port)
	}
	return ctr
}

// command is the app's start command: the plain `node <file>` of its start
// script when there is one, else the start script through a shell with the
// app's binaries on PATH, exec'd when it is one simple command (see
// workspace.ShellStart).
func command(a *workspace.App) []string {
	if a.Kind == workspace.KindStatic {
		return caddyCommand
	}
	if a.Entrypoint != nil {
		return a.Entrypoint
	}
	return []string{"/bin/sh", "-c", "PATH=" + workdir + "/node_modules/.bin:$PATH; " + workspace.ShellStart(a.Scripts["start"])}
}

// minimalRootfs copies, from the node image, what `node` needs to run and
// nothing else: the binary, the libraries ldd lists for it (whatever the
// platform), the root and node users, the CA bundle and name service
// settings when present, a /tmp and node's home. Times are reset so the
// layer depends on the files alone.
const minimalRootfs = `set -eu
r=/rootfs
mkdir -p $r/usr/local/bin $r/etc $r/tmp $r/home/node
cp /usr/local/bin/node $r/usr/local/bin/node
for lib in $(ldd /usr/local/bin/node | grep -o '/[^ ]*'); do cp -L --parents "$lib" $r/; done
grep -E '^(root|node):' /etc/passwd > $r/etc/passwd
grep -E '^(root|node):' /etc/group > $r/etc/group
for f in /etc/ssl/certs/ca-certificates.crt /etc/nsswitch.conf /etc/ld.so.cache; do
  if [ -f "$f" ]; then cp -L --parents "$f" $r/; fi
done
chmod 1777 $r/tmp
chown 1000:1000 $r/home/node
find $r -exec touch -h -d @0 {} +`

// minimalNode is a container of node alone (see minimalRootfs), with the
// node image's environment for PATH and the CA bundle.
func (m *Pnpm) minimalNode(v workspace.Versions) *dagger.Container {
	collected := m.node(v).
		WithExec([]string{"sh", "-c", minimalRootfs}).
		Directory("/rootfs")
	// Copied into an empty directory: a directory taken straight from a
	// container keeps that container's layers underneath it.
	rootfs := dag.Directory().WithDirectory(".", collected)
	return dag.Container(dagger.ContainerOpts{Platform: dagger.Platform(m.Platform)}).
		WithRootfs(rootfs).
		WithEnvVariable("PATH", "/usr/local/bin").
		WithEnvVariable("HOME", "/home/node")
}
