package workspace

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
)

// File names pnpm reads at the workspace root.
const (
	workspaceFile = "pnpm-workspace.yaml"
	lockFile      = "pnpm-lock.yaml"
	manifestFile  = "package.json"
	npmrcFile     = ".npmrc"
)

// pnpmfiles are the hook files pnpm loads during install when they sit at the
// root; fetch/install inside a container must see them or resolution differs.
var pnpmfiles = []string{".pnpmfile.cjs", ".pnpmfile.mjs"}

// Workspace is a validated pnpm workspace: everything the build stages need
// to know, computed once, before any container runs.
type Workspace struct {
	Root     string     // as given to Load
	Single   bool       // only the root package: no pnpm-workspace.yaml, or one without a packages field (pnpm then treats the root as the only project)
	Config   Config     // parsed pnpm-workspace.yaml (zero value when the file does not exist)
	Packages []*Package // every workspace package, root included (Dir "."), in topological order: dependencies first
	Lockfile Lockfile
	NodeFile string // contents of .nvmrc or .node-version (trimmed), or the Node version of .tool-versions or mise.toml; "" if none

	fsys     *rootFS // the root, as Load read it
	byName   map[string]*Package
	byDir    map[string]*Package
	extra    []string // root files other than manifests that install reads (pnpmfiles, .npmrc, patches)
	nodeFile string   // which file NodeFile came from, for error messages
	// nodeFileLine is NodeFile's line in nodeFile (1 for .nvmrc).
	nodeFileLine int
	hasConfig    bool // pnpm-workspace.yaml exists
	// dependents maps a package name to the workspace packages that
	// depend on it (deps, devDeps, optionalDeps), in Dir order.
	dependents map[string][]string
	// catalogLines maps catalog names ("default" too) to their line in
	// pnpm-workspace.yaml, so a missing entry points where it belongs.
	catalogLines map[string]int
}

// Config is the part of pnpm-workspace.yaml that changes what gets installed
// or deployed.
type Config struct {
	Packages                []string                     // globs as written
	Catalog                 map[string]string            // default catalog
	Catalogs                map[string]map[string]string // named catalogs
	InjectWorkspacePackages bool                         // from pnpm-workspace.yaml, or inject-workspace-packages in the root .npmrc (where pnpm 9 reads settings)
}

// Package is one workspace project (one package.json).
type Package struct {
	Name, Version string
	Dir           string // slash-separated, relative to the root; "." for the root package
	Private       bool
	Main          string
	Scripts       map[string]string
	Repository    string // repository URL (package.json repository, string or {url}), "" if none

	Dependencies, DevDependencies, OptionalDependencies, PeerDependencies map[string]string

	Port          int      // package.json config.port, 0 if none
	WorkspaceDeps []string // names of workspace packages it depends on (deps, devDeps, optionalDeps), sorted

	file   string // workspace-relative path of its package.json
	raw    []byte // the package.json text, kept for line numbers in later errors
	engine engines
	front  frontend // what next/vite/astro configuration says (kinds.go)
	// patches lists patch files named by pnpm.patchedDependencies (root only).
	patches map[string]string
}

// Load reads and validates the workspace in root (a local directory). It
// returns *Error for every bad input, so that nothing downstream has to
// second-guess the plan.
func Load(root string) (*Workspace, error) {
	st, err := os.Stat(root)
	if err != nil {
		return nil, errorf("", 0, "pass the directory that holds pnpm-workspace.yaml or package.json", "cannot read workspace directory %q: %v", root, unwrapPath(err))
	}
	if !st.IsDir() {
		return nil, errorf("", 0, "pass a directory, not a file", "%q is not a directory", root)
	}
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, errorf("", 0, "pass a directory that exists", "cannot resolve %q: %v", root, unwrapPath(err))
	}
	real, _ = filepath.Abs(real)
	fsys := &rootFS{dir: root, real: real}
	w := &Workspace{Root: root, fsys: fsys}

	patterns, patches, err := w.readConfig(fsys)
	if err != nil {
		return nil, err
	}
	dirs := []string{"."}
	if patterns != nil {
		if dirs, err = findPackageDirs(fsys, patterns); err != nil {
			return nil, err
		}
	}
	w.Single = len(dirs) == 1
	if err := w.readPackages(fsys, dirs); err != nil {
		return nil, err
	}
	for name, file := range patches {
		w.Packages[0].patches[name] = file
	}
	if err := w.checkDependencies(); err != nil {
		return nil, err
	}
	w.dependents = map[string][]string{}
	for _, p := range w.Packages {
		for _, dep := range p.WorkspaceDeps {
			w.dependents[dep] = append(w.dependents[dep], p.Name)
		}
	}
	if err := w.sortTopologically(); err != nil {
		return nil, err
	}
	if err := w.readLockfile(fsys); err != nil {
		return nil, err
	}
	if err := w.readNodeFile(fsys); err != nil {
		return nil, err
	}
	if err := w.checkEngines(); err != nil {
		return nil, err
	}
	w.findExtraFiles(fsys)
	return w, nil
}

// Package returns the workspace package with that name.
func (w *Workspace) Package(name string) (*Package, bool) {
	p, ok := w.byName[name]
	return p, ok && name != ""
}

// PackageAt returns the workspace package in dir ("." for the root), nil
// when none is there.
func (w *Workspace) PackageAt(dir string) *Package { return w.byDir[dir] }

// ManifestFiles are the workspace-relative paths (sorted) of the files pnpm
// needs to fetch and install: the lockfile, the workspace manifest, the root
// .npmrc and pnpmfile, patch files, and every package.json. A container
// step built from only these files is cached until one of them changes, which
// is what keeps a source edit from re-downloading dependencies.
func (w *Workspace) ManifestFiles() []string {
	files := []string{lockFile}
	if w.hasConfig {
		files = append(files, workspaceFile)
	}
	files = append(files, w.extra...)
	for _, p := range w.Packages {
		files = append(files, p.file)
		for _, patch := range p.patches {
			files = append(files, patch)
		}
	}
	sort.Strings(files)
	return dedupe(files)
}

// findExtraFiles records the optional root files install reads.
func (w *Workspace) findExtraFiles(fsys *rootFS) {
	for _, name := range append([]string{npmrcFile}, pnpmfiles...) {
		if fsys.isFile(name) {
			w.extra = append(w.extra, name)
		}
	}
}

// rootFS resolves workspace-relative slash paths against the root and knows
// the root's real path, so every read can refuse to leave the workspace.
type rootFS struct {
	dir  string // as given
	real string // absolute, symlinks resolved
}

func (r *rootFS) path(rel string) string {
	return filepath.Join(r.dir, filepath.FromSlash(rel))
}

func (r *rootFS) isFile(rel string) bool {
	st, err := os.Stat(r.path(rel))
	return err == nil && st.Mode().IsRegular()
}

// inside reports whether an absolute, symlink-free path lies in the root.
func (r *rootFS) inside(real string) bool {
	rel, err := filepath.Rel(r.real, real)
	return err == nil && rel != ".." && !startsWithDotDot(filepath.ToSlash(rel)) && !filepath.IsAbs(rel)
}

// resolve follows symlinks in rel and returns the real target, and whether it
// stays inside the root. A build context with a link out of the root would
// copy files the user never meant to ship, or nothing at all in a container.
func (r *rootFS) resolve(rel string) (string, bool, error) {
	real, err := filepath.EvalSymlinks(r.path(rel))
	if err != nil {
		return "", false, err
	}
	real, _ = filepath.Abs(real)
	return real, r.inside(real), nil
}

// readFile reads a workspace file, refusing symlinks that point outside the
// root. ok is false when the file does not exist.
func (r *rootFS) readFile(rel string) (data []byte, ok bool, err *Error) {
	if st, lerr := os.Lstat(r.path(rel)); lerr == nil && st.Mode()&fs.ModeSymlink != 0 {
		target, inside, rerr := r.resolve(rel)
		if rerr == nil && !inside {
			return nil, true, errorf(rel, 0, "replace the link with a regular file inside the workspace",
				"is a symlink to %s, outside the workspace root", target)
		}
	}
	data, rerr := os.ReadFile(r.path(rel))
	if rerr != nil {
		if errors.Is(rerr, fs.ErrNotExist) {
			return nil, false, nil
		}
		return nil, true, errorf(rel, 0, "make it a readable regular file", "cannot read: %v", unwrapPath(rerr))
	}
	return data, true, nil
}

// unwrapPath drops the absolute path os errors carry: messages name
// workspace-relative files, and the temp path of a CI checkout is noise.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func startsWithDotDot(p string) bool {
	return p == ".." || len(p) >= 3 && p[:3] == "../"
}

// join makes the workspace-relative path of a file in a package directory.
func join(dir, name string) string {
	if dir == "." || dir == "" {
		return name
	}
	return path.Join(dir, name)
}

func dedupe(sorted []string) []string {
	out := sorted[:0]
	for i, s := range sorted {
		if i == 0 || s != sorted[i-1] {
			out = append(out, s)
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
