// Package synth writes synthetic pnpm workspaces for tests and benchmarks.
//
// A generated workspace has a few apps and many libraries arranged in layers
// that depend on each other through `workspace:*` (a deterministic DAG), no
// third-party dependencies, and a pnpm-lock.yaml (lockfileVersion '9.0')
// written by the generator itself, byte-for-byte what pnpm 10 writes for it,
// so `pnpm install --frozen-lockfile --offline` accepts it without a registry.
//
// Every package builds with `node ../../build.js` (copies src/*.js to dist/)
// and apps start with `node dist/index.js`, serving HTTP on PORT or their
// `config.port`. An app answers
//
//	<app name> libs=<libraries in its closure> stamps=<leaf stamps, sorted, comma-separated>
//
// Layer-0 libraries ("leaves") carry a stamp ("v1" when generated);
// Options.EditLeaf rewrites one leaf's stamp, so "rebuild after one leaf
// edit" is observable in the answer of every app that depends on that leaf.
package synth

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Defaults used when an Options field is zero.
const (
	DefaultPackages    = 200
	DefaultApps        = 8
	DefaultLayers      = 6
	DefaultBasePort    = 8000
	DefaultPnpmVersion = "10.34.9"
	DefaultScope       = "@synth"
	// InitialStamp is the stamp every leaf library carries when generated.
	InitialStamp = "v1"
)

// Options says what to generate. The zero value is the default 200-package
// workspace with 8 apps.
type Options struct {
	// Packages is the number of workspace packages, apps included (the root
	// package.json is not counted). Default 200.
	Packages int
	// Apps is the number of apps among them. Default 8.
	Apps int
	// Layers is the number of library layers. Layer 0 holds the leaves (no
	// dependencies); each library in layer k > 0 depends on libraries of
	// lower layers. Default 6, capped to the number of libraries.
	Layers int
	// BasePort is the port of the first app; app i listens on BasePort+i.
	// Default 8000.
	BasePort int
	// PnpmVersion is written to the root package.json `packageManager`
	// field as "pnpm@<version>". Default "10.34.9"; "-" omits the field.
	PnpmVersion string
}

// WithPackages returns a copy of o with Packages set to n.
func (o Options) WithPackages(n int) Options { o.Packages = n; return o }

// WithApps returns a copy of o with Apps set to n.
func (o Options) WithApps(n int) Options { o.Apps = n; return o }

// WithLayers returns a copy of o with Layers set to n.
func (o Options) WithLayers(n int) Options { o.Layers = n; return o }

// WithBasePort returns a copy of o with BasePort set to p.
func (o Options) WithBasePort(p int) Options { o.BasePort = p; return o }

// Normalize fills in defaults and validates o.
func (o Options) Normalize() (Options, error) {
	if o.Packages == 0 {
		o.Packages = DefaultPackages
	}
	if o.Apps == 0 {
		o.Apps = DefaultApps
	}
	if o.Layers == 0 {
		o.Layers = DefaultLayers
	}
	if o.BasePort == 0 {
		o.BasePort = DefaultBasePort
	}
	if o.PnpmVersion == "" {
		o.PnpmVersion = DefaultPnpmVersion
	}
	switch {
	case o.Packages < 2:
		return o, fmt.Errorf("synth: Packages = %d, need at least 2 (one app and one library)", o.Packages)
	case o.Apps < 1:
		return o, fmt.Errorf("synth: Apps = %d, need at least 1", o.Apps)
	case o.Apps >= o.Packages:
		return o, fmt.Errorf("synth: Apps = %d leaves no library among %d packages", o.Apps, o.Packages)
	case o.Apps > 99:
		return o, fmt.Errorf("synth: Apps = %d, at most 99", o.Apps)
	case o.Layers < 1:
		return o, fmt.Errorf("synth: Layers = %d, need at least 1", o.Layers)
	case o.BasePort < 1 || o.BasePort+o.Apps-1 > 65535:
		return o, fmt.Errorf("synth: ports %d..%d out of range", o.BasePort, o.BasePort+o.Apps-1)
	}
	if libs := o.Packages - o.Apps; o.Layers > libs {
		o.Layers = libs
	}
	return o, nil
}

// Package is one generated workspace package.
type Package struct {
	Name  string // e.g. "@synth/lib-007" or "@synth/app-01"
	Dir   string // relative to the workspace root, slash-separated
	App   bool
	Port  int   // apps only
	Layer int   // libraries only; apps are -1
	Deps  []int // indexes into Graph.Packages, sorted by name
}

// Graph is the generated workspace: libraries first (index = library
// number), then apps.
type Graph struct {
	Packages []Package
	// Leaf is the index of the leaf library that EditLeaf edits: the
	// lowest-numbered leaf in the closure of the first app.
	Leaf int
}

// Apps returns the indexes of the apps.
func (g *Graph) Apps() []int {
	var out []int
	for i, p := range g.Packages {
		if p.App {
			out = append(out, i)
		}
	}
	return out
}

// Closure returns the libraries that package i needs (transitively),
// excluding i itself, sorted by index.
func (g *Graph) Closure(i int) []int {
	seen := map[int]bool{}
	var walk func(int)
	walk = func(j int) {
		for _, d := range g.Packages[j].Deps {
			if !seen[d] {
				seen[d] = true
				walk(d)
			}
		}
	}
	walk(i)
	out := make([]int, 0, len(seen))
	for d := range seen {
		out = append(out, d)
	}
	sort.Ints(out)
	return out
}

// Response is the exact body app i answers with, given the leaf stamps
// (leaf index -> stamp; leaves not in the map carry InitialStamp).
func (g *Graph) Response(i int, stamps map[int]string) string {
	p := g.Packages[i]
	closure := g.Closure(i)
	set := map[string]bool{}
	for _, d := range closure {
		if g.Packages[d].Layer == 0 {
			s, ok := stamps[d]
			if !ok {
				s = InitialStamp
			}
			set[s] = true
		}
	}
	list := make([]string, 0, len(set))
	for s := range set {
		list = append(list, s)
	}
	sort.Strings(list)
	return fmt.Sprintf("%s libs=%d stamps=%s", p.Name, len(closure), strings.Join(list, ","))
}

// Graph computes the workspace that Generate writes for o.
func (o Options) Graph() (*Graph, error) {
	o, err := o.Normalize()
	if err != nil {
		return nil, err
	}
	nLibs := o.Packages - o.Apps
	width := len(fmt.Sprint(nLibs - 1))
	if width < 3 {
		width = 3
	}
	g := &Graph{Packages: make([]Package, 0, o.Packages)}
	// Layer k holds libraries [start[k], start[k+1]).
	start := make([]int, o.Layers+1)
	for k := 0; k <= o.Layers; k++ {
		start[k] = k * nLibs / o.Layers
	}
	for i := 0; i < nLibs; i++ {
		layer := 0
		for layer+1 < o.Layers && i >= start[layer+1] {
			layer++
		}
		id := fmt.Sprintf("lib-%0*d", width, i)
		p := Package{Name: DefaultScope + "/" + id, Dir: "libs/" + id, Layer: layer}
		if layer > 0 {
			// Up to three libraries of the layer just below, and one from
			// any lower layer: a DAG by construction (edges go down).
			lo, size := start[layer-1], start[layer]-start[layer-1]
			deps := map[int]bool{}
			for t := 0; t < 3; t++ {
				deps[lo+(i*7+t*13)%size] = true
			}
			if layer >= 2 {
				deps[(i*31)%start[layer-1]] = true
			}
			p.Deps = sortedKeys(deps)
		}
		g.Packages = append(g.Packages, p)
	}
	for a := 0; a < o.Apps; a++ {
		// App a uses three libraries of layer Layers-1-(a mod Layers): the
		// first app needs most of the workspace, later ones less, so the
		// per-app closures differ in size.
		layer := o.Layers - 1 - a%o.Layers
		lo, size := start[layer], start[layer+1]-start[layer]
		id := fmt.Sprintf("app-%02d", a+1)
		deps := map[int]bool{}
		for t := 0; t < 3; t++ {
			deps[lo+(a*5+t*3)%size] = true
		}
		g.Packages = append(g.Packages, Package{
			Name: DefaultScope + "/" + id, Dir: "apps/" + id, App: true,
			Port: o.BasePort + a, Layer: -1, Deps: sortedKeys(deps),
		})
	}
	g.Leaf = -1
	for _, d := range g.Closure(nLibs) {
		if g.Packages[d].Layer == 0 {
			g.Leaf = d
			break
		}
	}
	if g.Leaf < 0 {
		return nil, errors.New("synth: internal error: first app reaches no leaf")
	}
	return g, nil
}

// sortedKeys returns the keys of m in increasing order. Package names are
// zero-padded, so index order is name order.
func sortedKeys(m map[int]bool) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}
