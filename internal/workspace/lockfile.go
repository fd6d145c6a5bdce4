package workspace

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Lockfile is what the plan needs from pnpm-lock.yaml.
type Lockfile struct {
	Version   string   // lockfileVersion as written, e.g. "9.0"
	Importers []string // importer paths, e.g. ".", "packages/app1", sorted

	// deps maps each importer to the dependency names it locks
	// (dependencies, devDependencies, optionalDependencies).
	deps         map[string]map[string]bool
	excludeLinks bool // settings.excludeLinksFromLockfile: workspace links are not recorded
}

const lockFix = "run pnpm install and commit the updated pnpm-lock.yaml"

// readLockfile parses pnpm-lock.yaml and checks that it describes this
// workspace. Builds install with --frozen-lockfile; catching a stale
// lockfile here gives the user the fix before any container starts.
func (w *Workspace) readLockfile(fsys *rootFS) error {
	data, ok, rerr := fsys.readFile(lockFile)
	if rerr != nil {
		return rerr
	}
	if !ok {
		return errorf(lockFile, 0, "run pnpm install and commit pnpm-lock.yaml (images are built with --frozen-lockfile for reproducibility)",
			"the lockfile is missing")
	}
	slim, err := slimLockfile(data)
	if err != nil {
		return err
	}
	doc, err := projectDocument(slim)
	if err != nil {
		return err
	}
	lf, err := parseLockfile(doc)
	if err != nil {
		return err
	}
	w.Lockfile = *lf
	return w.checkImporters()
}

// lockfileSections are the top-level keys the model reads ("projects" is
// the v13 name of "importers").
var lockfileSections = map[string]bool{"lockfileVersion": true, "settings": true, "importers": true, "projects": true}

// slimLockfile blanks out the sections we do not read (packages and
// snapshots are nearly all of a large lockfile) before YAML parsing, keeping
// every newline so that line numbers stay true. It relies on the layout pnpm
// writes, top-level keys at column 0, and returns the text unchanged when
// the file does not look like that (the v13 JSON-like format, hand edits).
// Syntax errors inside the skipped sections are left for pnpm to report;
// unresolved merge conflicts, the usual cause, are caught here.
func slimLockfile(data []byte) ([]byte, error) {
	first := bytes.TrimLeft(data, " \t\r\n")
	if len(first) == 0 || first[0] == '{' || first[0] == '[' {
		return data, nil
	}
	out := make([]byte, 0, len(data)/4)
	keep := true
	for n, rest := 1, data; len(rest) > 0; n++ {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if len(line) > 0 && line[0] != ' ' && line[0] != '\t' && line[0] != '#' && line[0] != '\r' {
			switch {
			case bytes.HasPrefix(line, []byte("<<<<<<<")) || bytes.HasPrefix(line, []byte("=======")) || bytes.HasPrefix(line, []byte(">>>>>>>")):
				return nil, errorf(lockFile, n, "resolve the merge conflict (pnpm install can do it for pnpm-lock.yaml), then commit",
					"unresolved merge conflict marker")
			case bytes.HasPrefix(line, []byte("---")) || bytes.HasPrefix(line, []byte("...")):
				keep = true
			default:
				key, _, _ := bytes.Cut(line, []byte(":"))
				keep = lockfileSections[string(bytes.Trim(key, `'" `))]
			}
		}
		if keep {
			out = append(out, line...)
		}
		out = append(out, '\n')
	}
	return out, nil
}

// projectDocument returns the document that describes the workspace. pnpm
// 11 and later may write two YAML documents into pnpm-lock.yaml: first an
// "env" document pinning pnpm itself and config dependencies, then the
// project lockfile. The project document is always the last one.
func projectDocument(data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var last *yaml.Node
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, yamlError(lockFile, err, "resolve merge conflicts in pnpm-lock.yaml, or delete it and run pnpm install")
		}
		if len(doc.Content) > 0 {
			last = doc.Content[0]
		}
	}
	if last == nil || last.Kind != yaml.MappingNode {
		return nil, errorf(lockFile, 0, lockFix, "the lockfile is empty or not a mapping")
	}
	return last, nil
}

func parseLockfile(doc *yaml.Node) (*Lockfile, error) {
	vnode := mapValue(doc, "lockfileVersion")
	if vnode == nil || vnode.Kind != yaml.ScalarNode || vnode.Value == "" {
		return nil, errorf(lockFile, doc.Line, lockFix, "the lockfile has no lockfileVersion")
	}
	lf := &Lockfile{Version: vnode.Value, deps: map[string]map[string]bool{}}
	info := lockfileFormat(lf.Version)
	if !info.supported {
		return nil, errorf(lockFile, vnode.Line,
			"regenerate it with pnpm 9 or newer (pnpm install), or pass a pnpm version that reads it",
			"unsupported lockfileVersion %q (written by %s); supported: 9.0, written by pnpm 9, 10, 11 and 12, and 13.0, written by pnpm >= 12.19 with lockfile.format: v13",
			lf.Version, info.writers)
	}
	if s := mapValue(mapValue(doc, "settings"), "excludeLinksFromLockfile"); s != nil {
		lf.excludeLinks = s.Value == "true"
	}
	// lockfile.format v13 calls the importers "projects".
	importers := mapValue(doc, "importers")
	if importers == nil {
		importers = mapValue(doc, "projects")
	}
	if importers == nil || importers.Kind != yaml.MappingNode {
		return nil, errorf(lockFile, doc.Line, lockFix, "the lockfile has no importers section")
	}
	for i := 0; i+1 < len(importers.Content); i += 2 {
		id, body := importers.Content[i].Value, importers.Content[i+1]
		lf.Importers = append(lf.Importers, id)
		names := map[string]bool{}
		for _, field := range depFields[:3] {
			section := mapValue(body, field)
			if section == nil || section.Kind != yaml.MappingNode {
				continue
			}
			for j := 0; j < len(section.Content); j += 2 {
				names[section.Content[j].Value] = true
			}
		}
		lf.deps[id] = names
	}
	sort.Strings(lf.Importers)
	return lf, nil
}

// checkImporters compares the lockfile with the workspace the way pnpm's
// --frozen-lockfile does at the level that matters most: the same projects,
// each locking the same dependency names. (Specifier text is left to pnpm,
// whose overrides and catalogs rewrite it in ways not worth re-implementing.)
func (w *Workspace) checkImporters() error {
	var missing, extra []string
	for _, p := range w.Packages {
		if _, ok := w.Lockfile.deps[p.Dir]; !ok {
			missing = append(missing, p.Dir)
		}
	}
	for _, id := range w.Lockfile.Importers {
		if _, ok := w.byDir[id]; !ok {
			extra = append(extra, id)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 || len(extra) > 0 {
		var parts []string
		if len(missing) > 0 {
			parts = append(parts, "no importer for "+strings.Join(missing, ", "))
		}
		if len(extra) > 0 {
			parts = append(parts, "importers that are not workspace packages: "+strings.Join(extra, ", "))
		}
		return errorf(lockFile, 0, lockFix, "the lockfile is out of date with the workspace packages: %s", strings.Join(parts, "; "))
	}
	for _, p := range w.Packages {
		if err := w.checkImporterDeps(p); err != nil {
			return err
		}
	}
	return nil
}

func (w *Workspace) checkImporterDeps(p *Package) error {
	locked := w.Lockfile.deps[p.Dir]
	for _, field := range depFields[:3] {
		deps := p.deps(field)
		for _, dep := range sortedKeys(deps) {
			// ignoredOptionalDependencies drops optional ones from the lockfile.
			if locked[dep] || field == "optionalDependencies" {
				continue
			}
			if k := parseSpec(deps[dep]).kind; w.Lockfile.excludeLinks && (k == specWorkspace || k == specPath) {
				continue
			}
			return errorf(lockFile, 0, lockFix,
				"the lockfile is out of date with %s: %s.%s is not in it", p.file, field, dep)
		}
	}
	for _, dep := range sortedKeys(locked) {
		if !p.declares(dep) {
			return errorf(lockFile, 0, lockFix,
				"the lockfile is out of date with %s: it locks %s, which that package.json does not declare", p.file, dep)
		}
	}
	return nil
}

// declares: pnpm with autoInstallPeers records installed peers with the
// project's dependencies, so a peer counts as declared.
func (p *Package) declares(dep string) bool {
	for _, field := range depFields {
		if _, ok := p.deps(field)[dep]; ok {
			return true
		}
	}
	return false
}

// lockfileInfo describes one lockfileVersion.
type lockfileInfo struct {
	supported bool
	writers   string // which pnpm writes it, for messages
	pnpm      []int  // pnpm majors that write it, the default first
	minPnpm   string // oldest pnpm release that reads it
}

// lockfileFormat maps a lockfileVersion to its writers. The 9.0 format is
// written by pnpm 9, 10, 11 and 12 (checked against each major's
// LOCKFILE_VERSION and by running pnpm 12.21.0); pnpm 12.19 added the
// experimental lockfile.format: v13, written as "13.0".
//
// For 9.0 the default is pnpm 10, not the newest: it checks the lockfile
// without registry metadata, skips (rather than fails on) dependency build
// scripts the workspace has not approved, and runs on every supported Node;
// pnpm 11 and 12 fail such installs with ERR_PNPM_IGNORED_BUILDS.
func lockfileFormat(v string) lockfileInfo {
	major, _, _ := strings.Cut(strings.Trim(v, `'" `), ".")
	switch {
	case major == "9":
		return lockfileInfo{supported: true, writers: "pnpm 9, 10, 11 and 12", pnpm: []int{10, 12, 11, 9}, minPnpm: "9.0.0"}
	case major == "13":
		return lockfileInfo{supported: true, writers: "pnpm >= 12.19 with lockfile.format: v13", pnpm: []int{12}, minPnpm: "12.19.0"}
	case v == "6.0" || v == "6.1" || major == "6":
		return lockfileInfo{writers: "pnpm 8"}
	case v == "5.4":
		return lockfileInfo{writers: "pnpm 7"}
	case v == "5.3":
		return lockfileInfo{writers: "pnpm 6"}
	case major == "7":
		return lockfileInfo{writers: "a pnpm 9 pre-release"}
	case major == "5" || major == "4" || major == "3" || major == "2" || major == "1":
		return lockfileInfo{writers: "pnpm 5 or older"}
	}
	return lockfileInfo{writers: fmt.Sprintf("a pnpm this module does not know (lockfileVersion %s)", v)}
}
