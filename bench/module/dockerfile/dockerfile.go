// Package dockerfile derives the benchmark's variants of the seed's Example 2
// Dockerfile by string edits, so that the fixture itself stays verbatim.
package dockerfile

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// prodDepsNodeModules matches the seed's per-package node_modules copies.
var prodDepsNodeModules = regexp.MustCompile(`(?m)^(COPY --from=prod-deps \S+)/node_modules/ `)

// Buildable makes the per-package node_modules copies optional: with a
// wildcard BuildKit copies nothing, instead of failing, when `pnpm install
// --prod` made no node_modules for a package without runtime dependencies
// (common in testdata/monorepo). Nothing else changes.
func Buildable(dockerfile string) string {
	return prodDepsNodeModules.ReplaceAllString(dockerfile, "$1/node_module[s]/ ")
}

// cacheMountID matches the id of a RUN --mount=type=cache.
var cacheMountID = regexp.MustCompile(`(--mount=type=cache,(?:[^ ]*,)?id=)([^, ]+)`)

// ColdStore gives every cache mount an id of its own with suffix appended,
// so that each repetition starts from an empty pnpm store, as the module's
// does with its fresh store volume. Nothing else changes.
func ColdStore(dockerfile, suffix string) string {
	return cacheMountID.ReplaceAllString(dockerfile, "${1}${2}-"+suffix)
}

// RootNodeModules is the line Fixed adds to every app stage.
const RootNodeModules = "COPY --from=prod-deps /app/node_modules /app/node_modules"

// Fixed adds the root node_modules (where pnpm's per-package links point)
// to every stage that has a CMD, right after its FROM line: the minimal fix
// for "its images do not start".
func Fixed(dockerfile string) string {
	lines := strings.Split(dockerfile, "\n")
	var out []string
	stageStart, hasCmd := -1, false
	flush := func(end int) {
		if stageStart < 0 {
			out = append(out, lines[:end]...)
			return
		}
		stage := lines[stageStart:end]
		out = append(out, stage[0])
		if hasCmd {
			out = append(out, RootNodeModules)
		}
		out = append(out, stage[1:]...)
	}
	for i, l := range lines {
		if strings.HasPrefix(l, "FROM ") {
			flush(i)
			stageStart, hasCmd = i, false
		}
		if strings.HasPrefix(l, "CMD ") {
			hasCmd = true
		}
	}
	flush(len(lines))
	return strings.Join(out, "\n")
}

// CheckSeed fails unless the Dockerfile has the seed's prod-deps and build
// stages.
func CheckSeed(dockerfile string) error {
	if !strings.Contains(dockerfile, "FROM base AS prod-deps") || !strings.Contains(dockerfile, "FROM base AS build") {
		return errors.New("testdata/monorepo/Dockerfile is not the seed's Example 2 (no prod-deps and build stages)")
	}
	return nil
}

// fromLine matches a FROM instruction: its flags, the image, and the rest
// (" AS name" or nothing).
var fromLine = regexp.MustCompile(`(?m)^(FROM\s+(?:--\S+\s+)*)(\S+)([ \t].*)?$`)

// Rebase replaces the image of every `FROM <from>` line with to, and
// returns how many lines it changed; other FROM lines (`FROM base AS x`, a
// stage built on another) stay, so every stage ends up on the new image.
// The benchmark gives each repetition a base image of its own this way (the
// one the module gets as its BaseImage): BuildKit keys a FROM by the image's
// layers, so every step of every stage runs again. A nonce file in the
// context is not enough for a recipe such as `turbo prune --docker`, whose
// later stages copy only what the prune regenerates identically.
func Rebase(dockerfile, from, to string) (string, int) {
	n := 0
	out := fromLine.ReplaceAllStringFunc(dockerfile, func(l string) string {
		m := fromLine.FindStringSubmatch(l)
		if m[2] != from {
			return l
		}
		n++
		return m[1] + to + m[3]
	})
	return out, n
}

// prodInstall matches a `pnpm install --prod ...` line without
// --ignore-scripts.
var prodInstall = regexp.MustCompile(`(?m)^(RUN .*pnpm install --prod\b.*?)[ \t]*$`)

// ProdIgnoreScripts adds --ignore-scripts to the seed's `pnpm install
// --prod`: a root lifecycle script that runs a devDependency, as husky's
// `"prepare": "husky"` does in testdata/realistic, fails there (`husky: not
// found`) because --prod leaves devDependencies out. husky's documentation
// gives the same advice for production installs. The full install of the
// build stage still runs every script. Nothing else changes.
func ProdIgnoreScripts(dockerfile string) string {
	return prodInstall.ReplaceAllStringFunc(dockerfile, func(l string) string {
		if strings.Contains(l, "--ignore-scripts") {
			return l
		}
		return strings.TrimRight(l, " \t") + " --ignore-scripts"
	})
}

// App is an app stage of a seed-style Dockerfile.
type App struct {
	Stage string // stage name, e.g. "app-01"
	Dir   string // package directory, e.g. "apps/app-01"
	Port  int
}

// SeedStyle is the seed's recipe applied to a workspace with more apps (the
// synthetic workspace of P5, testdata/realistic in P7): the seed's base,
// prod-deps and build stages as they are, and an app stage per app in the
// seed's manner (runtime node_modules from prod-deps, built files from
// build). One COPY per library and app, as the seed writes them, would
// exceed overlayfs' layer limit with hundreds of libraries, so each app
// stage copies the whole built libs directory (e.g. "libs", "packages").
//
// It never runs `pnpm deploy` (the seed's Example 2 predates it), so pnpm
// 10's deploy rules (`--legacy` or inject-workspace-packages) do not apply.
func SeedStyle(dockerfile, libs string, apps []App) (string, error) {
	cut := strings.Index(dockerfile, "\nFROM base AS common")
	if cut < 0 {
		return "", errors.New("the seed Dockerfile has no common stage to cut at")
	}
	var b strings.Builder
	b.WriteString(strings.TrimRight(dockerfile[:cut], "\n"))
	b.WriteString("\n")
	for _, a := range apps {
		fmt.Fprintf(&b, "\nFROM base AS %s\n", a.Stage)
		b.WriteString("COPY --from=prod-deps /app/node_module[s]/ /app/node_modules\n")
		fmt.Fprintf(&b, "COPY --from=build /app/%[1]s /app/%[1]s\n", libs)
		fmt.Fprintf(&b, "COPY --from=build /app/%[1]s /app/%[1]s\n", a.Dir)
		fmt.Fprintf(&b, "WORKDIR /app/%s\n", a.Dir)
		fmt.Fprintf(&b, "EXPOSE %d\n", a.Port)
		b.WriteString("CMD [ \"pnpm\", \"start\" ]\n")
	}
	return b.String(), nil
}

var (
	traceparent = regexp.MustCompile(`\s*\[traceparent:[^\]]*\]`)
	snapshotRef = regexp.MustCompile(`ref [a-z0-9]+::[a-z0-9]+: `)
)

// CleanError is the part of an engine error message a reader needs: its
// first line, without trace and snapshot identifiers.
func CleanError(msg string) string {
	msg = strings.TrimSpace(msg)
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	msg = traceparent.ReplaceAllString(msg, "")
	msg = snapshotRef.ReplaceAllString(msg, "")
	if len(msg) > 240 {
		msg = msg[:240] + "…"
	}
	return msg
}
