package main

import (
	"context"

	"dagger/pnpm/internal/dagger"
)

// normalizeTimes rewrites the OCI layout in the working directory so that
// every image config says it was created at the epoch, in created and in
// each history entry, as do the created annotations of the manifests and of
// index.json (the export's own time), re-addresses the configs, manifests,
// index.json and Docker's manifest.json accordingly, and removes the blobs
// it replaced. Layers are left as they are.
const normalizeTimes = `const fs = require("fs"), crypto = require("crypto");
const at = "1970-01-01T00:00:00Z";
const path = d => "blobs/sha256/" + d.slice(7);
const read = d => JSON.parse(fs.readFileSync(path(d)));
const put = o => {
  const b = Buffer.from(JSON.stringify(o));
  const digest = "sha256:" + crypto.createHash("sha256").update(b).digest("hex");
  fs.writeFileSync(path(digest), b);
  return { digest, size: b.length };
};
const created = "org.opencontainers.image.created";
const stamp = o => { if (o.annotations && o.annotations[created]) o.annotations[created] = at; };
const configs = {}, replaced = new Set(), kept = new Set();
const index = JSON.parse(fs.readFileSync("index.json"));
for (const m of index.manifests) {
  const manifest = read(m.digest);
  if (!manifest.config) throw new Error("not an image manifest: " + m.mediaType);
  const config = read(manifest.config.digest);
  config.created = at;
  for (const h of config.history || []) h.created = at;
  stamp(manifest);
  stamp(m);
  const oldConfig = manifest.config.digest, oldManifest = m.digest;
  Object.assign(manifest.config, put(config));
  configs[path(oldConfig)] = path(manifest.config.digest);
  Object.assign(m, put(manifest));
  replaced.add(oldConfig).add(oldManifest);
  kept.add(manifest.config.digest).add(m.digest);
  for (const l of manifest.layers) kept.add(l.digest);
}
for (const d of replaced) if (!kept.has(d)) fs.rmSync(path(d));
fs.writeFileSync("index.json", JSON.stringify(index));
if (fs.existsSync("manifest.json")) {
  const docker = JSON.parse(fs.readFileSync("manifest.json"));
  for (const e of docker) e.Config = configs[e.Config] || e.Config;
  fs.writeFileSync("manifest.json", JSON.stringify(docker));
}`

// stable is image identified by its content (image itself unless
// --stable-digests). Dagger v0.19.10 stamps an image's config with the
// creation times of its layers, so a step that runs again gives the same
// layers under a new digest. The image goes out as an OCI tarball with every
// time in it set to the epoch and comes back in by Import, whose layers
// then carry the time of the import that made them first: builds one after
// another get one digest. Parallel builds race for that first time, so only
// the tarball itself (see Tarball) is the same in every case.
//
// Why the import reads the tarball straight from the step that wrote it,
// not from a copy on the module's disk (keyed by content, which made
// parallel builds agree more often): a function result from Dagger's
// function cache refers to such a copy by the call that made it, and in a
// later session that client is gone and the result fails to load.
func (m *Pnpm) stable(image *dagger.Container, base string) *dagger.Container {
	if !m.StableDigests {
		return image
	}
	return dag.Container(dagger.ContainerOpts{Platform: dagger.Platform(m.Platform)}).Import(epochTarball(image, base))
}

// epochTarball is image as an OCI tarball with every time in it set to the
// epoch (see normalizeTimes), normalized in a container of base (a node
// image). Why the tarball alone goes in: it is the image's content, so the
// rewrite is keyed on that content.
func epochTarball(image *dagger.Container, base string) *dagger.File {
	return dag.Container().From(base).
		WithMountedFile("/image.tar", image.AsTarball()).
		WithNewFile("/normalize.js", normalizeTimes).
		WithWorkdir("/oci").
		WithExec([]string{"sh", "-c", "tar -xf /image.tar && node /normalize.js && " +
			"tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf /image-stable.tar ."}).
		File("/image-stable.tar")
}

// The image of one app, as build makes it, as an OCI tarball with every
// time in it set to the epoch: the same source gives the same bytes,
// whether builds run one after another or in parallel. Where digests must
// match across builds, push this file with a tool that keeps them (crane
// push, skopeo copy oci-archive:...) or docker load it: --stable-digests
// gives the same digest to builds run one after another only (on Dagger
// v0.19.10 an image imported from this tarball carries the time of its
// first import, which parallel builds race for).
// +cache="session"
func (m *Pnpm) Tarball(
	ctx context.Context,
	// Workspace root (the directory holding pnpm-lock.yaml).
	// +defaultPath="/"
	// +ignore=["**/node_modules", "**/dist", "**/.git", "**/.turbo", "**/.next", "**/coverage"]
	src *dagger.Directory,
	// App to build (package name); optional when the workspace has one app.
	// +optional
	app string,
	// The directory the app's build writes, relative to its package (e.g.
	// "dist"), to serve as a static site with Caddy (see build).
	// +optional
	staticDir string,
	// Port to expose and pass as $PORT; default: package.json config.port.
	// +optional
	port int,
) (*dagger.File, error) {
	plain := *m
	// The image as it is made, not imported again: the tarball is the
	// stable artifact itself.
	plain.StableDigests = false
	p, image, err := plain.appImage(ctx, src, app, staticDir, port)
	if err != nil {
		return nil, err
	}
	return epochTarball(image, m.image(p.versions)), nil
}
