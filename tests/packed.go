package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"dagger/tests/internal/dagger"
)

// wideLeaf is a leaf library of testdata/wide in app-01's closure: its
// stamp is in app-01's answer.
const wideLeaf = "libs/lib-000/src/index.js"

// packedInputs builds app-01 of testdata/wide (60 packages, written by
// bench/synthgen): its install reads 54 manifests and its build 51
// packages and 4 root files, more than the module mounts one by one, so
// both reach their steps packed by a step on the whole source (if the
// module's packThreshold ever rises above 50, widen the fixture). On a
// fresh store: the image answers with its closure and stamp; after an edit
// of a leaf library in that closure it answers with the new stamp and no
// install ran (the manifests' pack is keyed by what it holds, though the
// packing step ran again); after an edit of app-02's package.json, outside
// the closure, still one install in all.
func (t *Tests) packedInputs(ctx context.Context) error {
	nonce := strconv.FormatInt(time.Now().UnixNano(), 36)
	store := dag.CacheVolume("tests-packed-" + nonce)
	mod := dag.Pnpm(dagger.PnpmOpts{StoreCache: store})
	wide := t.fixture("wide")
	files, err := contentsOf(ctx, wide, "pnpm-lock.yaml", wideLeaf, "apps/app-02/package.json")
	if err != nil {
		return err
	}
	lock, leaf, app2 := files[0], files[1], files[2]
	base := wide.WithNewFile("pnpm-lock.yaml", lock+"# "+nonce+"\n")
	stamp := "e" + nonce
	leafEdited := base.WithNewFile(wideLeaf, strings.Replace(leaf, `exports.stamp = "v1";`, `exports.stamp = "`+stamp+`";`, 1))
	app2Edited := leafEdited.WithNewFile("apps/app-02/package.json",
		strings.Replace(app2, "{", `{"description": "edited `+nonce+`",`, 1))
	steps := []struct {
		what string
		src  *dagger.Directory
		want string
	}{
		{"the first build", base, "@synth/app-01 libs=50 stamps=v1"},
		{"an edit of " + wideLeaf, leafEdited, "@synth/app-01 libs=50 stamps=" + stamp + ",v1"},
		{"an edit of apps/app-02/package.json", app2Edited, "@synth/app-01 libs=50 stamps=" + stamp + ",v1"},
	}
	for _, s := range steps {
		body, err := get(ctx, mod.Build(dagger.PnpmBuildOpts{Src: s.src, App: "@synth/app-01"}), 8000)
		if err != nil {
			return fmt.Errorf("after %s: %w", s.what, err)
		}
		if body != s.want {
			return fmt.Errorf("after %s: app-01 answered %q, want %q", s.what, body, s.want)
		}
		// The fixture has no third-party package: pnpm prints no download
		// count, so only the installs are counted.
		installs, err := downloadCounts(ctx, store)
		if err != nil {
			return err
		}
		if len(installs) != 1 {
			return fmt.Errorf("after %s: %d installs in all, want 1", s.what, len(installs))
		}
	}
	return nil
}

// contentsOf reads files of dir.
func contentsOf(ctx context.Context, dir *dagger.Directory, paths ...string) ([]string, error) {
	out := make([]string, len(paths))
	for i, p := range paths {
		s, err := dir.File(p).Contents(ctx)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}
