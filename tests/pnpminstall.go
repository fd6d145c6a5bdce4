package main

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"dagger/tests/internal/dagger"
)

// howPnpmGotIn prints "npm" when npm installed pnpm (npm links
// /usr/local/bin/pnpm relatively, ../lib/node_modules/...), "tarball" when
// the module unpacked it (an absolute link).
const howPnpmGotIn = `case "$(readlink /usr/local/bin/pnpm)" in ../*) echo npm ;; /*) echo tarball ;; *) echo unknown ;; esac`

// pnpmCompileCaches counts the compile caches of pnpm's bundle that pnpm
// commands left in /tmp (see compileCacheHook in the module): one when the
// hook works, whichever way pnpm got in.
const pnpmCompileCaches = `ls /tmp/v8-compile-cache-*/*/*/ 2>/dev/null | grep -c 'pnpm\.cjs\.BLOB$' || true`

// noFetchPreload makes node's fetch unavailable to a process whose
// arguments name a pnpm tarball: the module's download of pnpm, and
// nothing else (npm has its own HTTP client).
const noFetchPreload = `if (process.argv.some((a) => a.includes("/pnpm/-/pnpm-"))) delete globalThis.fetch;`

func (t *Tests) pnpmInstallCases() []testCase {
	return []testCase{
		{"an exact pnpm is unpacked from its tarball; where node cannot fetch the tarball, npm installs it and the app still answers; either way pnpm's compile cache is used on node 20", t.pnpmFallsBackToNpm},
	}
}

// pnpmFallsBackToNpm builds app1 of testdata/monorepo (which pins an exact
// pnpm 10) twice, each on a fresh store: on node:20-slim, where pnpm comes
// from its registry tarball (an absolute link on PATH), and on the
// same image with a preload that takes fetch away from the module's
// download, where npm installs pnpm (its relative link is there) and the
// image answers as usual. Both times, the install left pnpm's compile
// cache for the build's pnpm commands.
func (t *Tests) pnpmFallsBackToNpm(ctx context.Context) error {
	nonce := strconv.FormatInt(time.Now().UnixNano(), 36)
	noFetch, err := dag.Container().From("node:20-slim").
		WithNewFile("/opt/no-fetch.cjs", noFetchPreload).
		WithEnvVariable("NODE_OPTIONS", "--require /opt/no-fetch.cjs").
		Publish(ctx, "localhost:5000/tests-"+nonce+"/node:20-slim-no-fetch")
	if err != nil {
		return err
	}
	src := t.fixture("monorepo")
	for _, side := range []struct {
		base   string
		byNpm  bool
		answer bool
	}{{"node:20-slim", false, false}, {noFetch, true, true}} {
		mod := dag.Pnpm(dagger.PnpmOpts{BaseImage: side.base, StoreCache: dag.CacheVolume("tests-pnpm-install-" + nonce + side.base)})
		builder := mod.Builder(dagger.PnpmBuilderOpts{Src: src, App: "app1"})
		out, err := builder.WithExec([]string{"sh", "-c", "pnpm --version; " + howPnpmGotIn + "; " + pnpmCompileCaches}).Stdout(ctx)
		if err != nil {
			return fmt.Errorf("on %s: %w", side.base, err)
		}
		want := "10.34.9\ntarball\n1\n"
		if side.byNpm {
			want = "10.34.9\nnpm\n1\n"
		}
		if out != want {
			return fmt.Errorf("on %s: pnpm --version, how it got in and its compile caches: %q, want %q", side.base, out, want)
		}
		if side.answer {
			body, err := get(ctx, mod.Build(dagger.PnpmBuildOpts{Src: src, App: "app1"}), 8000)
			if err != nil {
				return fmt.Errorf("on %s: %w", side.base, err)
			}
			if err := expectContains("app1's answer", body, "app1 common-v1"); err != nil {
				return err
			}
		}
	}
	return nil
}
