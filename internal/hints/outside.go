package hints

import (
	"fmt"
	"path"
	"regexp"
	"strings"
)

// Workspace is what OutsideClosure needs to know of the workspace.
type Workspace struct {
	// Packages maps every workspace package's directory (relative to the
	// root, "." for the root) to its name.
	Packages map[string]string
	// Closure holds the directories of the packages the build step copies.
	Closure map[string]bool
	// Workdir is where the build step holds the workspace ("/app").
	Workdir string
}

// OutsideClosure is the fix to print under a failed build's output when a
// build imported a file of a workspace package that the build step does not
// hold: the step copies the apps' closures only (the packages they depend
// on, and the root's files), so a relative import that reaches into
// another package resolves on the user's machine and not here. Empty when
// the output shows no such import.
func OutsideClosure(output string, ws Workspace) string {
	lines := strings.Split(ansi.ReplaceAllString(output, ""), "\n")
	for i, line := range lines {
		pkgDir, text := ".", line
		if m := pnpmPrefix.FindStringSubmatch(line); m != nil && ws.Packages[m[1]] != "" {
			pkgDir, text = m[1], m[2]
		}
		spec, importer, isDir := unresolved(text, lines[i+1:])
		if spec == "" || !strings.HasPrefix(spec, "../") {
			continue
		}
		from := ws.relative(pkgDir, importer)
		if !isDir {
			from = path.Dir(from)
		}
		target := path.Join(from, strings.SplitN(spec, "?", 2)[0])
		owner := ws.owner(target)
		if owner == "" || owner == "." || ws.Closure[owner] || strings.HasPrefix(target, "../") {
			continue
		}
		importerPkg := ws.owner(from)
		return fmt.Sprintf("\n%s imports %s, a file of %s (%s), which the build step does not hold: it copies the app's workspace closure only "+
			"(the packages it depends on, and the root's files); fix: add %q: \"workspace:*\" to the devDependencies of %s (%s/package.json), "+
			"so that the package is in the closure, or move the file into %s",
			ws.relative(pkgDir, importer), target, ws.Packages[owner], owner, ws.Packages[owner], ws.Packages[importerPkg], importerPkg, importerPkg)
	}
	return ""
}

var (
	// ansi is a terminal color sequence, which build tools print.
	ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")
	// pnpmPrefix is how pnpm prefixes a recursive run's lines: the
	// package's directory and the script.
	pnpmPrefix = regexp.MustCompile(`^(\S+) [\w:.-]+: (.*)$`)
	// The bundlers' and compilers' words for an import they could not
	// resolve, with the importing file (or directory).
	rolldownUnresolved = regexp.MustCompile(`Could not resolve '([^']+)' in (\S+)`)
	rollupUnresolved   = regexp.MustCompile(`failed to resolve import "([^"]+)" from "([^"]+)"`)
	tscUnresolved      = regexp.MustCompile(`(\S+?)\(\d+,\d+\): error TS2307: Cannot find module '([^']+)'`)
	webpackUnresolved  = regexp.MustCompile(`Can't resolve '([^']+)' in '([^']+)'`)
	esbuildUnresolved  = regexp.MustCompile(`Could not resolve "([^"]+)"`)
	esbuildLocation    = regexp.MustCompile(`^\s*(?:\S+ [\w:.-]+: )?\s*([^\s:]+):\d+:\d+:`)
)

// unresolved reads one line for an unresolved import: the specifier and
// the importing file, or the directory it was resolved from (isDir; webpack
// names that). esbuild names the file on one of the next lines.
func unresolved(text string, next []string) (spec, importer string, isDir bool) {
	if m := rolldownUnresolved.FindStringSubmatch(text); m != nil {
		return m[1], m[2], false
	}
	if m := rollupUnresolved.FindStringSubmatch(text); m != nil {
		return m[1], m[2], false
	}
	if m := tscUnresolved.FindStringSubmatch(text); m != nil {
		return m[2], m[1], false
	}
	if m := webpackUnresolved.FindStringSubmatch(text); m != nil {
		return m[1], m[2], true
	}
	if m := esbuildUnresolved.FindStringSubmatch(text); m != nil {
		for _, line := range next[:min(len(next), 4)] {
			if loc := esbuildLocation.FindStringSubmatch(line); loc != nil {
				return m[1], loc[1], false
			}
		}
	}
	return "", "", false
}

// relative makes a file named in a package's build output relative to the
// workspace root: an absolute path under the workdir loses it, a relative
// one is the package's.
func (ws Workspace) relative(pkgDir, file string) string {
	if strings.HasPrefix(file, "/") {
		return strings.TrimPrefix(strings.TrimPrefix(file, ws.Workdir), "/")
	}
	return path.Join(pkgDir, file)
}

// owner is the directory of the workspace package that holds file (or a
// directory): the
// longest package directory it lies in, "." for the root's files, "" for
// none.
func (ws Workspace) owner(file string) string {
	best := ""
	for dir := range ws.Packages {
		if dir != "." && (file == dir || strings.HasPrefix(file, dir+"/")) && len(dir) > len(best) {
			best = dir
		}
	}
	if best == "" {
		if _, ok := ws.Packages["."]; ok {
			return "."
		}
	}
	return best
}
