package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"dagger/tests/internal/dagger"
)

// The platforms of a multi-platform publish.
const (
	amd64 dagger.Platform = "linux/amd64"
	arm64 dagger.Platform = "linux/arm64"
)

func (t *Tests) platformCases() []testCase {
	return []testCase{
		// JavaScript: built once on the engine's CPU, each platform runs
		// its own node on those files.
		{"publish: one manifest list for amd64 and arm64, JavaScript built once",
			t.expectArch(false, map[dagger.Platform][2]string{amd64: {"x64", "x64"}, arm64: {"arm64", "x64"}})},
		// An addon in the deploy: the app is built again on arm64, under
		// emulation.
		{"publish: an app with native code is built on each platform",
			t.expectArch(true, map[dagger.Platform][2]string{amd64: {"x64", "x64"}, arm64: {"arm64", "arm64"}})},
	}
}

// archMonorepo is the monorepo with app1's build also recording the CPU it
// ran on in dist/arch.txt (and, with native, leaving a Node addon beside
// it), so the image shows where its files were built.
func (t *Tests) archMonorepo(ctx context.Context, native bool) (*dagger.Directory, error) {
	const manifest = "packages/app1/package.json"
	pkg, err := t.fixture("monorepo").File(manifest).Contents(ctx)
	if err != nil {
		return nil, err
	}
	record := `tsc -p . && node -e \"require('fs').writeFileSync('dist/arch.txt', process.arch)\"`
	if native {
		record += " && touch dist/addon.node"
	}
	edited := strings.Replace(pkg, `"build": "tsc -p ."`, `"build": "`+record+`"`, 1)
	if edited == pkg {
		return nil, fmt.Errorf("%s has no build script to edit", manifest)
	}
	return t.fixture("monorepo").WithNewFile(manifest, edited), nil
}

// publishArch publishes app1 for amd64 and arm64 and returns, for each
// platform pulled back from the reference, what `node -p process.arch`
// says and what dist/arch.txt holds.
func (t *Tests) publishArch(ctx context.Context, native bool) (map[dagger.Platform][2]string, error) {
	src, err := t.archMonorepo(ctx, native)
	if err != nil {
		return nil, err
	}
	address := "localhost:5000/tests-" + strconv.FormatInt(time.Now().UnixNano(), 36) + "/app1:multi"
	ref, err := dag.Pnpm().Publish(ctx, address, dagger.PnpmPublishOpts{Src: src, App: "app1", Platforms: []dagger.Platform{amd64, arm64}})
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(ref, address+"@sha256:") {
		return nil, fmt.Errorf("reference %q, want %s@sha256:...", ref, address)
	}
	got := map[dagger.Platform][2]string{}
	for _, platform := range []dagger.Platform{amd64, arm64} {
		image := dag.Container(dagger.ContainerOpts{Platform: platform}).From(ref)
		out, err := image.WithExec([]string{"sh", "-c", "node -p process.arch && cat dist/arch.txt"}).Stdout(ctx)
		if err != nil {
			return nil, fmt.Errorf("%s image: %w", platform, err)
		}
		lines := strings.Fields(out)
		if len(lines) != 2 {
			return nil, fmt.Errorf("%s image printed %q, want the CPU and dist/arch.txt", platform, out)
		}
		got[platform] = [2]string{lines[0], lines[1]}
	}
	return got, nil
}

// expectArch publishes app1 for amd64 and arm64 (with an addon when
// native) and checks, per platform, the CPU node runs on and the CPU the
// app's files were built on.
func (t *Tests) expectArch(native bool, want map[dagger.Platform][2]string) func(context.Context) error {
	return func(ctx context.Context) error {
		got, err := t.publishArch(ctx, native)
		if err != nil {
			return err
		}
		if got[amd64] != want[amd64] || got[arm64] != want[arm64] {
			return fmt.Errorf("node CPU and build CPU per platform: got %v, want %v", got, want)
		}
		return nil
	}
}
