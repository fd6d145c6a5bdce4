package workspace

import (
	"fmt"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Bill is an app's production closure as pnpm-lock.yaml records it: what
// `pnpm deploy --prod` puts in its node_modules, with the workspace packages
// it links to. Render it with CycloneDX.
type Bill struct {
	App        Component   // the app itself (not in Components)
	Components []Component // everything it needs at run time, sorted by Ref
}

// Component is one package of a Bill.
type Component struct {
	Name, Version string
	// Workspace is set for a package of this workspace; its version comes
	// from its package.json and it has no registry hash.
	Workspace bool
	Integrity string   // the lockfile's resolution.integrity ("sha512-<base64>"), "" if none
	DependsOn []string // Refs of its direct runtime dependencies, sorted
}

// Ref is the component's package URL, also its bom-ref: the same package at
// the same version is one component whatever peers it was resolved with.
func (c Component) Ref() string { return purl(c.Name, c.Version) }

// lockImporter, lockSnapshot and lockPackage are the parts of
// pnpm-lock.yaml (lockfileVersion 9.0) the bill reads; readLockfile skips
// them because nothing else needs them.
type lockImporter struct {
	Dependencies         map[string]lockDep `yaml:"dependencies"`
	OptionalDependencies map[string]lockDep `yaml:"optionalDependencies"`
}

type lockDep struct {
	Version string `yaml:"version"`
}

type lockSnapshot struct {
	Dependencies         map[string]string `yaml:"dependencies"`
	OptionalDependencies map[string]string `yaml:"optionalDependencies"`
}

type lockPackage struct {
	Version    string `yaml:"version"` // set when the key's version is not semver (file:, git, tarball URL)
	Resolution struct {
		Integrity string `yaml:"integrity"`
		Directory string `yaml:"directory"`
	} `yaml:"resolution"`
}

type fullLockfile struct {
	Importers map[string]lockImporter `yaml:"importers"`
	Projects  map[string]lockImporter `yaml:"projects"` // lockfile.format v13's name for importers
	Packages  map[string]lockPackage  `yaml:"packages"`
	Snapshots map[string]lockSnapshot `yaml:"snapshots"`
}

// Bill computes the app's production closure from the lockfile: the app's
// dependencies and optionalDependencies, followed through the snapshots
// transitively; a workspace dependency (link:) is a component too, and its
// own dependencies and optionalDependencies are followed through its
// importer. devDependencies are left out at every level, as `pnpm deploy
// --prod` leaves them out. Optional dependencies for other platforms are
// listed, as the lockfile (and pnpm's own sbom) lists them.
func (w *Workspace) Bill(a *App) (*Bill, error) {
	lf, err := w.readFullLockfile()
	if err != nil {
		return nil, err
	}
	b := &billWalker{w: w, lf: lf, app: a.Package, refs: map[string]string{}, nodes: map[string]*Component{}}
	appRef, err := b.visit(importerKey(a.Dir))
	if err != nil {
		return nil, err
	}
	bill := &Bill{App: *b.nodes[appRef]}
	for ref, c := range b.nodes {
		if ref != appRef {
			bill.Components = append(bill.Components, *c)
		}
	}
	sort.Slice(bill.Components, func(i, j int) bool { return bill.Components[i].Ref() < bill.Components[j].Ref() })
	return bill, nil
}

func (w *Workspace) readFullLockfile() (*fullLockfile, error) {
	fsys := w.fsys
	data, ok, rerr := fsys.readFile(lockFile)
	if rerr != nil {
		return nil, rerr
	}
	if !ok {
		return nil, errorf(lockFile, 0, lockFix, "the lockfile is missing")
	}
	doc, err := projectDocument(data)
	if err != nil {
		return nil, err
	}
	var lf fullLockfile
	if err := doc.Decode(&lf); err != nil {
		return nil, yamlError(lockFile, err, lockFix)
	}
	if lf.Importers == nil {
		lf.Importers = lf.Projects
	}
	return &lf, nil
}

// billWalker walks the lockfile graph once per node. Keys are
// "importer:<dir>" for workspace packages reached by link, else snapshot
// keys ("ms@2.1.3", "common@file:packages/common(ms@2.1.2)").
type billWalker struct {
	w     *Workspace
	lf    *fullLockfile
	app   *Package
	refs  map[string]string     // key -> Ref, set before its dependencies are walked (cycles)
	nodes map[string]*Component // Ref -> component
}

func importerKey(dir string) string { return "importer:" + dir }

// edge is a dependency as the lockfile writes it: a name and a version,
// "link:<path>" for a workspace package, else a snapshot reference.
type edge struct{ name, version string }

func (b *billWalker) visit(key string) (string, error) {
	if ref, ok := b.refs[key]; ok {
		return ref, nil
	}
	c, edges, base, err := b.node(key)
	if err != nil {
		return "", err
	}
	ref := c.Ref()
	b.refs[key] = ref
	if prev, ok := b.nodes[ref]; ok {
		c = prev // one package resolved with different peers: one component
	} else {
		b.nodes[ref] = c
	}
	deps := map[string]bool{}
	for _, d := range c.DependsOn {
		deps[d] = true
	}
	for _, e := range edges {
		next := snapshotKey(e.name, e.version)
		if target, ok := strings.CutPrefix(e.version, "link:"); ok {
			next = importerKey(path.Join(base, target))
		}
		dep, err := b.visit(next)
		if err != nil {
			return "", err
		}
		if dep != ref {
			deps[dep] = true
		}
	}
	c.DependsOn = sortedKeys(deps)
	return ref, nil
}

// node returns the component a key stands for, its runtime edges, and the
// directory its link: edges are relative to.
func (b *billWalker) node(key string) (*Component, []edge, string, error) {
	if dir, ok := strings.CutPrefix(key, "importer:"); ok {
		p := b.w.byDir[dir]
		imp, locked := b.lf.Importers[dir]
		if p == nil || !locked {
			return nil, nil, "", errorf(lockFile, 0, lockFix, "the lockfile links to %s, which is not a workspace package it has an importer for", dir)
		}
		edges := importerEdges(imp)
		if b.w.Lockfile.excludeLinks {
			edges = append(edges, b.unlockedLinks(p, imp)...)
		}
		return &Component{Name: p.Name, Version: orZero(p.Version), Workspace: true}, edges, dir, nil
	}
	snap, ok := b.lf.Snapshots[key]
	pkgKey, _, _ := strings.Cut(key, "(")
	pkg, hasPkg := b.lf.Packages[pkgKey]
	if !ok || !hasPkg {
		return nil, nil, "", errorf(lockFile, 0, lockFix, "the lockfile refers to %s but has no snapshot or package entry for it", key)
	}
	name, version := splitKey(pkgKey)
	c := &Component{Name: name, Version: version, Integrity: pkg.Resolution.Integrity}
	if pkg.Version != "" {
		c.Version = pkg.Version
	}
	// An injected workspace package (file:<dir>) is that package, copied.
	if p := b.w.byDir[path.Clean(pkg.Resolution.Directory)]; pkg.Resolution.Directory != "" && p != nil {
		c = &Component{Name: p.Name, Version: orZero(p.Version), Workspace: true}
	}
	var edges []edge
	for _, deps := range []map[string]string{snap.Dependencies, snap.OptionalDependencies} {
		for _, n := range sortedKeys(deps) {
			edges = append(edges, edge{n, deps[n]})
		}
	}
	return c, edges, ".", nil
}

func importerEdges(imp lockImporter) []edge {
	var edges []edge
	for _, deps := range []map[string]lockDep{imp.Dependencies, imp.OptionalDependencies} {
		for _, n := range sortedKeys(deps) {
			edges = append(edges, edge{n, deps[n].Version})
		}
	}
	return edges
}

// unlockedLinks are the workspace dependencies a lockfile written with
// excludeLinksFromLockfile leaves out, taken from package.json instead.
func (b *billWalker) unlockedLinks(p *Package, imp lockImporter) []edge {
	var edges []edge
	for _, field := range []string{"dependencies", "optionalDependencies"} {
		deps := p.deps(field)
		for _, n := range sortedKeys(deps) {
			if _, locked := imp.Dependencies[n]; locked {
				continue
			}
			if _, locked := imp.OptionalDependencies[n]; locked {
				continue
			}
			if target, err := b.w.resolveDep(p, field, n, deps[n]); err == nil && target != nil && target != p {
				rel, _ := filepath.Rel(p.Dir, target.Dir)
				edges = append(edges, edge{n, "link:" + filepath.ToSlash(rel)})
			}
		}
	}
	return edges
}

// snapshotKey is the snapshot a dependency refers to: "<name>@<version>",
// or the version itself when it names another package (an npm: alias is
// written "string-width@4.2.3").
func snapshotKey(name, version string) string {
	base, _, _ := strings.Cut(version, "(")
	if strings.LastIndex(base, "@") > 0 {
		return version
	}
	return name + "@" + version
}

// splitKey splits "@scope/name@1.0.0" at the @ that ends the name.
func splitKey(key string) (name, version string) {
	if i := strings.Index(key[1:], "@"); i >= 0 {
		return key[:i+1], key[i+2:]
	}
	return key, ""
}

// orZero: pnpm calls a package without a version 0.0.0.
func orZero(v string) string {
	if v == "" {
		return "0.0.0"
	}
	return v
}

// purl is the package URL of an npm package: the scope's @ is encoded, the
// version escaped (file: and URL versions hold characters a purl reserves).
func purl(name, version string) string {
	return fmt.Sprintf("pkg:npm/%s@%s", strings.Replace(name, "@", "%40", 1), escapePurl(version))
}

func escapePurl(s string) string {
	var b strings.Builder
	for _, r := range []byte(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.IndexByte(".-_~+", r) >= 0:
			b.WriteByte(r)
		default:
			fmt.Fprintf(&b, "%%%02X", r)
		}
	}
	return b.String()
}
