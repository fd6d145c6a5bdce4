package main

import (
	"context"
	"fmt"
	"time"

	"dagger/bench/dockerfile"
	"dagger/bench/internal/dagger"
)

// The files P2, P3 and P6 edit.
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

// The seed Dockerfiles the benchmark derives are written into the source
// under these names (the fixture's own Dockerfile stays as it is), so both
// sides build the very same directory.
const (
	timedDockerfile = "bench.timed.Dockerfile"
	fixedDockerfile = "bench.fixed.Dockerfile"
)

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
	if err := b.trees.export(ctx, fixture, "monorepo"); err != nil {
		return err
	}
	b.note("Cold (P1, P5): every repetition has its own nonce in the source; the module gets its own store volume and a relabelled base image (so pnpm is installed again), the seed its own store: its cache mount `id=pnpm` becomes `id=pnpm-<nonce>` (the one edit to the timed Dockerfile for this).")
	b.note("Seed builds get a `.corepack.env` (COREPACK_INTEGRITY_KEYS=0) in their context: this machine's npm registry serves no signatures and Corepack refuses it otherwise. Both sides build the same source.")
	// variant is the monorepo with this repetition's nonce and the given
	// edits, as a user's upload.
	variant := func(c *cold, name string, edits map[string]string) (*dagger.Directory, error) {
		files := map[string]string{
			".bench-nonce":  c.nonce + "\n",
			".corepack.env": corepackEnv,
			timedDockerfile: dockerfile.ColdStore(b.seed.timed, c.nonce),
			fixedDockerfile: dockerfile.ColdStore(b.seed.fixed, c.nonce),
		}
		for p, s := range edits {
			files[p] = s
		}
		return b.trees.variant(ctx, "monorepo", c.nonce+"-"+name, files)
	}

	// The first call of the module in a session starts its runtime; a
	// user's `dagger call` pays that in "load module". Once per run here,
	// measured on its own, so that every repetition of P1 is alike.
	if err := b.firstCall(ctx, "monorepo"); err != nil {
		return err
	}

	// The engine's fixed costs, which every stage of either side pays: one
	// evaluation (a Sync of a chain of 1 empty exec) and one more exec in a
	// chain (from a chain of 6), on the node image, three times each.
	for i := 0; i < 3; i++ {
		var t [2]time.Duration
		for j, n := range []int{1, 6} {
			ctr := dag.Container().From(fmt.Sprintf("node:%s-slim", b.nodeVersion)).
				WithEnvVariable("BENCH_STEP", fmt.Sprintf("%d-%d-%d", time.Now().UnixNano(), i, n))
			for k := 0; k < n; k++ {
				ctr = ctr.WithExec([]string{"true"})
			}
			if t[j], err = timed(ctx, syncing(ctr)); err != nil {
				return fmt.Errorf("empty steps: %w", err)
			}
		}
		perExec := (t[1] - t[0]) / 5
		b.res.add("one exec", perExec)
		b.res.add("one evaluation", t[0]-perExec)
	}

	start := time.Now()
	if err := b.probeVerbatim(ctx, variant); err != nil {
		return err
	}
	b.phase("verbatim probe", start)

	seed := func(src *dagger.Directory, dockerfile, target string) *dagger.Container {
		return src.DockerBuild(dagger.DirectoryDockerBuildOpts{Dockerfile: dockerfile, Target: target})
	}
	build := func(c *cold, src *dagger.Directory, app string) *dagger.Container {
		return c.mod.Build(dagger.PnpmBuildOpts{Src: src, App: app})
	}
	seedBoth := func(src *dagger.Directory) []step {
		return []step{syncing(seed(src, timedDockerfile, "app1")), syncing(seed(src, timedDockerfile, "app2"))}
	}

	var last *cold
	var lastSrc *dagger.Directory
	start = time.Now()
	for i := 0; i < b.reps; i++ {
		// Two cold contexts: c for build-all's one batch (P1, P6), cs for
		// the per-app chains of build-all --separately, which `build`
		// shares, so P2 and P3 start from cs's state.
		c, err := b.newCold(ctx, fmt.Sprintf("m%d", i+1))
		if err != nil {
			return err
		}
		cs, err := b.newCold(ctx, fmt.Sprintf("m%ds", i+1))
		if err != nil {
			return err
		}
		// P2 and P3 each start from the state the step before left and
		// change one source file of app2 (two different edits, so that
		// the Dockerfile cannot reuse P2's build for P3). P6 then edits
		// common, which both apps need.
		src0, err := variant(c, "src0", nil)
		if err != nil {
			return err
		}
		src1, err := variant(c, "src1", map[string]string{app2Src: edit(app2TS, "p2-"+c.nonce)})
		if err != nil {
			return err
		}
		src2, err := variant(c, "src2", map[string]string{app2Src: edit(app2TS, "p3-"+c.nonce)})
		if err != nil {
			return err
		}
		src3, err := variant(c, "src3", map[string]string{app2Src: edit(app2TS, "p3-"+c.nonce), commonSrc: edit(commonTS, "p6-"+c.nonce)})
		if err != nil {
			return err
		}
		sep := map[string]*dagger.Directory{}
		for name, edits := range map[string]map[string]string{
			"src0": nil,
			"src1": {app2Src: edit(app2TS, "p2-"+cs.nonce)},
			"src2": {app2Src: edit(app2TS, "p3-"+cs.nonce)},
		} {
			if sep[name], err = variant(cs, name, edits); err != nil {
				return err
			}
		}
		steps := []pairStep{
			// Both apps, the way a user builds every app: build-all.
			{"P1", []step{syncingAll(c.mod, src0, false)}, seedBoth(src0)},
			{"P1s", []step{syncingAll(cs.mod, sep["src0"], true)}, nil},
			{"P2", []step{syncing(build(cs, sep["src1"], "app1"))}, []step{syncing(seed(src1, timedDockerfile, "app1"))}},
			{"P3", []step{syncing(build(cs, sep["src2"], "app2"))}, []step{syncing(seed(src2, timedDockerfile, "app2"))}},
		}
		// Alternate which side goes first, so that a drift in the
		// machine's load does not always favour the same side.
		moduleFirst := i%2 == 0
		for _, s := range steps {
			sides := []struct {
				who   string
				steps []step
			}{{"module", s.module}, {"seed", s.seed}}
			if !moduleFirst {
				sides[0], sides[1] = sides[1], sides[0]
			}
			for _, side := range sides {
				if side.steps == nil {
					continue
				}
				d, err := timed(ctx, side.steps...)
				if err != nil {
					return fmt.Errorf("%s %s, repetition %d: %w", s.name, side.who, i+1, err)
				}
				b.res.add(s.name+" "+side.who, d)
			}
		}
		// P6, the module's side (the native side runs on the host, in
		// bench/run, with the same edit).
		d, err := timed(ctx, syncingAll(c.mod, src3, false))
		if err != nil {
			return fmt.Errorf("P6 module, repetition %d: %w", i+1, err)
		}
		b.res.add("P6 module", d)
		last, lastSrc = c, src0
	}
	b.phase("monorepo repetitions", start)

	// P4 and the run checks, on the images of the last repetition: the
	// module's default runtime and its --runtime minimal (same store and
	// base image, so only the runtime stage differs).
	minimal := dag.Pnpm(dagger.PnpmOpts{NodeVersion: b.nodeVersion, BaseImage: last.baseImage, StoreCache: last.store, Runtime: "minimal"})
	pnpmStart := []string{"timeout", "30", "pnpm", "start"}
	var images []namedImage
	for _, a := range monorepoApps {
		images = append(images,
			namedImage{"module " + a.name, build(last, lastSrc, a.name), a, nil},
			namedImage{"module " + a.name + " (--runtime minimal)", minimal.Build(dagger.PnpmBuildOpts{Src: lastSrc, App: a.name}), a, nil},
			namedImage{"seed " + a.name + " (" + b.seed.timedName + ")", seed(lastSrc, timedDockerfile, a.name), a, pnpmStart},
			namedImage{"seed " + a.name + " (fixed)", seed(lastSrc, fixedDockerfile, a.name), a, pnpmStart},
		)
	}
	return b.measureImages(ctx, images)
}

// syncingAll builds every app of src with the module's build-all (in one
// batch, or each app on its own), then evaluates each image.
func syncingAll(mod *dagger.Pnpm, src *dagger.Directory, separately bool) step {
	return func(ctx context.Context) error {
		images, err := mod.BuildAll(ctx, dagger.PnpmBuildAllOpts{Src: src, Separately: separately})
		if err != nil {
			return err
		}
		steps := make([]step, len(images))
		for i := range images {
			steps[i] = syncing(&images[i])
		}
		_, err = timed(ctx, steps...)
		return err
	}
}

// probeVerbatim builds the seed's Dockerfile exactly as written, in its own
// cache namespace, and records whether it builds; when it does not, the
// timed seed is the verbatim file with the smallest change that builds.
func (b *bench) probeVerbatim(ctx context.Context, variant func(*cold, string, map[string]string) (*dagger.Directory, error)) error {
	c, err := b.newCold(ctx, "verbatim")
	if err != nil {
		return err
	}
	src, err := variant(c, "src", nil)
	if err != nil {
		return err
	}
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
