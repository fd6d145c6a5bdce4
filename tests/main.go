// Tests for the pnpm module, run against a real engine: `dagger call -m tests all`.
//
// Every case builds real fixture workspaces from ../testdata and asserts what
// a user would check: the image answers HTTP, files are or are not in it, a
// bad workspace fails with the file and the fix.
package main

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"

	"dagger/tests/internal/dagger"

	"golang.org/x/sync/errgroup"
)

// Tests exercises the pnpm module on the fixtures in testdata/.
type Tests struct {
	// +private
	Testdata *dagger.Directory
}

func New(
	// The fixture workspaces.
	// +defaultPath="../testdata"
	// +ignore=["**/node_modules", "**/dist"]
	testdata *dagger.Directory,
) *Tests {
	return &Tests{Testdata: testdata}
}

// testCase is one named check.
type testCase struct {
	name string
	run  func(context.Context) error
}

// All runs every test case, several at a time, and reports each failure by
// name.
// +cache="never"
func (t *Tests) All(
	ctx context.Context,
	// How many cases run at once; 0 means two per CPU core.
	// +default=0
	parallel int,
) (string, error) {
	return t.runAll(ctx, t.cases(), parallel)
}

// Run runs the cases whose name contains match, e.g. `dagger call -m tests
// run --match sbom`.
// +cache="never"
func (t *Tests) Run(
	ctx context.Context,
	// Part of the names of the cases to run, in any case.
	match string,
	// How many cases run at once; 0 means two per CPU core.
	// +default=0
	parallel int,
) (string, error) {
	var cases []testCase
	for _, c := range t.cases() {
		if strings.Contains(strings.ToLower(c.name), strings.ToLower(match)) {
			cases = append(cases, c)
		}
	}
	if len(cases) == 0 {
		return "", fmt.Errorf("no test case name contains %q", match)
	}
	return t.runAll(ctx, cases, parallel)
}

// cases lists every test case of the suite.
func (t *Tests) cases() []testCase {
	return slices.Concat(t.httpCases(), t.contentCases(), t.cacheCases(), t.badInputCases(), t.shipCases(), t.registryCases(), t.sbomCases(), t.platformCases(), t.kindCases(), t.pnpmInstallCases(), t.buildEnvCases(), t.spaModeCases(), t.nuxtCases(), t.svelteKitCases(), t.astroCases(), t.basePathCases(), t.versionCases())
}

// casesPerCore is how many cases run at once per CPU core. Why a bound:
// with all 76 cases at once on 2 cores, the engine once took over 2 s to
// complete the in-memory HTTP/2 handshake of a function's buildkit session
// (the engine log's "timeout waiting for SETTINGS frames from pipe"); that
// session never came up, and everything the function asked for failed with
// "no active session" (dagger/dagger#11293 has the same symptom). Measured
// on 2 cores, taking turns with all at once: at most 39 runnable threads on
// the host (84-113), a new client connected within 6 s (19-21 s), and the
// suite took no longer (165 s against 177-208 s on a warm engine).
const casesPerCore = 2

// runAll runs the cases, parallel at a time (0: casesPerCore per core), then
// prints a line per case and the closing "N passed, N failed" line.
func (t *Tests) runAll(ctx context.Context, cases []testCase, parallel int) (string, error) {
	if parallel <= 0 {
		parallel = casesPerCore * runtime.NumCPU()
	}
	errs := make([]error, len(cases))
	var g errgroup.Group
	g.SetLimit(parallel)
	for i, c := range cases {
		g.Go(func() error {
			errs[i] = c.run(ctx)
			return nil
		})
	}
	_ = g.Wait()
	var report strings.Builder
	failed := 0
	for i, c := range cases {
		if errs[i] != nil {
			failed++
			fmt.Fprintf(&report, "FAIL %s: %v\n", c.name, errs[i])
		} else {
			fmt.Fprintf(&report, "ok   %s\n", c.name)
		}
	}
	fmt.Fprintf(&report, "%d passed, %d failed\n", len(cases)-failed, failed)
	if failed > 0 {
		return "", fmt.Errorf("%s", report.String())
	}
	return report.String(), nil
}

// fixture is one workspace of testdata/.
func (t *Tests) fixture(name string) *dagger.Directory {
	return t.Testdata.Directory(name)
}

// get runs the image as a service and returns the body of GET / on port,
// fetched from a client container with Node's own fetch.
func get(ctx context.Context, image *dagger.Container, port int) (string, error) {
	svc := image.AsService()
	script := fmt.Sprintf(`fetch("http://app:%d/").then(async r => { if (!r.ok) throw new Error("HTTP " + r.status); process.stdout.write(await r.text()) })`, port)
	return dag.Container().From("node:22-slim").
		WithServiceBinding("app", svc).
		// A new value each run: the probe must really run, not come from cache.
		WithEnvVariable("PROBE_AT", time.Now().String()).
		WithExec([]string{"node", "-e", script}).
		Stdout(ctx)
}

// expectContains fails unless got contains every one of want.
func expectContains(what, got string, want ...string) error {
	for _, w := range want {
		if !strings.Contains(got, w) {
			return fmt.Errorf("%s: want %q in %q", what, w, got)
		}
	}
	return nil
}
