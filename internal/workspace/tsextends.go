package workspace

import (
	"os"
	"path"
	"slices"
	"strings"
)

// A build takes the packages of the app's closure and the files beside
// them (SourceLayout), but a TypeScript configuration often extends one in
// a package the app does not depend on: a root tsconfig.json with
// "extends": "./packages/typescript-config/base.json", or an app's with
// "../../packages/tsconfig/base.json". tsc, and tools that read every
// tsconfig (vite-tsconfig-paths), then fail on a file the build left out.
// configExtends finds those files so that the build takes them too, one
// file each: the rest of that package stays out, and an edit of it runs
// no build that does not read it.

// tsconfigFile reports whether name is a TypeScript or JavaScript project
// configuration (tsconfig.json, tsconfig.build.json, jsconfig.json).
func tsconfigFile(name string) bool {
	return (strings.HasPrefix(name, "tsconfig") || strings.HasPrefix(name, "jsconfig")) && strings.HasSuffix(name, ".json")
}

// configExtends returns the workspace files, outside the layout, that the
// layout's tsconfig and jsconfig files extend by a relative path, and the
// files those extend in turn. It looks at the configurations among the
// layout's files and at the top level of each of its directories.
// "extends" as a package name is left alone: that package is a dependency
// (in the closure) or is not installed at all; so is an array of them,
// which this reader does not take apart.
func (w *Workspace) configExtends(l SourceLayout) []string {
	fsys := w.fsys
	taken := func(file string) bool {
		if slices.Contains(l.Files, file) {
			return true
		}
		for _, d := range l.Dirs {
			if strings.HasPrefix(file, d+"/") {
				return true
			}
		}
		return false
	}
	var queue []string
	for _, f := range l.Files {
		if tsconfigFile(path.Base(f)) {
			queue = append(queue, f)
		}
	}
	for _, d := range l.Dirs {
		entries, err := os.ReadDir(fsys.path(d))
		if err != nil {
			continue
		}
		for _, e := range entries {
			if !e.IsDir() && tsconfigFile(e.Name()) {
				queue = append(queue, path.Join(d, e.Name()))
			}
		}
	}
	var extra []string
	seen := map[string]bool{}
	for len(queue) > 0 {
		file := queue[0]
		queue = queue[1:]
		if seen[file] {
			continue
		}
		seen[file] = true
		base, ok := fsys.extendsFile(file)
		if !ok || seen[base] || slices.Contains(queue, base) {
			continue
		}
		if !taken(base) {
			extra = append(extra, base)
		}
		queue = append(queue, base)
	}
	return extra
}

// extendsFile is the workspace file that configuration file extends by a
// relative path, as tsc resolves it ("./base" is ./base, else
// ./base.json); ok is false when there is none, when it leaves the
// workspace, or when the file cannot be read.
func (r *rootFS) extendsFile(file string) (string, bool) {
	data, ok, err := r.readFile(file)
	if !ok || err != nil {
		return "", false
	}
	ext, found := jsFind(jsProps(string(data)), "extends")
	if !found || !ext.literal || !(strings.HasPrefix(ext.value, "./") || strings.HasPrefix(ext.value, "../")) {
		return "", false
	}
	base := path.Join(path.Dir(file), ext.value)
	if startsWithDotDot(base) {
		return "", false
	}
	for _, candidate := range []string{base, base + ".json"} {
		if !r.isFile(candidate) {
			continue
		}
		if _, inside, err := r.resolve(candidate); err == nil && inside {
			return candidate, true
		}
	}
	return "", false
}
