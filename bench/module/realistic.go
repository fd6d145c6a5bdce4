package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"dagger/bench/dockerfile"
	"dagger/bench/internal/dagger"
)

// P7: testdata/realistic, a turborepo-style workspace (apps api and admin,
// libraries logger and ui, config packages; 911 lockfile packages), one app
// (api) built three ways on the same engine: by the module, by turbo's own
// `turbo prune --docker` recipe (the fixture's Dockerfile.turbo), and by the
// seed's Example 2 recipe applied to this workspace (seed-style).

// The files P7 edits. The api edit goes into the entry file: tsup (esbuild)
// keeps an entry's exports, so dist/index.js changes; an unused export
// appended to app.ts would be tree-shaken away. The admin edit only has to
// be a change of the other app's source, which api does not depend on.
const (
	p7APISrc   = "apps/api/src/index.ts"
	p7AdminSrc = "apps/admin/src/app.ts"
	p7App      = "api"
)

// turboDockerfile is where the rebased Dockerfile.turbo is written into the
// source (the fixture's file stays as it is). The seed-style one goes to
// seedStyleDockerfile, as in P5.
const turboDockerfile = "bench.turbo.Dockerfile"

// p7API is the app P7 builds, with its port and answer (testdata/realistic/README.md).
var p7API = appSpec{p7App, 3001, "api logger@1.2.0 ok"}

// p7Stages are the seed-style Dockerfile's app stages. Only api is built;
// admin's stage makes the file the seed's recipe for the whole workspace.
var p7Stages = []dockerfile.App{
	{Stage: "api", Dir: "apps/api", Port: 3001},
	{Stage: "admin", Dir: "apps/admin", Port: 3002},
}

// p7Steps are P7's timed builds of api, in the order they run in each
// repetition. Both edits start from the cold build's source, so each edit
// rebuild starts from the state that side's cold build left.
var p7Steps = []struct{ key, file string }{
	{"P7 cold", ""},
	{"P7 api edit", p7APISrc},
	{"P7 admin edit", p7AdminSrc},
}

// p7Info is what the P7 report needs besides the timings.
type p7Info struct {
	ran bool
	// rebased: the Dockerfiles started from the repetition's own base
	// image (false when no registry took it: they were not cold).
	rebased bool
	// errors are the failed builds, in full (the notes show a line each).
	errors []string
}

// p7Side is one way of building api from a P7 source.
type p7Side struct {
	who   string
	build func(c *cold, src *dagger.Directory) *dagger.Container
	// diag is run in the image when it does not answer (see runCheck).
	diag []string
}

func p7Sides() []p7Side {
	return []p7Side{
		{"module", func(c *cold, src *dagger.Directory) *dagger.Container {
			return c.mod.Build(dagger.PnpmBuildOpts{Src: src, App: p7App})
		}, nil},
		{"turbo", func(_ *cold, src *dagger.Directory) *dagger.Container {
			return src.DockerBuild(dagger.DirectoryDockerBuildOpts{
				Dockerfile: turboDockerfile,
				BuildArgs:  []dagger.BuildArg{{Name: "APP", Value: p7App}},
			})
		}, []string{"timeout", "30", "node", "apps/" + p7App + "/dist/index.js"}},
		{"seed-style", func(_ *cold, src *dagger.Directory) *dagger.Container {
			return src.DockerBuild(dagger.DirectoryDockerBuildOpts{Dockerfile: seedStyleDockerfile, Target: p7App})
		}, []string{"timeout", "30", "pnpm", "start"}},
	}
}

// realistic runs P7: per repetition a cold build of api on each side, then
// a rebuild after an edit of api's source and one after an edit of admin's;
// then the sizes and run checks of the last repetition's images.
func (b *bench) realistic(ctx context.Context, fixture *dagger.Directory) error {
	defer b.phase("P7", time.Now())
	turbo, err := fixture.File("Dockerfile.turbo").Contents(ctx)
	if err != nil {
		return fmt.Errorf("P7: %w", err)
	}
	seedStyle, err := dockerfile.SeedStyle(b.seed.verbatim, "packages", p7Stages)
	if err != nil {
		return fmt.Errorf("P7: %w", err)
	}
	seedStyle = dockerfile.ProdIgnoreScripts(seedStyle)
	orig := map[string]string{}
	for _, s := range p7Steps[1:] {
		if orig[s.file], err = fixture.File(s.file).Contents(ctx); err != nil {
			return fmt.Errorf("P7: %w", err)
		}
	}
	if err := b.trees.export(ctx, fixture, "realistic"); err != nil {
		return err
	}
	if err := b.p7FirstCall(ctx); err != nil {
		return err
	}
	b.p7.ran, b.p7.rebased = true, b.registry != ""
	b.p7Notes()

	sides := p7Sides()
	var last *cold
	var lastSrc *dagger.Directory
	var lastFailed map[string]bool
	for i := 0; i < b.reps; i++ {
		c, err := b.newColdOn(ctx, fmt.Sprintf("r%d", i+1), true)
		if err != nil {
			return err
		}
		if c.baseImage == "" {
			b.p7.rebased = false
		}
		srcs, err := b.p7Sources(ctx, c, turbo, seedStyle, orig)
		if err != nil {
			return err
		}
		failed := b.p7Repetition(ctx, c, srcs, rotate(sides, i), i)
		last, lastSrc, lastFailed = c, srcs[0], failed
	}

	if !b.p7.rebased {
		b.note("P7: no registry took a fresh base image, so its Dockerfile builds were not cold: their figures are warm.")
	}
	var images []namedImage
	for _, s := range sides {
		if !lastFailed[s.who] {
			images = append(images, namedImage{p7ImageName(s.who), s.build(last, lastSrc), p7API, s.diag})
		}
	}
	base, baseName := dag.Container().From(fmt.Sprintf("node:%s-slim", b.nodeVersion)), fmt.Sprintf("node:%s-slim (P7's base: no registry for a fresh one)", b.nodeVersion)
	if last.baseImage != "" {
		base, baseName = dag.Container().From(last.baseImage), fmt.Sprintf("node:%s-slim + nonce layer (the base of P7's images, last repetition)", b.nodeVersion)
	}
	return b.measureImagesOn(ctx, "P7", baseName, base, images)
}

// p7Notes says in the report what P7's sides are and how each is made cold.
func (b *bench) p7Notes() {
	b.note("P7 sides: module = `build --app api` (`--node-version 20`); turbo = testdata/realistic/Dockerfile.turbo, turbo's `prune --docker` recipe, with APP=api; seed-style = the seed's base, prod-deps and build stages and an api stage (root node_modules from prod-deps, packages/ and apps/api from build), with `--ignore-scripts` on its `pnpm install --prod`: the root `\"prepare\": \"husky\"` needs a devDependency and fails there otherwise.")
	b.note("P7 cold: each repetition has its own base image, node:20-slim with a label and a nonce layer, pushed to the registry. The module gets it as its base with a fresh store volume; both Dockerfiles' `FROM node:20-slim` are rebased onto it (BuildKit keys a FROM by the image's layers, so a label alone leaves a Dockerfile warm, and a nonce in the source does not reach turbo's installer, which copies only what `turbo prune` regenerates identically); the seed-style's store mount gets its own id.")
	b.note("P7 turbo after an edit: within one engine session BuildKit does not match a `COPY --from` by content against steps built earlier in the same session, so turbo's installer installs again although `turbo prune`'s out/json is unchanged. In a new session (a user's next `docker build`) the api edit reuses the install and the admin edit is fully cached. The turbo edit figures here are upper bounds; the table after this report (bench/p7-sessions) has every edit build in its own CLI session.")
}

func p7ImageName(who string) string { return "P7 " + who + " " + p7App }

// p7FirstCall starts the module's runtime before P7's first timed build
// when no earlier part of the run did (P7 alone): a user pays that in
// `dagger call`'s "load module", not in a build.
func (b *bench) p7FirstCall(ctx context.Context) error {
	return b.firstCall(ctx, "realistic")
}

// firstCall times the module's first call of the run (its runtime starting;
// a user pays it in `dagger call`'s "load module") on the tree base, once:
// every repetition after it is alike.
func (b *bench) firstCall(ctx context.Context, base string) error {
	if _, done := b.res.median("module first call"); done {
		return nil
	}
	plain, err := b.trees.variant(ctx, base, base+"-plain", nil)
	if err != nil {
		return err
	}
	d, err := timed(ctx, func(ctx context.Context) error {
		_, err := dag.Pnpm(dagger.PnpmOpts{NodeVersion: b.nodeVersion}).Apps(ctx, dagger.PnpmAppsOpts{Src: plain})
		return err
	})
	if err != nil {
		return fmt.Errorf("the module's first call (%s): %w", base, err)
	}
	b.res.add("module first call", d)
	return nil
}

// p7Sources writes the repetition's three sources, one per step of
// p7Steps: the fixture with the nonce, the Corepack setting the seed-style
// needs, and both Dockerfiles made cold (rebased onto the repetition's base
// image, the seed-style's store mount renamed), then each edit on its own.
func (b *bench) p7Sources(ctx context.Context, c *cold, turbo, seedStyle string, orig map[string]string) ([]*dagger.Directory, error) {
	if c.baseImage != "" {
		from := fmt.Sprintf("node:%s-slim", b.nodeVersion)
		var n int
		if turbo, n = dockerfile.Rebase(turbo, from, c.baseImage); n == 0 {
			return nil, fmt.Errorf("P7: Dockerfile.turbo has no `FROM %s` to rebase: its builds would not be cold", from)
		}
		if seedStyle, n = dockerfile.Rebase(seedStyle, from, c.baseImage); n == 0 {
			return nil, fmt.Errorf("P7: the seed-style Dockerfile has no `FROM %s` to rebase", from)
		}
	}
	var srcs []*dagger.Directory
	for _, s := range p7Steps {
		files := map[string]string{
			".bench-nonce":      c.nonce + "\n",
			".corepack.env":     corepackEnv,
			turboDockerfile:     turbo,
			seedStyleDockerfile: dockerfile.ColdStore(seedStyle, c.nonce),
		}
		if s.file != "" {
			files[s.file] = edit(orig[s.file], s.key+"-"+c.nonce)
		}
		src, err := b.trees.variant(ctx, "realistic", c.nonce+"-"+fmt.Sprint(len(srcs)), files)
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, src)
	}
	return srcs, nil
}

// p7Repetition times every step of p7Steps on every side, the sides in the
// given order. A side whose build fails is skipped for the rest of the
// repetition (its edit rebuilds would not start from its cold state) and
// reported; the other sides go on, so that one failure (the module is being
// worked on) does not hide the other figures. It returns the failed sides.
func (b *bench) p7Repetition(ctx context.Context, c *cold, srcs []*dagger.Directory, sides []p7Side, i int) map[string]bool {
	failed := map[string]bool{}
	for k, s := range p7Steps {
		for _, side := range sides {
			if failed[side.who] {
				continue
			}
			d, err := timed(ctx, syncing(side.build(c, srcs[k])))
			if err != nil {
				failed[side.who] = true
				b.p7Failed(fmt.Sprintf("%s %s, repetition %d", s.key, side.who, i+1), err)
				continue
			}
			b.res.add(s.key+" "+side.who, d)
		}
	}
	return failed
}

// p7Failed records a failed build: a line in the notes, the whole message
// below the report and in the engine log.
func (b *bench) p7Failed(what string, err error) {
	b.note("%s failed (the rest of that side's repetition skipped): %s", what, buildError(err))
	b.p7.errors = append(b.p7.errors, what+":\n"+err.Error())
	fmt.Fprintf(os.Stderr, "bench: %s failed:\n%s\n", what, err)
}

// rotate starts the list at i mod its length: with three sides and three
// repetitions, each side goes first once, so that a drift in the machine's
// load does not always favour the same side.
func rotate[T any](s []T, i int) []T {
	k := i % len(s)
	return append(append([]T(nil), s[k:]...), s[:k]...)
}
