package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"dagger/tests/internal/dagger"

	"golang.org/x/sync/errgroup"
)

func (t *Tests) cacheCases() []testCase {
	return []testCase{
		{"app1's build never sees app2's sources", t.app1BuildExcludesApp2},
		{"editing app1 downloads nothing: a source edit runs no install, a package.json edit an offline one", t.app1EditSkipsFetch},
		{"the same source twice, every step run again, gives the same image digest (--stable-digests)", t.reproducible},
		{"a 60-package workspace gets its inputs packed: an edit in app-01's closure runs no install, one outside leaves it alone", t.packedInputs},
		{"four builds sharing one fresh store, in parallel, give the same layers and byte-identical tarballs (tarball)", t.concurrent},
		{"on node 24 the build's tools compile once, into Node's compile cache on the store volume, and later builds read it", t.compileCacheOnStore},
	}
}

// compileCacheOnStore builds app1 of testdata/monorepo on node 24 with a
// fresh store, then runs its build again in the builder with Node's
// compile cache traced: tsc must read the code its first build compiled
// from the store volume (tsc alone would use /tmp, which no later step of
// the module sees). The image must not carry the setting.
func (t *Tests) compileCacheOnStore(ctx context.Context) error {
	mod := dag.Pnpm(dagger.PnpmOpts{NodeVersion: "24", StoreCache: dag.CacheVolume("tests-compile-cache-" + strconv.FormatInt(time.Now().UnixNano(), 36))})
	src := t.fixture("monorepo")
	trace, err := mod.Builder(dagger.PnpmBuilderOpts{Src: src, App: "app1"}).
		WithEnvVariable("NODE_DEBUG_NATIVE", "COMPILE_CACHE").
		WithExec([]string{"sh", "-c", "pnpm --filter app1 run build 2>&1 | grep '_tsc.js'"}).
		Stdout(ctx)
	if err != nil {
		return err
	}
	if err := expectContains("node's compile cache trace of tsc", trace, "reading cache from /pnpm/node-compile-cache/", "_tsc.js was accepted"); err != nil {
		return err
	}
	setting, err := mod.Build(dagger.PnpmBuildOpts{Src: src, App: "app1"}).EnvVariable(ctx, "NODE_COMPILE_CACHE")
	if err != nil {
		return err
	}
	if setting != "" {
		return fmt.Errorf("app1's image sets NODE_COMPILE_CACHE=%s", setting)
	}
	return nil
}

// edited returns the fixture with one source file changed.
func edited(src *dagger.Directory, path, marker string) *dagger.Directory {
	return src.WithNewFile(path, "// edited: "+marker+"\n"+"export const edited = true;\n")
}

// digest is the content digest of an image: its OCI tarball.
func digest(ctx context.Context, image *dagger.Container) (string, error) {
	return image.AsTarball().Digest(ctx)
}

func (t *Tests) app1BuildExcludesApp2(ctx context.Context) error {
	entries, err := dag.Pnpm().Builder(dagger.PnpmBuilderOpts{Src: t.fixture("monorepo"), App: "app1"}).
		Directory("/app/packages").Entries(ctx)
	if err != nil {
		return err
	}
	if strings.Join(entries, ",") != "app1/,common/" {
		return fmt.Errorf("app1's build saw packages %v, want only app1 and common", entries)
	}
	return nil
}

// app1EditSkipsFetch follows the installs on a fresh store volume: the
// module appends a line per install to /pnpm/downloads.log, with the number
// of packages pnpm downloaded. The first build downloads (the check works);
// an app1 source edit does not even re-run the install; an app1
// package.json edit re-runs it, and it downloads nothing.
// fetchProbe is the module on a fresh store volume, and the monorepo
// fixture with lockfiles of their own: a trailing comment makes each a new
// key for the install, without changing what it downloads.
type fetchProbe struct {
	store *dagger.CacheVolume
	mod   *dagger.Pnpm
	nonce string
	lock  string
	app1  string
}

func (t *Tests) newFetchProbe(ctx context.Context, name string) (*fetchProbe, error) {
	nonce := strconv.FormatInt(time.Now().UnixNano(), 36)
	store := dag.CacheVolume(name + "-" + nonce)
	lock, err := t.fixture("monorepo").File("pnpm-lock.yaml").Contents(ctx)
	if err != nil {
		return nil, err
	}
	app1, err := t.fixture("monorepo").File("packages/app1/package.json").Contents(ctx)
	if err != nil {
		return nil, err
	}
	mod := dag.Pnpm(dagger.PnpmOpts{StoreCache: store, StableDigests: true})
	return &fetchProbe{store: store, mod: mod, nonce: nonce, lock: lock, app1: app1}, nil
}

// withLock gives src the lockfile of this probe marked with tag.
func (f *fetchProbe) withLock(src *dagger.Directory, tag string) *dagger.Directory {
	return src.WithNewFile("pnpm-lock.yaml", f.lock+"# "+f.nonce+tag+"\n")
}

// withApp1Manifest gives src an app1 package.json that differs from the
// fixture's by a field pnpm does not resolve anything from.
func (f *fetchProbe) withApp1Manifest(src *dagger.Directory) *dagger.Directory {
	edited := strings.Replace(f.app1, "{", `{"description": "edited `+f.nonce+`",`, 1)
	return src.WithNewFile("packages/app1/package.json", edited)
}

func (t *Tests) app1EditSkipsFetch(ctx context.Context) error {
	probe, err := t.newFetchProbe(ctx, "tests-fetch")
	if err != nil {
		return err
	}
	base := probe.withLock(t.fixture("monorepo"), "a")
	steps := []struct {
		what                string
		src                 *dagger.Directory
		installs, downloads int
	}{
		{"the first build", base, 1, 1},
		{"an app1 source edit", edited(base, "packages/app1/src/extra.ts", probe.nonce), 1, 1},
		{"an app1 package.json edit", probe.withApp1Manifest(base), 2, 1},
	}
	for _, s := range steps {
		if _, err := probe.mod.Build(dagger.PnpmBuildOpts{Src: s.src, App: "app1"}).Sync(ctx); err != nil {
			return err
		}
		installs, downloads, err := installRuns(ctx, probe.store)
		if err != nil {
			return err
		}
		if installs != s.installs || downloads != s.downloads {
			return fmt.Errorf("after %s: %d installs in all, %d of them downloading; want %d and %d",
				s.what, installs, downloads, s.installs, s.downloads)
		}
	}
	return nil
}

// installRuns reads the store's download log: how many installs ran, and
// how many of them downloaded at least one package.
func installRuns(ctx context.Context, store *dagger.CacheVolume) (installs, downloads int, err error) {
	counts, err := downloadCounts(ctx, store)
	if err != nil {
		return 0, 0, err
	}
	for _, c := range counts {
		n, err := strconv.Atoi(c)
		if err != nil {
			return 0, 0, fmt.Errorf("the download log does not say how many packages an install downloaded: %q", c)
		}
		if n > 0 {
			downloads++
		}
	}
	return len(counts), downloads, nil
}

// downloadCounts reads the store's download log: a line per install, and
// what it says pnpm downloaded ("unknown" when pnpm printed no count, as
// for a workspace without third-party packages).
func downloadCounts(ctx context.Context, store *dagger.CacheVolume) ([]string, error) {
	out, err := dag.Container().From("node:22-slim").
		WithMountedCache("/pnpm", store).
		WithEnvVariable("READ_AT", time.Now().String()).
		WithExec([]string{"cat", "/pnpm/downloads.log"}).
		Stdout(ctx)
	if err != nil {
		return nil, err
	}
	var counts []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		fields := strings.Fields(line)
		if len(fields) != 4 || fields[2] != "downloaded" {
			return nil, fmt.Errorf("unexpected line in the download log: %q", line)
		}
		counts = append(counts, fields[3])
	}
	return counts, nil
}

// reproducible builds the same source twice with --stable-digests, each
// time really running every stage (a fresh store volume changes every cache
// key): the two images must have the same digest.
func (t *Tests) reproducible(ctx context.Context) error {
	var digests []string
	for range 2 {
		mod := dag.Pnpm(dagger.PnpmOpts{StoreCache: dag.CacheVolume("tests-repro-" + time.Now().String()), StableDigests: true})
		d, err := digest(ctx, mod.Build(dagger.PnpmBuildOpts{Src: t.fixture("single")}))
		if err != nil {
			return err
		}
		digests = append(digests, d)
	}
	if digests[0] != digests[1] {
		return fmt.Errorf("two builds of the same source gave different images: %s, %s", digests[0], digests[1])
	}
	return nil
}

// concurrent starts four builds of app1 at once on one fresh store volume.
// Each has its own lockfile comment, so each really runs its own install,
// downloading into the shared store (the module mounts it SHARED): all must
// succeed and give the same layers (see layers for why not the digest).
func (t *Tests) concurrent(ctx context.Context) error {
	probe, err := t.newFetchProbe(ctx, "tests-concurrent")
	if err != nil {
		return err
	}
	results, tarballs := make([]string, 4), make([]string, 4)
	g, gctx := errgroup.WithContext(ctx)
	for i := range results {
		g.Go(func() error {
			src := probe.withLock(t.fixture("monorepo"), strconv.Itoa(i))
			d, err := layers(gctx, probe.mod.Build(dagger.PnpmBuildOpts{Src: src, App: "app1"}))
			if err != nil {
				return err
			}
			results[i] = d
			tarball := probe.mod.Tarball(dagger.PnpmTarballOpts{Src: src, App: "app1"})
			if tarballs[i], err = tarball.Digest(gctx); err != nil || i > 0 {
				return err
			}
			// The tarball is the image: imported, it runs app1.
			out, err := dag.Container().Import(tarball).WithExec([]string{"node", "-p", "require('fs').existsSync('dist/index.js')"}).Stdout(gctx)
			if err == nil && strings.TrimSpace(out) != "true" {
				err = fmt.Errorf("the imported tarball has no dist/index.js in its working directory: %q", out)
			}
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if n, downloads, err := installRuns(ctx, probe.store); err != nil || n != 4 || downloads == 0 {
		return fmt.Errorf("%d installs ran into the shared store, %d of them downloading; want 4, at least one downloading (%v)", n, downloads, err)
	}
	for i := range results[1:] {
		if results[i+1] != results[0] {
			return fmt.Errorf("build %d gave layers %s, build 0 %s", i+1, results[i+1], results[0])
		}
		if tarballs[i+1] != tarballs[0] {
			return fmt.Errorf("tarball %d is %s, tarball 0 %s: the same source gave different bytes", i+1, tarballs[i+1], tarballs[0])
		}
	}
	return nil
}

// layers lists the layer digests of an image (its OCI tarball's manifest):
// its content. Parallel builds compare layers, not image digests: on
// v0.19.10 an image's config carries the time its layers were first made,
// and parallel imports race on it (see the README on --stable-digests).
func layers(ctx context.Context, image *dagger.Container) (string, error) {
	return dag.Container().From("node:22-slim").
		WithMountedFile("/image.tar", image.AsTarball()).
		WithWorkdir("/oci").
		WithExec([]string{"sh", "-c", `tar -xf /image.tar && node -e '
const fs = require("fs"), blob = d => JSON.parse(fs.readFileSync("blobs/sha256/" + d.slice(7)));
const m = blob(JSON.parse(fs.readFileSync("index.json")).manifests[0].digest);
console.log(m.layers.map(l => l.digest).join(" "))'`}).
		Stdout(ctx)
}
