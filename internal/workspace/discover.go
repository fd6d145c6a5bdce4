package workspace

import (
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// skipDirs are never searched for packages, exactly as pnpm's
// findWorkspacePackages ignores **/node_modules/** and **/bower_components/**.
// Besides being right, it keeps Load fast on a checkout that was installed.
var skipDirs = map[string]bool{"node_modules": true, "bower_components": true}

// finder walks the root once for all patterns. pnpm globs
// "<pattern>/package.json"; we match the same strings with doublestar, but
// walk the tree ourselves so that node_modules and directories no pattern
// can reach are never read.
type finder struct {
	fsys     *rootFS
	pos, neg []globPattern
	maxDepth int // deepest directory any pattern can match; -1 when a pattern has ** or braces
	found    []string
}

// findPackageDirs returns the package directories (slash paths, "." for the
// root, which pnpm always includes) matched by the patterns, sorted.
func findPackageDirs(fsys *rootFS, patterns []globPattern) ([]string, error) {
	f := &finder{fsys: fsys}
	for _, p := range patterns {
		if p.negate {
			f.neg = append(f.neg, p)
			continue
		}
		f.pos = append(f.pos, p)
		d := len(segments(p.glob))
		if strings.Contains(p.glob, "**") || strings.ContainsAny(p.glob, "{") {
			d = -1
		}
		if f.maxDepth >= 0 && (d < 0 || d > f.maxDepth) {
			f.maxDepth = d
		}
	}
	if err := f.walk(""); err != nil {
		return nil, err
	}
	if err := f.checkLiterals(); err != nil {
		return nil, err
	}
	dirs := []string{"."}
	for _, d := range f.found {
		if d != "" {
			dirs = append(dirs, d)
		}
	}
	sort.Strings(dirs[1:])
	if len(dirs) == 1 && !f.onlyRoot() {
		globs := make([]string, 0, len(patterns))
		for _, p := range patterns {
			globs = append(globs, fmt.Sprintf("%q", p.text))
		}
		return nil, errorf(workspaceFile, patterns[0].line, "point the globs at directories that contain a package.json (node_modules is never searched)",
			"packages globs [%s] match no package: the workspace is empty", strings.Join(globs, ", "))
	}
	return dirs, nil
}

// onlyRoot: a workspace whose only positive glob is "." is a deliberate
// single-package workspace, not an empty one.
func (f *finder) onlyRoot() bool {
	for _, p := range f.pos {
		if p.glob != "." {
			return false
		}
	}
	return len(f.pos) > 0
}

func (f *finder) walk(rel string) error {
	abs := f.fsys.path(rel)
	depth := len(segments(rel))
	if f.maxDepth >= 0 && depth >= f.maxDepth {
		// No pattern reaches below this directory: one stat instead of a listing.
		if f.isPackage(rel) && f.fsys.exists(join(rel, manifestFile)) {
			f.found = append(f.found, rel)
		}
		return nil
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		if rel == "" {
			return errorf("", 0, "make the workspace directory readable", "cannot list the workspace root: %v", unwrapPath(err))
		}
		return nil // unreadable subdirectories hold nothing pnpm could use either
	}
	for _, e := range entries {
		if e.Name() == manifestFile && f.isPackage(rel) {
			f.found = append(f.found, rel)
			break
		}
	}
	for _, e := range entries {
		name := e.Name()
		child := joinRel(rel, name)
		switch {
		case skipDirs[name]:
		case e.Type()&fs.ModeSymlink != 0:
			if err := f.symlink(child); err != nil {
				return err
			}
		case e.IsDir() && f.couldContain(child):
			if err := f.walk(child); err != nil {
				return err
			}
		}
	}
	return nil
}

// symlink handles a symlinked directory. pnpm's glob follows links, so a
// link to a package counts; a link that leaves the root cannot be part of a
// container build context, so it is an error when a pattern reaches it.
// Links are never descended into, which also rules out cycles.
func (f *finder) symlink(rel string) error {
	st, err := os.Stat(f.fsys.path(rel))
	if err != nil || !st.IsDir() {
		return nil
	}
	reached := f.isPackage(rel) || f.couldContain(rel)
	if !reached {
		return nil
	}
	target, inside, err := f.fsys.resolve(rel)
	if err != nil {
		return nil
	}
	if !inside {
		return errorf(rel, 0, "replace the symlink with the package's files, or exclude it with a ! glob in pnpm-workspace.yaml",
			"is a symlink to %s, outside the workspace root (a container build only sees files inside the root)", target)
	}
	if f.isPackage(rel) && f.fsys.exists(join(rel, manifestFile)) {
		f.found = append(f.found, rel)
	}
	return nil
}

// isPackage reports whether a directory is selected: some positive glob
// matches its package.json and no negative glob does.
func (f *finder) isPackage(rel string) bool {
	m := join(rel, manifestFile)
	matched := false
	for _, p := range f.pos {
		if matchManifest(p.glob, m) {
			matched = true
			break
		}
	}
	if !matched {
		return false
	}
	for _, p := range f.neg {
		if matchManifest(p.glob, m) {
			return false
		}
	}
	return true
}

// matchManifest matches like pnpm's normalizePatterns, which appends
// "/package.json" to each glob before handing it to the glob library.
func matchManifest(glob, manifest string) bool {
	if glob == "." {
		return manifest == manifestFile
	}
	return doublestar.MatchUnvalidated(glob+"/"+manifestFile, manifest)
}

// couldContain reports whether some positive glob can match rel or a
// directory below it, comparing segment by segment up to the first "**".
// Hidden directories are entered only when a glob names them, because the
// glob library pnpm uses does not match dot-directories with wildcards.
func (f *finder) couldContain(rel string) bool {
	segs := segments(rel)
	for _, p := range f.pos {
		if prefixMatches(segments(p.glob), segs) {
			return true
		}
	}
	return false
}

func prefixMatches(pat, segs []string) bool {
	for i, s := range segs {
		if i >= len(pat) {
			return false
		}
		ps := pat[i]
		if strings.HasPrefix(s, ".") && ps != s {
			return false
		}
		if strings.Contains(ps, "**") || strings.Contains(ps, "{") {
			return true // the rest can match anything; braces may hide a "/"
		}
		if !doublestar.MatchUnvalidated(ps, s) {
			return false
		}
	}
	return true
}

// checkLiterals reports a glob without wildcards that names an existing
// directory lacking package.json: that is a package the user meant to add,
// and pnpm would silently skip it.
func (f *finder) checkLiterals() error {
	have := make(map[string]bool, len(f.found))
	for _, d := range f.found {
		have[d] = true
	}
	for _, p := range f.pos {
		if p.glob == "." || strings.ContainsAny(p.glob, "*?[{\\") || have[p.glob] || !f.isPackage(p.glob) {
			continue
		}
		st, err := os.Stat(f.fsys.path(p.glob))
		if err == nil && st.IsDir() {
			return errorf(join(p.glob, manifestFile), 0, "add a package.json to "+p.glob+" or remove it from packages in pnpm-workspace.yaml",
				"missing package.json: pnpm-workspace.yaml line %d lists %s as a package", p.line, p.glob)
		}
	}
	return nil
}

func (r *rootFS) exists(rel string) bool {
	_, err := os.Stat(r.path(rel))
	return err == nil
}

func segments(rel string) []string {
	if rel == "" || rel == "." {
		return nil
	}
	return strings.Split(rel, "/")
}

func joinRel(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}
