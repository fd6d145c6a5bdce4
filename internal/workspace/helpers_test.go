package workspace

import (
	"encoding/json"
	"errors"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// files is a tiny workspace: slash path -> contents. Two special values:
// "symlink:<target>" makes a symlink ($OUTSIDE is a directory outside the
// root holding a package.json), "dir:" an empty directory.
type files map[string]string

// obj is a JSON object literal for pkg.
type obj = map[string]any

// pkg renders a package.json, indented so that line numbers mean something.
func pkg(name string, fields obj) string {
	m := obj{}
	for k, v := range fields {
		m[k] = v
	}
	if name != "" {
		m["name"] = name
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		panic(err)
	}
	return string(b) + "\n"
}

// with returns a copy with the given path/content pairs set.
func (f files) with(kv ...string) files {
	out := make(files, len(f)+len(kv)/2)
	for k, v := range f {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

// without returns a copy without the given paths.
func (f files) without(paths ...string) files {
	out := f.with()
	for _, p := range paths {
		delete(out, p)
	}
	return out
}

// locked returns a copy with a pnpm-lock.yaml that matches its package.json
// files, as `pnpm install` would write it (importers only; nothing here reads
// the packages section).
func (f files) locked() files {
	var dirs []string
	deps := map[string]obj{}
	for p, content := range f {
		if path.Base(p) != "package.json" || strings.Contains(p, "node_modules") {
			continue
		}
		var m obj
		if json.Unmarshal([]byte(content), &m) != nil {
			continue
		}
		dir := path.Dir(p)
		dirs = append(dirs, dir)
		deps[dir] = m
	}
	sort.Strings(dirs)
	var b strings.Builder
	b.WriteString("lockfileVersion: '9.0'\n\nsettings:\n  autoInstallPeers: true\n  excludeLinksFromLockfile: false\n\nimporters:\n")
	for _, dir := range dirs {
		b.WriteString("\n  " + dir + ":")
		empty := true
		for _, field := range []string{"dependencies", "devDependencies", "optionalDependencies"} {
			section, _ := deps[dir][field].(map[string]any)
			if len(section) == 0 {
				continue
			}
			if empty {
				b.WriteString("\n")
				empty = false
			}
			b.WriteString("    " + field + ":\n")
			for _, name := range sortedKeys(section) {
				b.WriteString("      '" + name + "':\n        specifier: '" + section[name].(string) + "'\n        version: 1.0.0\n")
			}
		}
		if empty {
			b.WriteString(" {}\n")
		}
	}
	return f.with("pnpm-lock.yaml", b.String())
}

// write creates the workspace in a fresh temp dir and returns its root.
func (f files) write(t testing.TB) string {
	t.Helper()
	root := t.TempDir()
	outside := t.TempDir()
	must(t, os.WriteFile(filepath.Join(outside, "package.json"), []byte(`{"name":"outside"}`), 0o644))
	for p, content := range f {
		full := filepath.Join(root, filepath.FromSlash(p))
		must(t, os.MkdirAll(filepath.Dir(full), 0o755))
		switch {
		case strings.HasPrefix(content, "symlink:"):
			target := strings.ReplaceAll(strings.TrimPrefix(content, "symlink:"), "$OUTSIDE", outside)
			must(t, os.Symlink(filepath.FromSlash(target), full))
		case content == "dir:":
			must(t, os.MkdirAll(full, 0o755))
		default:
			must(t, os.WriteFile(full, []byte(content), 0o644))
		}
	}
	return root
}

// load writes and loads a workspace, failing the test on error.
func (f files) load(t testing.TB) *Workspace {
	t.Helper()
	w, err := Load(f.write(t))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return w
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// monorepo is the seed's Example 2: packages/app1, app2 and common, the
// apps depending on common through the workspace: protocol.
func monorepo() files {
	return files{
		"package.json":        pkg("monorepo", obj{"private": true, "devDependencies": obj{"typescript": "^5.6.0"}}),
		"pnpm-workspace.yaml": "packages:\n  - 'packages/*'\n",
		"packages/common/package.json": pkg("common", obj{"version": "1.0.0", "main": "dist/index.js",
			"scripts": obj{"build": "tsc"}}),
		"packages/app1/package.json": pkg("app1", obj{"version": "1.0.0",
			"scripts":      obj{"build": "tsc", "start": "node dist/index.js"},
			"config":       obj{"port": 8000},
			"dependencies": obj{"common": "workspace:*", "ms": "^2.1.3"}}),
		"packages/app2/package.json": pkg("app2", obj{"version": "1.0.0",
			"scripts":      obj{"build": "tsc", "start": "node --enable-source-maps dist/index.js"},
			"config":       obj{"port": "8001"},
			"dependencies": obj{"common": "workspace:^"}}),
	}.locked()
}

// single is the seed's Example 1: one package, no pnpm-workspace.yaml.
func single() files {
	return files{
		"package.json": pkg("single", obj{"version": "1.0.0",
			"scripts":         obj{"build": "tsc", "start": "node dist/index.js"},
			"dependencies":    obj{"ms": "^2.1.3"},
			"devDependencies": obj{"typescript": "^5.6.0"}}),
	}.locked()
}

// asError asserts that err is an *Error.
func asError(t *testing.T, err error) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("want *Error, got %T: %v", err, err)
	}
	return e
}

func names(pkgs []*Package) []string {
	out := make([]string, len(pkgs))
	for i, p := range pkgs {
		out[i] = p.Name
	}
	return out
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
