// Benchmark of the pnpm module against the pnpm docs' Dockerfile, on one engine.
//
// `bench/run` (the driver) calls Run once: in one engine session it builds
// testdata/monorepo with the module and with the seed's Example 2 Dockerfile
// (through Directory.dockerBuild), times every step around Sync calls, and
// prints one table of medians with the ratio module / seed. See bench/README.md
// for what each row measures and why it is measured that way.
//
// Why a Dagger module: it calls the pnpm module exactly as users do
// (dag.Pnpm().Build(...)), and every measurement of both sides happens in
// the same session on the same engine, so the two sides share the machine
// state and differ only in the recipe. The host-only figures (native pnpm,
// `go test -bench`) are measured by bench/run and passed in as arguments.
package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"dagger/bench/internal/dagger"
)

// Bench measures the pnpm module against the seed Dockerfile.
type Bench struct{}

// Run the benchmark and return the report: the table of medians, then the
// raw per-repetition figures.
// +cache="never"
func (m *Bench) Run(
	ctx context.Context,
	// Example 2 of pnpm's "Working with Docker": app1, app2, common, and the
	// seed Dockerfile.
	// +defaultPath="../../testdata/monorepo"
	// +ignore=["**/node_modules", "**/dist"]
	monorepo *dagger.Directory,
	// Repetitions; the table shows medians.
	// +default=3
	reps int,
	// One repetition, small workspace only (no P5): the test suite's check
	// that the benchmark still works.
	// +optional
	smoke bool,
	// The synthetic workspace of P5 (bench/synthgen); P5 is skipped without it.
	// +optional
	synth *dagger.Directory,
	// Path of the leaf source file that P5's "one leaf edit" rewrites,
	// relative to the synthetic workspace (printed by bench/synthgen).
	// +optional
	synthLeaf string,
	// Also build P5 with a seed-style Dockerfile, for reference.
	// +default=true
	synthSeed bool,
	// Node.js major for both sides. The seed Dockerfile says node:20-slim, so
	// the module is asked for Node 20 as well: same base image, same Node.
	// +default="20"
	nodeVersion string,
	// Registry the engine can push to, for a fresh base image per
	// repetition (see cold()); empty: the module's base stays warm.
	// +default="localhost:5000"
	registry string,
	// P6 native figures measured on the host by bench/run, seconds, one per
	// repetition, comma-separated.
	// +optional
	native string,
	// What the native figure ran (for the report).
	// +optional
	nativeNote string,
	// Skip testdata/monorepo (P1-P4, P6): P5 or P7 alone, for profiling.
	// +optional
	skipMonorepo bool,
	// P7's turborepo-style workspace: apps api and admin, and turbo's
	// `turbo prune --docker` recipe (Dockerfile.turbo).
	// +defaultPath="../../testdata/realistic"
	// +ignore=["**/node_modules", "**/dist", "**/.turbo", "out"]
	realistic *dagger.Directory,
	// Skip P7 (the realistic workspace).
	// +optional
	skipRealistic bool,
	// ns/op of `go test -bench BenchmarkLoadSynthetic200 ./internal/workspace`,
	// measured on the host by bench/run.
	// +optional
	goBenchNs string,
) (string, error) {
	if smoke {
		reps = 1
		synth = nil
		// P7 takes 5 to 7 minutes even once (three cold builds of 911
		// lockfile packages, image tarballs): too long for the test suite.
		skipRealistic = true
	}
	if reps < 1 {
		return "", fmt.Errorf("reps = %d, need at least 1", reps)
	}
	t, err := newTrees()
	if err != nil {
		return "", err
	}
	b := &bench{
		trees:       t,
		reps:        reps,
		nodeVersion: nodeVersion,
		registry:    registry,
		res:         newResults(),
		started:     time.Now().UTC(),
		load:        loadAverage(),
	}
	if v, err := dag.Version(ctx); err == nil {
		b.engine = v
	}
	dockerfile, err := monorepo.File("Dockerfile").Contents(ctx)
	if err != nil {
		return "", err
	}
	if b.seed, err = seedFromDockerfile(dockerfile); err != nil {
		return "", err
	}
	if !skipMonorepo {
		if err := b.monorepo(ctx, monorepo); err != nil {
			return "", err
		}
	}
	if synth != nil {
		if synthLeaf == "" {
			return "", fmt.Errorf("--synth needs --synth-leaf (bench/synthgen prints it)")
		}
		if err := b.synthetic(ctx, synth, synthLeaf, synthSeed); err != nil {
			return "", err
		}
	}
	if !skipRealistic {
		if err := b.realistic(ctx, realistic); err != nil {
			return "", err
		}
	}
	if err := b.res.addSeconds("P6 native", native); err != nil {
		return "", err
	}
	b.nativeNote = nativeNote
	b.goBenchNs = goBenchNs
	b.finished = time.Now().UTC()
	return b.report(), nil
}

// bench is one run's settings and results.
type bench struct {
	trees              *trees
	reps               int
	nodeVersion        string
	registry           string
	res                *results
	notes              []string
	started            time.Time
	finished           time.Time
	load               string
	engine             string
	nativeNote         string
	goBenchNs          string
	seed               seedVariants
	images             []imageRow
	p7                 p7Info
	checks             []checkRow
	synthApps          int
	synthPackages      int
	synthClosureBuilds int
	synthUnion         int
	synthLeafOf        int
	phases             []string
}

// phase records how long a part of the run took, for the report's raw
// section (where the benchmark's own time goes).
func (b *bench) phase(name string, start time.Time) {
	b.phases = append(b.phases, fmt.Sprintf("%s %s", name, time.Since(start).Round(100*time.Millisecond)))
}

func (b *bench) note(format string, args ...any) {
	n := fmt.Sprintf(format, args...)
	for _, old := range b.notes {
		if old == n {
			return
		}
	}
	b.notes = append(b.notes, n)
}

// cold is a fresh cache namespace for one repetition, the same for both
// sides: a nonce file in the source (a new source digest: every step that
// reads sources runs again, for the module and for the Dockerfile's
// `COPY . /app`), and for the module a new pnpm store volume and a base
// image that differs from node:<major>-slim only by a label, so that its
// `npm install -g pnpm` runs again too (the seed's Corepack downloads pnpm
// after `COPY . /app`, so it is cold anyway).
//
// Why not prune the engine cache: the engine is shared with other work (a
// prune also discards the compiled modules and other users' caches), and the
// module API of v0.19.10 exposes no prune. What stays warm on both sides: the
// pulled node image, the seed's `RUN corepack enable`, and the seed's pnpm
// store (its cache mount id=pnpm cannot be changed without editing the
// Dockerfile): the module's store is cold every time, the seed's only the
// first time, which favours the seed.
type cold struct {
	nonce string
	mod   *dagger.Pnpm
	// what mod was made with, for variants of it
	baseImage string
	store     *dagger.CacheVolume
}

func (b *bench) newCold(ctx context.Context, tag string) (*cold, error) {
	return b.newColdOn(ctx, tag, false)
}

// newColdOn is newCold; with nonceLayer the base image also gets a file with
// the nonce, a layer of its own. A label is enough for the module (the
// engine keys its `from` by the image reference), not for a Dockerfile:
// BuildKit keys a FROM by the image's layers, so a Dockerfile rebased onto a
// relabelled node image still reuses every cached step. P7 rebases its
// Dockerfiles onto this image (dockerfile.Rebase); P1-P6 keep the label
// alone, so their images stay comparable with earlier runs.
func (b *bench) newColdOn(ctx context.Context, tag string, nonceLayer bool) (*cold, error) {
	nonce := fmt.Sprintf("%s-%s", tag, strings.ToLower(fmt.Sprintf("%x", time.Now().UnixNano())))
	opts := dagger.PnpmOpts{
		NodeVersion: b.nodeVersion,
		StoreCache:  dag.CacheVolume("pnpm-bench-store-" + nonce),
	}
	if b.registry != "" {
		base := dag.Container().From(fmt.Sprintf("node:%s-slim", b.nodeVersion)).
			WithLabel("dev.pnpm-bench.nonce", nonce)
		if nonceLayer {
			base = base.WithNewFile(nonceFile, nonce+"\n")
		}
		ref, err := base.Publish(ctx, fmt.Sprintf("%s/pnpm-bench/node:%s-slim-%s", b.registry, b.nodeVersion, nonce))
		if err != nil {
			b.note("could not push a fresh base image to %s (%v): the module's `npm install -g pnpm` stayed warm", b.registry, buildError(err))
			b.registry = ""
		} else {
			opts.BaseImage = ref
		}
	}
	return &cold{nonce: nonce, mod: dag.Pnpm(opts), baseImage: opts.BaseImage, store: opts.StoreCache}, nil
}

// nonceFile is where newColdOn's nonce layer puts the nonce.
const nonceFile = "/.pnpm-bench-nonce"

// step is one thing to evaluate on the engine.
type step func(context.Context) error

// timed runs the steps in parallel and returns the wall-clock time until the
// last one is done.
func timed(ctx context.Context, steps ...step) (time.Duration, error) {
	start := time.Now()
	errs := make(chan error, len(steps))
	for _, s := range steps {
		go func() { errs <- s(ctx) }()
	}
	var first error
	for range steps {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return time.Since(start), first
}

// syncing is a step that evaluates a container.
func syncing(ctr *dagger.Container) step {
	return func(ctx context.Context) error {
		_, err := ctr.Sync(ctx)
		return err
	}
}

func loadAverage() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(raw))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func cpus() int { return runtime.NumCPU() }

// machine describes the host: CPU model and memory (from /proc, which a
// module's container shares with the engine's host).
func machine() string {
	model, mem := "", ""
	if raw, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(raw), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	if raw, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(raw), "\n") {
			if f := strings.Fields(l); len(f) >= 2 && f[0] == "MemTotal:" {
				if kb, err := strconv.ParseFloat(f[1], 64); err == nil {
					mem = fmt.Sprintf("%.0f GB RAM", kb/1024/1024)
				}
			}
		}
	}
	return strings.Trim(strings.Join([]string{model, mem}, ", "), ", ")
}
