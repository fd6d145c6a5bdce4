package main

import (
	"context"
	"fmt"

	"dagger/tests/internal/dagger"
)

// The Node version from the version managers' files, which must reach the
// module's copy of the workspace (it copies the files it reads, not all).

func (t *Tests) versionCases() []testCase {
	return []testCase{
		{"apps: mise.toml's [tools] node and asdf's .tool-versions pin the Node major", t.versionFiles},
	}
}

func (t *Tests) versionFiles(ctx context.Context) error {
	for file, c := range map[string]struct {
		text, source string
		major        int
	}{
		"mise.toml":      {"[tools]\nnode = \"22\"\npnpm = \"10\"\n", `mise.toml "22"`, 22},
		".tool-versions": {"nodejs 24.1.0\n", `.tool-versions "24.1.0"`, 24},
	} {
		apps, err := dag.Pnpm().Apps(ctx, dagger.PnpmAppsOpts{Src: t.fixture("single").WithNewFile(file, c.text)})
		if err != nil {
			return err
		}
		major, err := apps[0].NodeMajor(ctx)
		if err != nil {
			return err
		}
		source, err := apps[0].NodeSource(ctx)
		if err != nil {
			return err
		}
		if major != c.major || source != c.source {
			return fmt.Errorf("%s: Node %d from %q, want %d from %q", file, major, source, c.major, c.source)
		}
	}
	return nil
}
