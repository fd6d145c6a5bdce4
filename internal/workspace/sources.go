package workspace

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/Masterminds/semver/v3"
)

// This file reads the places a workspace states which Node and pnpm it
// wants; versions.go decides between them.

// requirement is one version constraint with the words that name its origin
// in messages, e.g. `package.json engines.node ">=20"`.
type requirement struct {
	source string // for messages
	file   string // workspace-relative file, "" for an explicit argument
	line   int
	text   string // the version text as written
	any    bool   // accepts every version ("lts/*", "node", "*")
	major  int    // an exact version or bare major pins a major: images are chosen per major
	c      *semver.Constraints
}

var exactVersion = regexp.MustCompile(`^v?(\d+)(?:\.\d+){0,2}$`)

// ltsCodenames maps nvm's lts/<codename> aliases to majors.
var ltsCodenames = map[string]int{"iron": 20, "jod": 22, "krypton": 24}

// parseNodeRequirement reads a Node version as people write it in .nvmrc,
// engines.node, devEngines.runtime or an argument. An exact version ("20.11.0"
// or "v20") selects its major, because images exist per major and carry
// that major's newest release; a range must be met by that newest release.
func parseNodeRequirement(source, file, text string) (requirement, error) {
	r := requirement{source: source, file: file, text: text}
	t := strings.TrimSpace(text)
	lower := strings.ToLower(t)
	switch {
	case lower == "" || lower == "*" || lower == "node" || lower == "latest" || lower == "current" || lower == "stable" || lower == "lts" || lower == "lts/*" || lower == "lts/latest":
		r.any = true
		return r, nil
	case strings.HasPrefix(lower, "lts/"):
		m, ok := ltsCodenames[strings.TrimPrefix(lower, "lts/")]
		if !ok {
			return r, fmt.Errorf("unknown LTS alias %q (known: lts/iron = 20, lts/jod = 22, lts/krypton = 24, lts/*)", t)
		}
		r.major = m
		return r, nil
	}
	if m := exactVersion.FindStringSubmatch(t); m != nil {
		r.major, _ = strconv.Atoi(m[1])
		return r, nil
	}
	c, err := parseRange(t)
	if err != nil {
		return r, fmt.Errorf("%q is not a valid Node version or semver range", t)
	}
	r.c = c
	return r, nil
}

// allowsNode reports whether Node major m meets the requirement, judged by
// the newest release of m (what the node:<m> image runs).
func (r requirement) allowsNode(m int) bool {
	switch {
	case r.any:
		return true
	case r.major != 0:
		return r.major == m
	}
	return r.c.Check(nodeNewest(m))
}

// nodeRequirements lists the workspace's Node requirements, most
// authoritative first. Only the root package counts: one Node runs the
// whole workspace, and pnpm treats other packages' engines as warnings.
func (w *Workspace) nodeRequirements() ([]requirement, error) {
	root := w.root()
	var reqs []requirement
	add := func(source, file string, line int, text string) error {
		r, err := parseNodeRequirement(source, file, text)
		if err != nil {
			return errorf(file, line, "write a Node version such as 22 or a range such as >=20", "%s: %v", source, err)
		}
		r.line = line
		reqs = append(reqs, r)
		return nil
	}
	if rt := root.engine.runtime; len(rt) > 0 {
		node, ok := findEngine(rt, "node")
		if !ok {
			return nil, errorf(root.file, keyLine(root.raw, "devEngines", "runtime"), `add {"name": "node", "version": ">=22"} to devEngines.runtime, or remove it`,
				"devEngines.runtime names %s, not node: this module builds Node images", engineNames(rt))
		}
		if node.Version != "" {
			if err := add(root.describe("devEngines.runtime", node.Version), root.file, keyLine(root.raw, "devEngines", "runtime"), node.Version); err != nil {
				return nil, err
			}
		}
	}
	if root.engine.node != "" {
		if err := add(root.describe("engines.node", root.engine.node), root.file, keyLine(root.raw, "engines", "node"), root.engine.node); err != nil {
			return nil, err
		}
	}
	if w.NodeFile != "" {
		if err := add(fmt.Sprintf("%s %q", w.nodeFile, w.NodeFile), w.nodeFile, w.nodeFileLine, firstLine(w.NodeFile)); err != nil {
			return nil, err
		}
	}
	return reqs, nil
}

// pnpmRequirements lists the workspace's pnpm requirements, most
// authoritative first: packageManager is what Corepack and pnpm itself
// enforce, devEngines.packageManager is the newer standard, engines.pnpm a
// range check.
func (w *Workspace) pnpmRequirements() ([]requirement, error) {
	root := w.root()
	var reqs []requirement
	if root.engine.packageManager != "" {
		v, written, err := root.packageManager()
		if err != nil {
			return nil, err
		}
		r, err := pnpmRequirement(root.describe("packageManager", written), root.file, keyLine(root.raw, "packageManager"), v)
		if err != nil {
			return nil, err
		}
		reqs = append(reqs, r)
	}
	if pm := root.engine.pm; len(pm) > 0 {
		d, ok := findEngine(pm, "pnpm")
		if !ok {
			return nil, errorf(root.file, keyLine(root.raw, "devEngines", "packageManager"), `set devEngines.packageManager to {"name": "pnpm", "version": "..."}, or remove it`,
				"devEngines.packageManager names %s, not pnpm: this module builds pnpm workspaces", engineNames(pm))
		}
		if d.Version != "" {
			r, err := pnpmRequirement(root.describe("devEngines.packageManager", d.Version), root.file, keyLine(root.raw, "devEngines", "packageManager"), d.Version)
			if err != nil {
				return nil, err
			}
			reqs = append(reqs, r)
		}
	}
	if root.engine.pnpm != "" {
		r, err := pnpmRequirement(root.describe("engines.pnpm", root.engine.pnpm), root.file, keyLine(root.raw, "engines", "pnpm"), root.engine.pnpm)
		if err != nil {
			return nil, err
		}
		reqs = append(reqs, r)
	}
	return reqs, nil
}

// pnpmRequirement parses a pnpm version or range. Unlike Node, an exact
// pnpm version is installed exactly (npm install -g pnpm@<version>).
func pnpmRequirement(source, file string, line int, text string) (requirement, error) {
	r := requirement{source: source, file: file, line: line, text: strings.TrimSpace(text)}
	if _, err := semver.StrictNewVersion(strings.TrimPrefix(r.text, "v")); err == nil {
		r.c, _ = semver.NewConstraint("=" + strings.TrimPrefix(r.text, "v"))
		return r, nil
	}
	c, err := parseRange(r.text)
	if err != nil || (r.text != "*" && !looksLikeRange(r.text)) {
		return r, errorf(file, line, "write a pnpm version such as 10.12.1 or a range such as ^10",
			"%s: %q is not a valid semver version or range", source, text)
	}
	r.c = c
	return r, nil
}

// exact returns the pinned version when the requirement names one.
func (r requirement) exact() *semver.Version {
	v, err := semver.StrictNewVersion(strings.TrimPrefix(r.text, "v"))
	if err != nil {
		return nil
	}
	return v
}

// checkEngines validates the root's version sources at Load time, so a
// malformed .nvmrc or a devEngines entry for another tool is reported before
// anything asks for versions. Conflicts are left to ResolveVersions, where
// explicit arguments can still override the workspace.
func (w *Workspace) checkEngines() error {
	if _, err := w.nodeRequirements(); err != nil {
		return err
	}
	_, err := w.pnpmRequirements()
	return err
}

// readNodeFile reads .nvmrc, else .node-version, else the Node version of
// mise.toml, .mise.toml or .tool-versions (see toolversions.go; mise puts
// its own files before .tool-versions): the version managers' files, in
// that order.
func (w *Workspace) readNodeFile(fsys *rootFS) error {
	for _, name := range NodeVersionFiles {
		data, ok, err := fsys.readFile(name)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		version, line, found := strings.TrimSpace(string(data)), 1, true
		switch name {
		case ".tool-versions":
			version, line, found = toolVersionsNode(string(data))
		case "mise.toml", ".mise.toml":
			var perr error
			if version, line, found, perr = miseNode(string(data)); perr != nil {
				var pe toml.ParseError
				errors.As(perr, &pe)
				return errorf(name, pe.Position.Line, "fix the TOML syntax", "invalid TOML: %v", perr)
			}
		}
		if found {
			w.NodeFile, w.nodeFile, w.nodeFileLine = version, name, max(line, 1)
			return nil
		}
	}
	return nil
}

// NodeVersionFiles are the version managers' files Load reads for the Node
// version, in the order it tries them; a caller that copies only some of
// the workspace for Load must copy these.
var NodeVersionFiles = []string{".nvmrc", ".node-version", "mise.toml", ".mise.toml", ".tool-versions"}

// firstLine skips blank and comment lines, as nvm does.
func firstLine(s string) string {
	for _, line := range strings.Split(s, "\n") {
		line, _, _ = strings.Cut(line, "#")
		if line = strings.TrimSpace(line); line != "" {
			return line
		}
	}
	return ""
}

func findEngine(list []devEngine, name string) (devEngine, bool) {
	for _, d := range list {
		if d.Name == name {
			return d, true
		}
	}
	return devEngine{}, false
}

func engineNames(list []devEngine) string {
	names := make([]string, len(list))
	for i, d := range list {
		names[i] = d.Name
	}
	return strings.Join(names, ", ")
}

// nodeNewest is the newest release of a Node major; a major missing from
// the table (SupportedNodeMajors is a variable) counts as very new.
func nodeNewest(m int) *semver.Version {
	if v, ok := newestNode[m]; ok {
		return semver.MustParse(v)
	}
	return semver.New(uint64(m), 999, 0, "", "")
}

func (w *Workspace) root() *Package { return w.byDir["."] }
