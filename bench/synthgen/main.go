// Command synthgen writes the synthetic workspace of benchmark P5 (see
// bench/README.md) with internal/synth, and prints the path of the leaf
// source file that a "one leaf edit" rewrites, relative to the workspace.
//
//	go run ./bench/synthgen -dir bench/out/synth [-packages 200] [-apps 8]
//
// It lives in the root Go module, not in the bench Dagger module, because
// internal/synth may only be imported from inside dagger/pnpm.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"dagger/pnpm/internal/synth"
)

func main() {
	dir := flag.String("dir", "", "directory to write the workspace into (emptied first)")
	packages := flag.Int("packages", synth.DefaultPackages, "workspace packages, apps included")
	apps := flag.Int("apps", synth.DefaultApps, "apps among them")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "synthgen: -dir is required")
		os.Exit(2)
	}
	if err := run(*dir, synth.Options{Packages: *packages, Apps: *apps}); err != nil {
		fmt.Fprintln(os.Stderr, "synthgen:", err)
		os.Exit(1)
	}
}

func run(dir string, opts synth.Options) error {
	// A leftover dist/ or edited leaf from an earlier run must not leak in.
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := synth.Generate(dir, opts); err != nil {
		return err
	}
	leaf, err := opts.LeafSource(dir)
	if err != nil {
		return err
	}
	rel, err := filepath.Rel(dir, leaf)
	if err != nil {
		return err
	}
	fmt.Println(filepath.ToSlash(rel))
	return nil
}
