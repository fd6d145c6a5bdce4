package main

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"time"

	"dagger/bench/dockerfile"
	"dagger/bench/internal/dagger"
)

// synthApp is one app of the synthetic workspace, as the module lists it.
type synthApp struct {
	name    string
	dir     string
	port    int
	closure []string
}

// stage is the app's Dockerfile stage name: its directory's base name.
func (a synthApp) stage() string { return path.Base(a.dir) }

// stampLine is the line of a leaf library that internal/synth's EditLeaf
// rewrites; the benchmark does the same edit inside the engine.
const stampLine = `exports.stamp = "v1";`

// synthetic runs P5 on the workspace written by bench/synthgen: the module's
// analysis (its `apps` function), the cold build of every app, and the
// rebuild of every app after one leaf library edit; optionally the same
// builds with the seed's recipe as a Dockerfile, for reference.
func (b *bench) synthetic(ctx context.Context, fixture *dagger.Directory, leaf string, withSeed bool) error {
	leafJS, err := fixture.File(leaf).Contents(ctx)
	if err != nil {
		return fmt.Errorf("synthetic workspace: %w", err)
	}
	if strings.Count(leafJS, stampLine) != 1 {
		return fmt.Errorf("synthetic workspace: %s has no single line %s", leaf, stampLine)
	}
	if err := b.trees.export(ctx, fixture, "synth"); err != nil {
		return err
	}
	defer b.phase("P5", time.Now())

	// The app list, once and untimed, for the seed-style Dockerfile.
	plain, err := b.trees.variant(ctx, "synth", "synth-plain", nil)
	if err != nil {
		return err
	}
	list, err := dag.Pnpm(dagger.PnpmOpts{NodeVersion: b.nodeVersion}).Apps(ctx, dagger.PnpmAppsOpts{Src: plain})
	if err != nil {
		return fmt.Errorf("synthetic workspace: %w", err)
	}
	apps, err := readApps(ctx, list)
	if err != nil {
		return err
	}
	b.synthApps = len(apps)
	packages := map[string]bool{}
	for _, a := range apps {
		b.synthClosureBuilds += len(a.closure)
		for _, dir := range a.closure {
			packages[dir] = true
		}
	}
	b.synthUnion = len(packages)
	if b.synthPackages, err = countPackages(filepath.Join(b.trees.root, "synth")); err != nil {
		return err
	}
	for _, a := range apps {
		for _, dir := range a.closure {
			if dir == path.Dir(path.Dir(leaf)) {
				b.synthLeafOf++
			}
		}
	}
	files := map[string]string{".corepack.env": corepackEnv}
	var seedDockerfile string
	if withSeed {
		if seedDockerfile, err = seedStyle(b.seed.verbatim, apps); err != nil {
			return err
		}
	}
	edited := strings.Replace(leafJS, stampLine, fmt.Sprintf("exports.stamp = %q;", "e"), 1)

	for i := 0; i < b.reps; i++ {
		c, err := b.newCold(ctx, fmt.Sprintf("s%d", i+1))
		if err != nil {
			return err
		}
		files[".bench-nonce"] = c.nonce + "\n"
		if withSeed {
			files[seedStyleDockerfile] = dockerfile.ColdStore(seedDockerfile, c.nonce)
		}
		delete(files, leaf)
		src, err := b.trees.variant(ctx, "synth", c.nonce+"-src", files)
		if err != nil {
			return err
		}
		files[leaf] = edited
		srcEdited, err := b.trees.variant(ctx, "synth", c.nonce+"-edited", files)
		if err != nil {
			return err
		}

		// The analysis time is the `apps` call alone: reading the
		// workspace and resolving the graph, in the module's runtime.
		d, err := timed(ctx, func(ctx context.Context) error {
			_, err := c.mod.Apps(ctx, dagger.PnpmAppsOpts{Src: src})
			return err
		})
		if err != nil {
			return fmt.Errorf("P5 analysis, repetition %d: %w", i+1, err)
		}
		b.res.add("P5 module analysis", d)

		seedSteps := func(src *dagger.Directory) []step {
			var s []step
			for _, a := range apps {
				s = append(s, syncing(src.DockerBuild(dagger.DirectoryDockerBuildOpts{Dockerfile: seedStyleDockerfile, Target: a.stage()})))
			}
			return s
		}
		for _, p := range []struct {
			name string
			src  *dagger.Directory
		}{{"P5 cold", src}, {"P5 leaf edit", srcEdited}} {
			sides := []struct {
				who   string
				steps []step
			}{{"module", []step{syncingAll(c.mod, p.src, false)}}}
			if withSeed {
				sides = append(sides, struct {
					who   string
					steps []step
				}{"seed", seedSteps(p.src)})
				if i%2 == 1 {
					sides[0], sides[1] = sides[1], sides[0]
				}
			}
			for _, side := range sides {
				d, err := timed(ctx, side.steps...)
				if err != nil {
					return fmt.Errorf("%s %s, repetition %d: %w", p.name, side.who, i+1, err)
				}
				b.res.add(p.name+" "+side.who, d)
			}
		}
	}
	return nil
}

// seedStyleDockerfile is where the seed-style Dockerfile of P5 is written.
const seedStyleDockerfile = "bench.seed-style.Dockerfile"

// countPackages counts the workspace packages of a tree: the package.json
// files below its root (node_modules excluded).
func countPackages(root string) (int, error) {
	n := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && d.Name() == "node_modules":
			return filepath.SkipDir
		case !d.IsDir() && d.Name() == "package.json" && filepath.Dir(p) != root:
			n++
		}
		return nil
	})
	return n, err
}

// readApps reads what P5 needs from the module's `apps` answer.
func readApps(ctx context.Context, list []dagger.PnpmApp) ([]synthApp, error) {
	out := make([]synthApp, 0, len(list))
	for _, a := range list {
		var s synthApp
		var err error
		if s.name, err = a.Name(ctx); err != nil {
			return nil, err
		}
		if s.dir, err = a.Dir(ctx); err != nil {
			return nil, err
		}
		if s.port, err = a.Port(ctx); err != nil {
			return nil, err
		}
		if s.closure, err = a.Closure(ctx); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}
