package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"dagger/pnpm/internal/dagger"
)

// normalizeTimes rewrites the OCI layout in the working directory so that
// every image config says it was created at the epoch, in created and in
// each history entry, and re-addresses the configs, manifests, index.json
// and Docker's manifest.json accordingly. Layers are left as they are.
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
const configs = {};
const index = JSON.parse(fs.readFileSync("index.json"));
for (const m of index.manifests) {
  const manifest = read(m.digest);
  if (!manifest.config) throw new Error("not an image manifest: " + m.mediaType);
  const config = read(manifest.config.digest);
  config.created = at;
  for (const h of config.history || []) h.created = at;
  const old = manifest.config.digest;
  Object.assign(manifest.config, put(config));
  configs[path(old)] = path(manifest.config.digest);
  Object.assign(m, put(manifest));
}
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
// then carry the time of the import that made them first.
//
// Why the tarball goes through the module's own disk: a file the module
// reads back from its working directory is identified by its content, so
// every build of the same content asks for the very same import and gets
// the one result the engine made first, even when builds run in parallel.
// Imported straight from the step that wrote it, the import was keyed on
// that step: four parallel builds ran four imports, each with its own
// time, and gave two digests.
func (m *Pnpm) stable(ctx context.Context, image *dagger.Container, base string) (*dagger.Container, error) {
	if !m.StableDigests {
		return image, nil
	}
	// Why the tarball alone goes in: it is the image's content, so the
	// rewrite is keyed on that content.
	tarball := dag.Container().From(base).
		WithMountedFile("/image.tar", image.AsTarball()).
		WithNewFile("/normalize.js", normalizeTimes).
		WithWorkdir("/oci").
		WithExec([]string{"sh", "-c", "tar -xf /image.tar && node /normalize.js && " +
			"tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf /image-stable.tar ."}).
		File("/image-stable.tar")
	sum, err := tarball.Digest(ctx)
	if err != nil {
		return nil, err
	}
	dir := "stable-" + strings.TrimPrefix(sum, "sha256:")
	if _, err := tarball.Export(ctx, filepath.Join(dir, "image.tar")); err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	// A directory read back from the module's disk is identified by its
	// content, and so is a file taken from it. Loaded now: the import is
	// evaluated after this function has returned and removed the copy.
	own, err := dag.CurrentModule().Workdir(dir).File("image.tar").Sync(ctx)
	if err != nil {
		return nil, err
	}
	return dag.Container(dagger.ContainerOpts{Platform: dagger.Platform(m.Platform)}).Import(own), nil
}
