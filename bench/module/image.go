package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"dagger/bench/internal/dagger"
)

// appSpec is an app of the monorepo: its port and the start of its answer.
type appSpec struct {
	name string
	port int
	want string
}

// namedImage is an image P4 measures and the run check starts.
type namedImage struct {
	name string
	ctr  *dagger.Container
	app  appSpec
	// diag, when the image does not answer, is run in it to show why
	// (the image's own start command, stopped after a while).
	diag []string
}

// imageSize is an image's size as a registry stores it (gzip layers) and
// unpacked (the layers' tar streams), in total and above the base image.
type imageSize struct {
	compressed, uncompressed       int64
	layers                         int
	appCompressed, appUncompressed int64
	appLayers                      int
	diffIDs                        []string
}

type imageRow struct {
	name string
	size imageSize
	// base: a base image the rows below it are measured against
	base bool
}

type checkRow struct {
	name   string
	ok     bool
	detail string
}

// measureImages records P4 for every image and runs each one.
func (b *bench) measureImages(ctx context.Context, images []namedImage) error {
	ref := fmt.Sprintf("node:%s-slim", b.nodeVersion)
	return b.measureImagesOn(ctx, "P4", ref+" (the base of P4's images)", dag.Container().From(ref), images)
}

// measureImagesOn measures every image (size, and size above the layers of
// base, which gets a row of its own) and runs each one; id names the
// measure in errors and in the bench phases.
func (b *bench) measureImagesOn(ctx context.Context, id, baseName string, baseImage *dagger.Container, images []namedImage) error {
	start := time.Now()
	base, err := measure(ctx, baseImage, nil)
	if err != nil {
		return fmt.Errorf("%s, %s: %w", id, baseName, err)
	}
	b.images = append(b.images, imageRow{name: baseName, size: base, base: true})
	inBase := map[string]bool{}
	for _, d := range base.diffIDs {
		inBase[d] = true
	}
	// One image at a time: each tarball is read whole.
	for _, img := range images {
		s, err := measure(ctx, img.ctr, inBase)
		if err != nil {
			return fmt.Errorf("%s, %s: %w", id, img.name, err)
		}
		b.images = append(b.images, imageRow{name: img.name, size: s})
	}
	b.phase(id+" sizes", start)
	start = time.Now()
	// Two services at a time: on a small machine more start too slowly.
	checks := make([]checkRow, len(images))
	var wg sync.WaitGroup
	slots := make(chan struct{}, 2)
	for i, img := range images {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			checks[i] = runCheck(ctx, img, b.nodeVersion)
		}()
	}
	wg.Wait()
	b.checks = append(b.checks, checks...)
	b.phase(id+" run checks", start)
	return nil
}

// measure exports the image as an OCI tarball with gzip layers and reads
// its manifest and config: layer sizes as stored, the uncompressed size of
// each layer, and which layers the base image (inBase, by diff ID) has.
func measure(ctx context.Context, ctr *dagger.Container, inBase map[string]bool) (imageSize, error) {
	tmp, err := os.CreateTemp("", "image-*.tar")
	if err != nil {
		return imageSize{}, err
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	tarball := ctr.AsTarball(dagger.ContainerAsTarballOpts{ForcedCompression: dagger.ImageLayerCompressionGzip})
	if _, err := tarball.Export(ctx, tmp.Name()); err != nil {
		return imageSize{}, err
	}
	blobs, err := readTar(tmp.Name())
	if err != nil {
		return imageSize{}, err
	}
	manifest, err := findManifest(blobs)
	if err != nil {
		return imageSize{}, err
	}
	var config struct {
		RootFS struct {
			DiffIDs []string `json:"diff_ids"`
		} `json:"rootfs"`
	}
	if err := json.Unmarshal(blobs[blobPath(manifest.Config.Digest)], &config); err != nil {
		return imageSize{}, fmt.Errorf("image config: %w", err)
	}
	if len(config.RootFS.DiffIDs) != len(manifest.Layers) {
		return imageSize{}, fmt.Errorf("%d layers but %d diff IDs", len(manifest.Layers), len(config.RootFS.DiffIDs))
	}
	s := imageSize{layers: len(manifest.Layers), diffIDs: config.RootFS.DiffIDs}
	for i, l := range manifest.Layers {
		n, err := gunzippedSize(blobs[blobPath(l.Digest)])
		if err != nil {
			return imageSize{}, fmt.Errorf("layer %s: %w", l.Digest, err)
		}
		s.compressed += l.Size
		s.uncompressed += n
		if inBase != nil && !inBase[config.RootFS.DiffIDs[i]] {
			s.appCompressed += l.Size
			s.appUncompressed += n
			s.appLayers++
		}
	}
	return s, nil
}

type descriptor struct {
	MediaType string `json:"mediaType"`
	Digest    string `json:"digest"`
	Size      int64  `json:"size"`
}

type ociManifest struct {
	MediaType string       `json:"mediaType"`
	Config    descriptor   `json:"config"`
	Layers    []descriptor `json:"layers"`
	Manifests []descriptor `json:"manifests"` // when it is an index
}

func blobPath(digest string) string { return "blobs/" + strings.Replace(digest, ":", "/", 1) }

// findManifest follows index.json (and nested indexes) to the one image
// manifest of a single-platform tarball.
func findManifest(blobs map[string][]byte) (ociManifest, error) {
	raw, ok := blobs["index.json"]
	for depth := 0; ok && depth < 4; depth++ {
		var m ociManifest
		if err := json.Unmarshal(raw, &m); err != nil {
			return m, err
		}
		if len(m.Layers) > 0 || m.Config.Digest != "" {
			return m, nil
		}
		if len(m.Manifests) != 1 {
			return m, fmt.Errorf("want one manifest in the index, found %d", len(m.Manifests))
		}
		raw, ok = blobs[blobPath(m.Manifests[0].Digest)]
	}
	return ociManifest{}, errors.New("no image manifest in the tarball")
}

func readTar(name string) (map[string][]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string][]byte{}
	tr := tar.NewReader(f)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		out[strings.TrimPrefix(h.Name, "./")] = data
	}
}

func gunzippedSize(blob []byte) (int64, error) {
	zr, err := gzip.NewReader(bytes.NewReader(blob))
	if err != nil {
		return 0, err
	}
	return io.Copy(io.Discard, zr)
}

// runCheck starts the image as a service and asks it for its answer from
// another container, as a user would.
func runCheck(ctx context.Context, img namedImage, nodeVersion string) checkRow {
	row := checkRow{name: img.name}
	// A few tries: a seed image downloads pnpm (Corepack) before it listens.
	script := fmt.Sprintf(`(async () => {
  const until = Date.now() + 20000;
  for (;;) {
    try {
      const r = await fetch("http://app:%d/", {signal: AbortSignal.timeout(10000)});
      return process.stdout.write(r.status + " " + await r.text());
    } catch (e) {
      if (Date.now() > until) return process.stdout.write("error " + ((e.cause && e.cause.code) || e.message));
      await new Promise((ok) => setTimeout(ok, 500));
    }
  }
})()`, img.app.port)
	// WithExposedPort: the engine then waits until the port listens (the
	// Dockerfile's EXPOSE alone does not make it wait).
	out, err := dag.Container().From(fmt.Sprintf("node:%s-slim", nodeVersion)).
		WithServiceBinding("app", img.ctr.WithExposedPort(img.app.port).AsService()).
		WithEnvVariable("PROBE_AT", strconv.FormatInt(time.Now().UnixNano(), 10)).
		WithExec([]string{"node", "-e", script}).
		Stdout(ctx)
	switch {
	case err == nil && strings.HasPrefix(out, "200 "+img.app.want):
		row.ok, row.detail = true, strings.TrimPrefix(out, "200 ")
	case err == nil:
		row.detail = "answers " + strconv.Quote(out)
	default:
		row.detail = "does not start: " + buildError(err)
	}
	if !row.ok && len(img.diag) > 0 {
		if why := diagnose(ctx, img); why != "" {
			row.detail = "does not start: " + why
		}
	}
	return row
}

// diagnose runs the image's start command for a while and returns the line
// that says why it stopped.
func diagnose(ctx context.Context, img namedImage) string {
	out, err := img.ctr.
		WithEnvVariable("DIAG_AT", strconv.FormatInt(time.Now().UnixNano(), 10)).
		WithExec(img.diag, dagger.ContainerWithExecOpts{Expect: dagger.ReturnTypeAny, RedirectStderr: "/tmp/diag.err"}).
		File("/tmp/diag.err").Contents(ctx)
	if err != nil {
		return ""
	}
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "Error:") || strings.Contains(l, "Cannot find module") {
			return l
		}
	}
	return ""
}
