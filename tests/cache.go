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
		{"editing app1 does not re-run pnpm fetch", t.app1EditSkipsFetch},
		{"the same source twice, every step run again, gives the same image digest (--stable-digests)", t.reproducible},
		{"four builds sharing one fresh store, in parallel, give the same image digest", t.concurrent},
	}
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

// app1EditSkipsFetch counts the runs of `pnpm fetch` in a fresh store
// volume: the module appends a line to /pnpm/fetch.log on every fetch. A new
// lockfile must fetch (the check works), an app1 edit must not.
// fetchProbe is the module on a fresh store volume, and the monorepo
// fixture with lockfiles of their own: a trailing comment makes each a new
// key for `pnpm fetch`, without changing what it downloads.
type fetchProbe struct {
	store *dagger.CacheVolume
	mod   *dagger.Pnpm
	nonce string
	lock  string
}

func (t *Tests) newFetchProbe(ctx context.Context, name string) (*fetchProbe, error) {
	nonce := strconv.FormatInt(time.Now().UnixNano(), 36)
	store := dag.CacheVolume(name + "-" + nonce)
	lock, err := t.fixture("monorepo").File("pnpm-lock.yaml").Contents(ctx)
	if err != nil {
		return nil, err
	}
	mod := dag.Pnpm(dagger.PnpmOpts{StoreCache: store, StableDigests: true})
	return &fetchProbe{store: store, mod: mod, nonce: nonce, lock: lock}, nil
}

// withLock gives src the lockfile of this probe marked with tag.
func (f *fetchProbe) withLock(src *dagger.Directory, tag string) *dagger.Directory {
	return src.WithNewFile("pnpm-lock.yaml", f.lock+"# "+f.nonce+tag+"\n")
}

func (t *Tests) app1EditSkipsFetch(ctx context.Context) error {
	probe, err := t.newFetchProbe(ctx, "tests-fetch")
	if err != nil {
		return err
	}
	withLock := probe.withLock
	steps := []struct {
		what string
		src  *dagger.Directory
		runs int
	}{
		{"a new lockfile", withLock(t.fixture("monorepo"), "a"), 1},
		{"an app1 edit", edited(withLock(t.fixture("monorepo"), "a"), "packages/app1/src/extra.ts", probe.nonce), 1},
		{"another new lockfile", withLock(t.fixture("monorepo"), "b"), 2},
	}
	for _, s := range steps {
		if _, err := probe.mod.Build(dagger.PnpmBuildOpts{Src: s.src, App: "app1"}).Sync(ctx); err != nil {
			return err
		}
		n, err := fetchRuns(ctx, probe.store)
		if err != nil {
			return err
		}
		if n != s.runs {
			return fmt.Errorf("after %s: pnpm fetch ran %d times in all, want %d", s.what, n, s.runs)
		}
	}
	return nil
}

// fetchRuns counts the lines of the store's fetch log: one per `pnpm fetch`.
func fetchRuns(ctx context.Context, store *dagger.CacheVolume) (int, error) {
	out, err := dag.Container().From("node:22-slim").
		WithMountedCache("/pnpm", store).
		WithEnvVariable("READ_AT", time.Now().String()).
		WithExec([]string{"sh", "-c", "wc -l < /pnpm/fetch.log"}).
		Stdout(ctx)
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(strings.TrimSpace(out))
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
// Each has its own lockfile comment, so each really runs its own `pnpm
// fetch` into the shared store (the module mounts it SHARED): all must
// succeed and give the same image digest.
func (t *Tests) concurrent(ctx context.Context) error {
	probe, err := t.newFetchProbe(ctx, "tests-concurrent")
	if err != nil {
		return err
	}
	results := make([]string, 4)
	g, gctx := errgroup.WithContext(ctx)
	for i := range results {
		g.Go(func() error {
			src := probe.withLock(t.fixture("monorepo"), strconv.Itoa(i))
			d, err := digest(gctx, probe.mod.Build(dagger.PnpmBuildOpts{Src: src, App: "app1"}))
			results[i] = d
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if n, err := fetchRuns(ctx, probe.store); err != nil || n != 4 {
		return fmt.Errorf("pnpm fetch ran %d times into the shared store, want 4 (%v)", n, err)
	}
	for i, r := range results[1:] {
		if r != results[0] {
			return fmt.Errorf("build %d gave image %s, build 0 %s", i+1, r, results[0])
		}
	}
	return nil
}
