package workspace

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// SourceLayout splits the sources an app's build needs into whole
// directories and single files, so that the caller can assemble them from
// pieces whose identity is their own content:
//
//   - Dirs: directories taken whole: each package of the closure, and every
//     directory that holds no workspace package at all (scripts/, config/);
//   - Files: the files lying beside packages, in the root or in a directory
//     that also holds packages (package.json, tsconfig.json, packages/README),
//     and the tsconfig files of other packages that a taken tsconfig
//     extends by a relative path (see configExtends).
//
// Everything else of the packages outside the closure is left out, as are
// node_modules, .git and .env files.
type SourceLayout struct {
	Dirs  []string
	Files []string
}

// BuildSources lays out the sources of one build of the given apps (see
// SourceLayout): the union of their closures. It reads the directory tree
// under w.Root.
func (w *Workspace) BuildSources(apps ...*App) (SourceLayout, error) {
	inClosure := map[string]bool{}
	for _, a := range apps {
		for _, p := range a.Closure {
			inClosure[p.Dir] = true
		}
	}
	var packageDirs []string
	for _, p := range w.Packages {
		if p.Dir != "." {
			packageDirs = append(packageDirs, p.Dir)
		}
	}
	l := &layoutWalk{fsys: w.fsys, inClosure: inClosure, packageDirs: packageDirs}
	if err := l.visit("."); err != nil {
		return SourceLayout{}, err
	}
	l.out.Files = append(l.out.Files, w.configExtends(l.out)...)
	sort.Strings(l.out.Dirs)
	sort.Strings(l.out.Files)
	return l.out, nil
}

type layoutWalk struct {
	fsys        *rootFS
	inClosure   map[string]bool
	packageDirs []string
	out         SourceLayout
}

// visit places dir: whole when no package lies below it, else entry by
// entry. The files of a package outside the closure are never taken, but
// closure packages nested inside it are.
func (l *layoutWalk) visit(dir string) error {
	foreign := l.isPackage(dir) && !l.inClosure[dir]
	if dir != "." && !l.holdsPackageBelow(dir) {
		if !foreign {
			l.out.Dirs = append(l.out.Dirs, dir)
		}
		return nil
	}
	entries, err := os.ReadDir(l.fsys.path(dir))
	if err != nil {
		return err
	}
	for _, e := range entries {
		child := path.Join(dir, e.Name())
		switch {
		case skippedSource(e.Name()):
		case e.IsDir():
			if err := l.visit(child); err != nil {
				return err
			}
		case foreign:
		case e.Type()&fs.ModeSymlink != 0:
			l.placeLink(child)
		default:
			l.out.Files = append(l.out.Files, child)
		}
	}
	return nil
}

// placeLink places a symlink lying beside packages by what it points to.
// Why not as it is: the build's inputs are taken by path from the uploaded
// source, and Dagger follows a link there, so a link to a file inside the
// root enters as that file's content and a link to a directory as that
// directory. A link that dangles, leaves the root, or points at the root,
// at a package or above one (which would carry packages the closure
// leaves out) is left out: taken by path it would fail the whole build
// (a dangling AGENTS.md -> CLAUDE.md did), and Docker's COPY would only
// carry it as a link nothing in the container can follow.
func (l *layoutWalk) placeLink(rel string) {
	target, inside, err := l.fsys.resolve(rel)
	if err != nil || !inside {
		return
	}
	st, err := os.Stat(target)
	if err != nil {
		return
	}
	to, err := filepath.Rel(l.fsys.real, target)
	if err != nil {
		return
	}
	to = filepath.ToSlash(to)
	if st.Mode().IsRegular() {
		if !l.inForeign(to) && !skippedPath(to) {
			l.out.Files = append(l.out.Files, rel)
		}
		return
	}
	if !st.IsDir() {
		return
	}
	if to != "." && !l.isPackage(to) && !l.holdsPackageBelow(to) && !l.inForeign(to) && !skippedPath(to) {
		l.out.Dirs = append(l.out.Dirs, rel)
	}
}

// inForeign reports whether rel lies inside a package outside the closure,
// whose files the build never takes.
func (l *layoutWalk) inForeign(rel string) bool {
	for _, p := range l.packageDirs {
		if !l.inClosure[p] && strings.HasPrefix(rel, p+"/") {
			return true
		}
	}
	return false
}

// skippedPath reports whether a segment of rel is one skippedSource names.
func skippedPath(rel string) bool {
	for _, seg := range strings.Split(rel, "/") {
		if skippedSource(seg) {
			return true
		}
	}
	return false
}

func (l *layoutWalk) isPackage(dir string) bool {
	for _, p := range l.packageDirs {
		if p == dir {
			return true
		}
	}
	return false
}

// holdsPackageBelow reports whether a workspace package lies strictly
// inside dir.
func (l *layoutWalk) holdsPackageBelow(dir string) bool {
	for _, p := range l.packageDirs {
		if strings.HasPrefix(p, dir+"/") {
			return true
		}
	}
	return false
}

// skippedSource names what never enters a build: installed dependencies,
// version control and environment files.
func skippedSource(name string) bool {
	return name == "node_modules" || name == ".git" || strings.HasPrefix(name, ".env")
}
