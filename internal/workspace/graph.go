package workspace

import (
	"path"
	"sort"
	"strings"
)

// checkDependencies resolves every dependency that points into the workspace
// and records the edges of the workspace graph. It also rejects the
// specifiers that could never install: a workspace: target that does not
// exist, a catalog: entry that is missing, a path that leaves the root.
func (w *Workspace) checkDependencies() error {
	for _, p := range w.Packages {
		edges := map[string]bool{}
		for _, field := range depFields {
			deps := p.deps(field)
			for _, dep := range sortedKeys(deps) {
				target, err := w.resolveDep(p, field, dep, deps[dep])
				if err != nil {
					return err
				}
				if target != nil && target != p && field != "peerDependencies" && target.Name != "" {
					edges[target.Name] = true
				}
			}
		}
		p.WorkspaceDeps = sortedKeys(edges)
	}
	return nil
}

// resolveDep returns the workspace package a dependency links to, or nil
// when pnpm takes it from elsewhere.
//
// A plain range on a name that is a workspace package counts as a workspace
// dependency even though pnpm (link-workspace-packages=false, the default
// since pnpm 9) may fetch it from the registry instead: the closure only
// decides which sources reach a build, and shipping one package too many is
// harmless where one too few breaks the build.
func (w *Workspace) resolveDep(p *Package, field, dep, spec string) (*Package, error) {
	d := parseSpec(spec)
	line := keyLine(p.raw, field, dep)
	switch d.kind {
	case specWorkspace:
		return w.resolveWorkspaceSpec(p, field, dep, spec, d, line)
	case specCatalog:
		entry, err := w.catalogEntry(p, field, dep, spec, d)
		if err != nil {
			return nil, err
		}
		if e := parseSpec(entry); e.kind == specWorkspace {
			return w.resolveWorkspaceSpec(p, field, dep, entry, e, line)
		}
		return w.byName[dep], nil
	case specPath:
		return w.resolvePath(p, field, dep, spec, d.path, line)
	case specAlias:
		return nil, nil
	}
	return w.byName[dep], nil
}

func (w *Workspace) resolveWorkspaceSpec(p *Package, field, dep, spec string, d depSpec, line int) (*Package, error) {
	if d.path != "" {
		return w.resolvePath(p, field, dep, spec, d.path, line)
	}
	name := dep
	if d.target != "" {
		name = d.target
	}
	t, ok := w.byName[name]
	if !ok {
		return nil, errorf(p.file, line, "add "+name+" to the workspace (check the packages globs in pnpm-workspace.yaml), or depend on a published version instead of workspace:",
			"%s.%s is %q, but no workspace package is named %q (known: %s)", field, dep, spec, name, w.packageNames())
	}
	if !isWorkspaceShorthand(d.rng) && t.Version != "" {
		c, _ := parseRange(d.rng) // validated by checkSpecs
		v, _ := parseVersion(t.Version)
		if c != nil && v != nil && !c.Check(v) {
			return nil, errorf(p.file, line, "widen the range (workspace:^ or workspace:*) or bump "+t.file+" version",
				"%s.%s is %q, but workspace package %s is version %s", field, dep, spec, name, t.Version)
		}
	}
	return t, nil
}

// resolvePath handles link:, file: and workspace:<path>. A path out of the
// root is refused: the container build context is the root, so the target
// would be missing inside it.
func (w *Workspace) resolvePath(p *Package, field, dep, spec, rel string, line int) (*Package, error) {
	if isAbsolute(rel) {
		return nil, errorf(p.file, line, "use a path relative to the package, inside the workspace, or a published version",
			"%s.%s is %q, an absolute path outside the workspace root", field, dep, spec)
	}
	target := path.Clean(path.Join(p.Dir, rel))
	if startsWithDotDot(target) {
		return nil, errorf(p.file, line, "move the dependency into the workspace, or depend on a published version",
			"%s.%s is %q, which points outside the workspace root", field, dep, spec)
	}
	return w.byDir[target], nil
}

// catalogEntry resolves catalog: and catalog:<name>. A missing entry is
// reported against pnpm-workspace.yaml, where the fix goes.
func (w *Workspace) catalogEntry(p *Package, field, dep, spec string, d depSpec) (string, error) {
	name := d.catalog
	if name == "" {
		name = "default"
	}
	if entry, ok := w.Config.catalogEntry(d.catalog, dep); ok {
		return entry, nil
	}
	where := "catalog:"
	if name != "default" {
		where = "catalogs." + name + ":"
	}
	problem := "the " + name + " catalog has no entry for " + dep
	if !w.Config.hasCatalog(d.catalog) {
		problem = "there is no " + name + " catalog"
	}
	return "", errorf(workspaceFile, w.catalogLines[name], "add `"+dep+": <range>` under "+where+" in pnpm-workspace.yaml",
		"%s %s.%s is %q, but %s", p.file, field, dep, spec, problem)
}

func (w *Workspace) packageNames() string {
	names := sortedKeys(w.byName)
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// sortTopologically orders w.Packages dependencies-first with a depth-first
// search in directory order, so the result is deterministic; it refuses
// cycles because no build order exists for them.
func (w *Workspace) sortTopologically() error {
	const (
		white = iota
		gray
		black
	)
	color := make(map[*Package]int, len(w.Packages))
	order := make([]*Package, 0, len(w.Packages))
	var stack []*Package
	var visit func(p *Package) error
	visit = func(p *Package) error {
		color[p] = gray
		stack = append(stack, p)
		for _, name := range p.WorkspaceDeps {
			q := w.byName[name]
			switch color[q] {
			case gray:
				return w.cycleError(stack, p, q)
			case white:
				if err := visit(q); err != nil {
					return err
				}
			}
		}
		stack = stack[:len(stack)-1]
		color[p] = black
		order = append(order, p)
		return nil
	}
	for _, p := range w.Packages {
		if color[p] == white {
			if err := visit(p); err != nil {
				return err
			}
		}
	}
	w.Packages = order
	return nil
}

// cycleError prints the cycle as "a -> b -> a", pointing at the dependency
// that closes it.
func (w *Workspace) cycleError(stack []*Package, from, to *Package) error {
	start := 0
	for i, s := range stack {
		if s == to {
			start = i
		}
	}
	names := make([]string, 0, len(stack)-start+1)
	for _, s := range stack[start:] {
		names = append(names, s.Name)
	}
	names = append(names, to.Name)
	line := 0
	for _, field := range depFields[:3] {
		if _, ok := from.deps(field)[to.Name]; ok {
			line = keyLine(from.raw, field, to.Name)
			break
		}
	}
	return errorf(from.file, line, "break the cycle, e.g. move the shared code into a package that both depend on",
		"dependency cycle: %s (workspace packages must build in dependency order)", strings.Join(names, " -> "))
}

// closure returns p and every workspace package it needs transitively,
// dependencies first, p last.
func (w *Workspace) closure(p *Package) []*Package {
	need := map[*Package]bool{p: true}
	todo := []*Package{p}
	for len(todo) > 0 {
		q := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for _, name := range q.WorkspaceDeps {
			if r := w.byName[name]; !need[r] {
				need[r] = true
				todo = append(todo, r)
			}
		}
	}
	out := make([]*Package, 0, len(need))
	for _, q := range w.Packages {
		if need[q] {
			out = append(out, q)
		}
	}
	return out
}

func dirsOf(pkgs []*Package) []string {
	dirs := make([]string, len(pkgs))
	for i, p := range pkgs {
		dirs[i] = p.Dir
	}
	sort.Strings(dirs)
	return dirs
}
