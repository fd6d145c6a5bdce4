package main

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// seedVariants are the versions of the seed's Example 2 Dockerfile the
// benchmark builds. All are derived from the fixture's file by string
// edits, so the fixture stays verbatim.
type seedVariants struct {
	// verbatim is testdata/monorepo/Dockerfile as is.
	verbatim string
	// verbatimErr says why the verbatim file does not build on the fixture
	// ("" when it does); probe is how long the attempt took.
	verbatimErr string
	probed      bool
	probe       time.Duration
	// timed is what P1 to P3 time: the verbatim file when it builds, else
	// verbatim plus buildable (the smallest change that builds).
	timed     string
	timedName string
	// fixed is timed plus the root node_modules in every app stage: the
	// minimal fix for "its images do not start"; P4 compares against it.
	fixed string
}

// prodDepsNodeModules matches the seed's per-package node_modules copies.
var prodDepsNodeModules = regexp.MustCompile(`(?m)^(COPY --from=prod-deps \S+)/node_modules/ `)

// buildable makes the per-package node_modules copies optional: with a
// wildcard BuildKit copies nothing, instead of failing, when `pnpm install
// --prod` made no node_modules for a package without runtime dependencies
// (common in testdata/monorepo). Nothing else changes.
func buildable(dockerfile string) string {
	return prodDepsNodeModules.ReplaceAllString(dockerfile, "$1/node_module[s]/ ")
}

// withRootNodeModules adds the root node_modules (where pnpm's per-package
// links point) to every stage that has a CMD, right after its FROM line.
func withRootNodeModules(dockerfile string) string {
	lines := strings.Split(dockerfile, "\n")
	var out []string
	stageStart := -1
	flush := func(end int, hasCmd bool) {
		if stageStart < 0 {
			out = append(out, lines[:end]...)
			return
		}
		stage := lines[stageStart:end]
		if hasCmd {
			out = append(out, stage[0], "COPY --from=prod-deps /app/node_modules /app/node_modules")
			out = append(out, stage[1:]...)
		} else {
			out = append(out, stage...)
		}
	}
	hasCmd := false
	for i, l := range lines {
		if strings.HasPrefix(l, "FROM ") {
			flush(i, hasCmd)
			stageStart, hasCmd = i, false
		}
		if strings.HasPrefix(l, "CMD ") {
			hasCmd = true
		}
	}
	flush(len(lines), hasCmd)
	return strings.Join(out, "\n")
}

func seedFromDockerfile(dockerfile string) (seedVariants, error) {
	if !strings.Contains(dockerfile, "FROM base AS prod-deps") || !strings.Contains(dockerfile, "FROM base AS build") {
		return seedVariants{}, errors.New("testdata/monorepo/Dockerfile is not the seed's Example 2 (no prod-deps and build stages)")
	}
	s := seedVariants{verbatim: dockerfile, timed: buildable(dockerfile), timedName: "verbatim + node_module[s] wildcard"}
	s.fixed = withRootNodeModules(s.timed)
	return s, nil
}

// useVerbatim times the verbatim file: it builds.
func (s *seedVariants) useVerbatim() {
	s.timed, s.timedName = s.verbatim, "verbatim"
	s.fixed = withRootNodeModules(s.verbatim)
}

// seedStyle is the seed's recipe applied to the synthetic workspace: its
// base, prod-deps and build stages as they are, and an app stage per app in
// the seed's manner (runtime node_modules from prod-deps, built files from
// build). The synthetic workspace has 192 libraries: one COPY per library
// and app, as the seed writes them, would exceed the layer limit of
// overlayfs, so each app stage copies the whole built libs/ directory.
func seedStyle(dockerfile string, apps []synthApp) (string, error) {
	cut := strings.Index(dockerfile, "\nFROM base AS common")
	if cut < 0 {
		return "", errors.New("the seed Dockerfile has no common stage to cut at")
	}
	var b strings.Builder
	b.WriteString(strings.TrimRight(dockerfile[:cut], "\n"))
	b.WriteString("\n")
	for _, a := range apps {
		fmt.Fprintf(&b, "\nFROM base AS %s\n", a.stage())
		b.WriteString("COPY --from=prod-deps /app/node_module[s]/ /app/node_modules\n")
		b.WriteString("COPY --from=build /app/libs /app/libs\n")
		fmt.Fprintf(&b, "COPY --from=build /app/%[1]s /app/%[1]s\n", a.dir)
		fmt.Fprintf(&b, "WORKDIR /app/%s\n", a.dir)
		fmt.Fprintf(&b, "EXPOSE %d\n", a.port)
		b.WriteString("CMD [ \"pnpm\", \"start\" ]\n")
	}
	return b.String(), nil
}

// buildError is the part of a build error a reader needs: the failing step's
// message without the engine's trace identifiers.
func buildError(err error) string {
	s := firstLine(err)
	s = regexp.MustCompile(`\s*\[traceparent:[^\]]*\]`).ReplaceAllString(s, "")
	s = regexp.MustCompile(`ref [a-z0-9]+::[a-z0-9]+: `).ReplaceAllString(s, "")
	return s
}
