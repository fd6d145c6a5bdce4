package workspace

import (
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
	l := &layoutWalk{root: w.Root, inClosure: inClosure, packageDirs: packageDirs}
	if err := l.visit("."); err != nil {
		return SourceLayout{}, err
	}
	l.out.Files = append(l.out.Files, w.configExtends(l.out)...)
	sort.Strings(l.out.Dirs)
	sort.Strings(l.out.Files)
	return l.out, nil
}

type layoutWalk struct {
	root        string
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
	entries, err := os.ReadDir(filepath.Join(l.root, filepath.FromSlash(dir)))
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
		case !foreign:
			l.out.Files = append(l.out.Files, child)
		}
	}
	return nil
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
