package main

import (
	"context"
	"fmt"
	"time"

	"dagger/bench/internal/dagger"
)

// The monorepo's apps and the files P2, P3 and P6 edit.
const (
	app2Src   = "packages/app2/src/index.ts"
	commonSrc = "packages/common/src/index.ts"
)

// monorepoApps are the apps of testdata/monorepo with their port and the
// start of the body they answer (see testdata/README.md).
var monorepoApps = []appSpec{
	{"app1", 8000, "app1 common-v1"},
	{"app2", 8001, "app2 common-v1"},
}

// corepackEnv lets the seed's Corepack (node:20-slim) use an npm registry
// that serves no signatures, as this machine's does: Corepack >= 0.30 reads
// .corepack.env next to the package.json that names packageManager. The
// Dockerfile itself stays as it is.
const corepackEnv = "COREPACK_INTEGRITY_KEYS=0\n"

// edit appends an export to a TypeScript source: the compiled output changes,
// as with any real edit.
func edit(ts, tag string) string {
	return ts + fmt.Sprintf("\nexport const benchEdit = %q;\n", tag)
}

// pairStep is one measurement of both sides.
type pairStep struct {
	name         string
	module, seed []step
}

// monorepo runs P1 to P4 and the module's side of P6 on testdata/monorepo.
func (b *bench) monorepo(ctx context.Context, fixture *dagger.Directory) error {
	app2TS, err := fixture.File(app2Src).Contents(ctx)
	if err != nil {
		return err
	}
	commonTS, err := fixture.File(commonSrc).Contents(ctx)
	if err != nil {
		return err
	}
	base := fixture.WithNewFile(".corepack.env", corepackEnv)
	b.note("Seed builds get a `.corepack.env` (COREPACK_INTEGRITY_KEYS=0) in their context: this machine's npm registry serves no signatures and Corepack refuses it otherwise. Same source for both sides.")

	start := time.Now()
	if err := b.probeVerbatim(ctx, base); err != nil {
		return err
	}
	b.phase("verbatim probe", start)
	seed := func(src *dagger.Directory, dockerfile, target string) *dagger.Container {
		return src.WithNewFile("Dockerfile", dockerfile).DockerBuild(dagger.DirectoryDockerBuildOpts{Target: target})
	}
	build := func(c *cold, src *dagger.Directory, app string) *dagger.Container {
		return c.mod.Build(dagger.PnpmBuildOpts{Src: src, App: app})
	}

	var last *cold
	var lastSrc *dagger.Directory
	start = time.Now()
	for i := 0; i < b.reps; i++ {
		c, err := b.newCold(ctx, fmt.Sprintf("m%d", i+1))
		if err != nil {
			return err
		}
		// Alternate which side goes first, so that a drift in the
		// machine's load does not always favour the same side.
		moduleFirst := i%2 == 0
		src0 := c.stamp(base)
		// P2 and P3 each start from the state the previous step left
		// and change one source file of app2 (two different edits, so
		// that the Dockerfile cannot reuse P2's build for P3).
		src1 := src0.WithNewFile(app2Src, edit(app2TS, "p2-"+c.nonce))
		src2 := src0.WithNewFile(app2Src, edit(app2TS, "p3-"+c.nonce))
		steps := []pairStep{
			{"P1", // cold: both apps
				[]step{syncing(build(c, src0, "app1")), syncing(build(c, src0, "app2"))},
				[]step{syncing(seed(src0, b.seed.timed, "app1")), syncing(seed(src0, b.seed.timed, "app2"))}},
			{"P2", []step{syncing(build(c, src1, "app1"))}, []step{syncing(seed(src1, b.seed.timed, "app1"))}},
			{"P3", []step{syncing(build(c, src2, "app2"))}, []step{syncing(seed(src2, b.seed.timed, "app2"))}},
		}
		for _, s := range steps {
			sides := []struct {
				who   string
				steps []step
			}{{"module", s.module}, {"seed", s.seed}}
			if !moduleFirst {
				sides[0], sides[1] = sides[1], sides[0]
			}
			for _, side := range sides {
				d, err := timed(ctx, side.steps...)
				if err != nil {
					return fmt.Errorf("%s %s, repetition %d: %w", s.name, side.who, i+1, err)
				}
				b.res.add(s.name+" "+side.who, d)
			}
		}
		// P6, the module's side: an edit of common (every app needs it),
		// then both images, with everything else warm. The native side
		// runs on the host (bench/run) with the same edit.
		src3 := src2.WithNewFile(commonSrc, edit(commonTS, "p6-"+c.nonce))
		d, err := timed(ctx, syncing(build(c, src3, "app1")), syncing(build(c, src3, "app2")))
		if err != nil {
			return fmt.Errorf("P6 module, repetition %d: %w", i+1, err)
		}
		b.res.add("P6 module", d)
		last, lastSrc = c, src0
	}

	b.phase("monorepo repetitions", start)

	// P4 and the run checks, on the images of the last repetition.
	pnpmStart := []string{"timeout", "30", "pnpm", "start"}
	var images []namedImage
	for _, a := range monorepoApps {
		images = append(images,
			namedImage{"module " + a.name, build(last, lastSrc, a.name), a, nil},
			namedImage{"seed " + a.name + " (" + b.seed.timedName + ")", seed(lastSrc, b.seed.timed, a.name), a, pnpmStart},
			namedImage{"seed " + a.name + " (fixed)", seed(lastSrc, b.seed.fixed, a.name), a, pnpmStart},
		)
	}
	images = append(images, namedImage{"what-if: module app1 on node + its libraries only",
		minimalRuntime(b.nodeVersion, build(last, lastSrc, "app1"), monorepoApps[0].port), monorepoApps[0], nil})
	return b.measureImages(ctx, images)
}

// probeVerbatim builds the seed's Dockerfile exactly as written, in its own
// cache namespace, and records whether it builds; when it does not, the
// timed seed is the verbatim file with the smallest change that builds.
func (b *bench) probeVerbatim(ctx context.Context, base *dagger.Directory) error {
	c, err := b.newCold(ctx, "verbatim")
	if err != nil {
		return err
	}
	src := c.stamp(base).WithNewFile("Dockerfile", b.seed.verbatim)
	start := time.Now()
	_, err = src.DockerBuild(dagger.DirectoryDockerBuildOpts{Target: "app1"}).Sync(ctx)
	b.seed.probe, b.seed.probed = time.Since(start), true
	if err == nil {
		b.seed.useVerbatim()
		return nil
	}
	b.seed.verbatimErr = buildError(err)
	return nil
}
