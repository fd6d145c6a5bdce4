package synth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Generate writes the workspace described by opts into dir (created if
// missing). Files it writes are overwritten; nothing else in dir is touched.
func Generate(dir string, opts Options) error {
	o, err := opts.Normalize()
	if err != nil {
		return err
	}
	g, err := o.Graph()
	if err != nil {
		return err
	}
	files := map[string][]byte{
		"package.json":        rootManifest(o),
		"pnpm-workspace.yaml": []byte("packages:\n  - 'apps/*'\n  - 'libs/*'\n"),
		"pnpm-lock.yaml":      Lockfile(g),
		"build.js":            []byte(buildJS),
		".gitignore":          []byte("node_modules\ndist\n"),
		".dockerignore":       []byte("node_modules\n.git\n.gitignore\n*.md\ndist\n"),
	}
	for i, p := range g.Packages {
		files[p.Dir+"/package.json"] = packageManifest(g, i)
		files[p.Dir+"/src/index.js"] = source(g, i)
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
		if err := os.WriteFile(full, files[name], 0o644); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
	}
	return nil
}

// LeafSource returns the path (under dir) of the source file that EditLeaf
// rewrites: src/index.js of Graph().Leaf.
func (o Options) LeafSource(dir string) (string, error) {
	g, err := o.Graph()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, filepath.FromSlash(g.Packages[g.Leaf].Dir), "src", "index.js"), nil
}

var stampLine = regexp.MustCompile(`(?m)^exports\.stamp = "[^"\n]*";$`)

// EditLeaf sets the stamp of the leaf library (Graph().Leaf) in a workspace
// generated into dir with the same options, and returns the edited file.
// Apps whose closure holds that leaf then answer with the new stamp once
// rebuilt (see Graph.Response). The stamp must not contain quotes,
// backslashes or newlines.
func (o Options) EditLeaf(dir, stamp string) (string, error) {
	if stamp == "" || strings.ContainsAny(stamp, "\"\\\n\r") {
		return "", fmt.Errorf("synth: invalid stamp %q", stamp)
	}
	file, err := o.LeafSource(dir)
	if err != nil {
		return "", err
	}
	src, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("synth: %w", err)
	}
	if len(stampLine.FindAll(src, -1)) != 1 {
		return "", fmt.Errorf("synth: %s: no single stamp line to edit", file)
	}
	out := stampLine.ReplaceAll(src, []byte(fmt.Sprintf("exports.stamp = %q;", stamp)))
	if err := os.WriteFile(file, out, 0o644); err != nil {
		return "", fmt.Errorf("synth: %w", err)
	}
	return file, nil
}

func rootManifest(o Options) []byte {
	m := orderedJSON{{"name", "synth"}, {"version", "1.0.0"}, {"private", true}}
	if o.PnpmVersion != "-" {
		m = append(m, kv{"packageManager", "pnpm@" + o.PnpmVersion})
	}
	return m.marshal()
}

func packageManifest(g *Graph, i int) []byte {
	p := g.Packages[i]
	scripts := orderedJSON{{"build", "node ../../build.js"}}
	m := orderedJSON{
		{"name", p.Name}, {"version", "1.0.0"}, {"private", true},
		{"main", "dist/index.js"},
	}
	if p.App {
		scripts = append(scripts, kv{"start", "node dist/index.js"})
	}
	m = append(m, kv{"scripts", scripts})
	if p.App {
		m = append(m, kv{"config", orderedJSON{{"port", p.Port}}})
	}
	if len(p.Deps) > 0 {
		deps := orderedJSON{}
		for _, d := range p.Deps {
			deps = append(deps, kv{g.Packages[d].Name, "workspace:*"})
		}
		m = append(m, kv{"dependencies", deps})
	}
	return m.marshal()
}

// Lockfile renders pnpm-lock.yaml for g exactly as pnpm 10 writes it: a
// workspace with only `workspace:*` links has importers and no packages or
// snapshots sections.
func Lockfile(g *Graph) []byte {
	var b bytes.Buffer
	b.WriteString("lockfileVersion: '9.0'\n\nsettings:\n  autoInstallPeers: true\n  excludeLinksFromLockfile: false\n\nimporters:\n\n  .: {}\n")
	order := make([]int, len(g.Packages))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, c int) bool { return g.Packages[order[a]].Dir < g.Packages[order[c]].Dir })
	for _, i := range order {
		p := g.Packages[i]
		if len(p.Deps) == 0 {
			fmt.Fprintf(&b, "\n  %s: {}\n", p.Dir)
			continue
		}
		fmt.Fprintf(&b, "\n  %s:\n    dependencies:\n", p.Dir)
		for _, d := range p.Deps {
			dep := g.Packages[d]
			fmt.Fprintf(&b, "      '%s':\n        specifier: workspace:*\n        version: link:%s\n", dep.Name, relSlash(p.Dir, dep.Dir))
		}
	}
	return b.Bytes()
}

// relSlash is the slash-separated path from directory from to directory to,
// both relative to the same root.
func relSlash(from, to string) string {
	f := strings.Split(path.Clean(from), "/")
	t := strings.Split(path.Clean(to), "/")
	n := 0
	for n < len(f) && n < len(t) && f[n] == t[n] {
		n++
	}
	parts := make([]string, 0, len(f)-n+len(t)-n)
	for range f[n:] {
		parts = append(parts, "..")
	}
	return strings.Join(append(parts, t[n:]...), "/")
}

// source renders src/index.js of package i: libraries export their closure
// and leaf stamps; apps serve them over HTTP.
func source(g *Graph, i int) []byte {
	p := g.Packages[i]
	var b bytes.Buffer
	b.WriteString("\"use strict\";\n")
	for n, d := range p.Deps {
		fmt.Fprintf(&b, "const d%d = require(%q);\n", n, g.Packages[d].Name)
	}
	deps := make([]string, len(p.Deps))
	for n := range p.Deps {
		deps[n] = fmt.Sprintf("d%d", n)
	}
	list := "[" + strings.Join(deps, ", ") + "]"
	if !p.App {
		fmt.Fprintf(&b, "\nexports.name = %q;\n", p.Name)
		if p.Layer == 0 {
			fmt.Fprintf(&b, "exports.stamp = %q;\n", InitialStamp)
			b.WriteString("exports.stamps = { [exports.name]: exports.stamp };\n")
		} else {
			fmt.Fprintf(&b, "exports.stamps = Object.assign({}, ...%s.map((d) => d.stamps));\n", list)
		}
		fmt.Fprintf(&b, "exports.closure = Object.assign({ [exports.name]: true }, ...%s.map((d) => d.closure));\n", list)
		return b.Bytes()
	}
	fmt.Fprintf(&b, `const http = require("node:http");

const closure = Object.assign({}, ...%[1]s.map((d) => d.closure));
const stamps = Object.assign({}, ...%[1]s.map((d) => d.stamps));
const unique = [...new Set(Object.values(stamps))].sort();
const body = %[2]q + " libs=" + Object.keys(closure).length + " stamps=" + unique.join(",");

const port = Number(process.env.PORT || %[3]d);
const server = http.createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
  res.end(body);
});
server.listen(port, () => console.log(%[2]q + " listening on " + port));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
`, list, p.Name, p.Port)
	return b.Bytes()
}

const buildJS = `// Build step shared by every package: copy src/*.js to dist/.
// Packages run it as "node ../../build.js" from their own directory.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const pkgDir = process.cwd();
const dist = path.join(pkgDir, "dist");
fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(dist, { recursive: true });
for (const name of fs.readdirSync(path.join(pkgDir, "src"))) {
  if (name.endsWith(".js")) fs.copyFileSync(path.join(pkgDir, "src", name), path.join(dist, name));
}
`

// kv and orderedJSON render JSON objects with keys in a fixed order, the way
// people write package.json.
type kv struct {
	k string
	v any
}

type orderedJSON []kv

func (m orderedJSON) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, e := range m {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(e.k)
		v, err := json.Marshal(e.v)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func (m orderedJSON) marshal() []byte {
	raw, err := json.Marshal(m)
	if err != nil {
		panic(err) // only strings, ints, bools and nested orderedJSON
	}
	var out bytes.Buffer
	if err := json.Indent(&out, raw, "", "  "); err != nil {
		panic(err)
	}
	out.WriteByte('\n')
	return out.Bytes()
}
