package workspace

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// packageJSON is the subset of package.json the plan needs. Fields whose
// shape varies in the wild (devEngines, config) stay raw and are decoded by
// hand so that a surprising shape gets a precise error.
type packageJSON struct {
	Name                 string            `json:"name"`
	Version              string            `json:"version"`
	Private              bool              `json:"private"`
	Main                 string            `json:"main"`
	Repository           json.RawMessage   `json:"repository"`
	Scripts              map[string]string `json:"scripts"`
	Dependencies         map[string]string `json:"dependencies"`
	DevDependencies      map[string]string `json:"devDependencies"`
	OptionalDependencies map[string]string `json:"optionalDependencies"`
	PeerDependencies     map[string]string `json:"peerDependencies"`
	Engines              map[string]string `json:"engines"`
	PackageManager       string            `json:"packageManager"`
	DevEngines           struct {
		Runtime        json.RawMessage `json:"runtime"`
		PackageManager json.RawMessage `json:"packageManager"`
	} `json:"devEngines"`
	Config map[string]json.RawMessage `json:"config"`
	Pnpm   struct {
		PatchedDependencies map[string]string `json:"patchedDependencies"`
	} `json:"pnpm"`
}

// engines holds the version requirements a package.json declares; only the
// root's are used to pick Node and pnpm (see versions.go), but every
// package's are checked for malformed semver.
type engines struct {
	node, pnpm     string // engines.node, engines.pnpm ("" when absent)
	packageManager string // as written
	runtime, pm    []devEngine
}

// devEngine is one devEngines.runtime / devEngines.packageManager entry.
type devEngine struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	OnFail  string `json:"onFail"`
}

// depFields names the dependency maps in the order pnpm documents them.
var depFields = []string{"dependencies", "devDependencies", "optionalDependencies", "peerDependencies"}

func (p *Package) deps(field string) map[string]string {
	switch field {
	case "dependencies":
		return p.Dependencies
	case "devDependencies":
		return p.DevDependencies
	case "optionalDependencies":
		return p.OptionalDependencies
	default:
		return p.PeerDependencies
	}
}

// readPackages reads every package.json and checks the parts that can be
// judged one file at a time; cross-package checks live in graph.go. Files
// are read in parallel (a large workspace on a slow mount is dominated by
// I/O), and errors are reported in directory order so they are stable.
func (w *Workspace) readPackages(fsys *rootFS, dirs []string) error {
	pkgs := make([]*Package, len(dirs))
	errs := make([]error, len(dirs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(len(dirs), 16) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				pkgs[i], errs[i] = readPackage(fsys, dirs[i])
			}
		}()
	}
	for i := range dirs {
		next <- i
	}
	close(next)
	wg.Wait()

	w.byName = make(map[string]*Package, len(dirs))
	w.byDir = make(map[string]*Package, len(dirs))
	for i, p := range pkgs {
		if errs[i] != nil {
			return errs[i]
		}
		if p.Name != "" {
			if other, dup := w.byName[p.Name]; dup {
				return errorf(p.file, keyLine(p.raw, "name"), "rename one of them: package names must be unique in a workspace",
					"duplicate package name %q, also used by %s", p.Name, other.file)
			}
			w.byName[p.Name] = p
		}
		w.byDir[p.Dir] = p
		w.Packages = append(w.Packages, p)
	}
	return nil
}

func readPackage(fsys *rootFS, dir string) (*Package, error) {
	file := join(dir, manifestFile)
	data, ok, rerr := fsys.readFile(file)
	if rerr != nil {
		return nil, rerr
	}
	if !ok {
		fix := "add a package.json (pnpm needs one in every workspace package)"
		if dir == "." {
			fix = `add a root package.json, e.g. {"name": "my-workspace", "private": true}`
		}
		return nil, errorf(file, 0, fix, "missing package.json")
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // npm tolerates a BOM
	var pj packageJSON
	if err := json.Unmarshal(data, &pj); err != nil {
		return nil, jsonError(file, data, err)
	}
	p := &Package{
		Name: pj.Name, Version: pj.Version, Dir: dir, Private: pj.Private, Main: pj.Main,
		Repository:           repositoryURL(pj.Repository),
		Scripts:              orEmpty(pj.Scripts),
		Dependencies:         orEmpty(pj.Dependencies),
		DevDependencies:      orEmpty(pj.DevDependencies),
		OptionalDependencies: orEmpty(pj.OptionalDependencies),
		PeerDependencies:     orEmpty(pj.PeerDependencies),
		file:                 file,
		raw:                  data,
		patches:              map[string]string{},
	}
	if err := p.checkIdentity(); err != nil {
		return nil, err
	}
	if err := p.checkSpecs(); err != nil {
		return nil, err
	}
	var err error
	if p.Port, err = p.parsePort(pj.Config["port"]); err != nil {
		return nil, err
	}
	if p.engine, err = p.parseEngines(&pj); err != nil {
		return nil, err
	}
	p.front = detectFrontend(fsys, p)
	if dir == "." {
		for dep, patch := range pj.Pnpm.PatchedDependencies {
			if err := checkPatch(fsys, file, keyLine(data, "patchedDependencies", dep), patch); err != nil {
				return nil, err
			}
			p.patches[dep] = patch
		}
	}
	return p, nil
}

func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// checkIdentity validates name and version: pnpm links workspace packages by
// name and matches workspace: ranges against the version.
func (p *Package) checkIdentity() error {
	if p.Name != "" && (!validName.MatchString(p.Name) || len(p.Name) > 214) {
		return errorf(p.file, keyLine(p.raw, "name"), "use a valid npm package name: lowercase letters, digits, - . _ ~, optionally @scope/name",
			"package name %q is not a valid npm name", p.Name)
	}
	if p.Version != "" {
		if _, err := parseVersion(p.Version); err != nil {
			return errorf(p.file, keyLine(p.raw, "version"), "use a full semver version such as 1.0.0",
				"version %q is not valid semver", p.Version)
		}
	}
	return nil
}

// checkSpecs validates the semver of every dependency specifier, so a typo
// fails here with its line instead of deep inside pnpm install.
func (p *Package) checkSpecs() error {
	for _, field := range depFields {
		deps := p.deps(field)
		for _, dep := range sortedKeys(deps) {
			if err := checkSpec(deps[dep]); err != nil {
				return errorf(p.file, keyLine(p.raw, field, dep), "write a valid semver range such as ^1.2.3 (or a dist-tag such as latest)",
					"%s.%s: %q is %v", field, dep, deps[dep], err)
			}
		}
	}
	return nil
}

// parsePort reads config.port, which npm exposes to scripts as
// npm_package_config_port; a number or a numeric string are both common.
func (p *Package) parsePort(raw json.RawMessage) (int, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return 0, nil
	}
	text := strings.Trim(string(raw), `"`)
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || n < 1 || n > 65535 {
		return 0, errorf(p.file, keyLine(p.raw, "config", "port"), "set config.port to a TCP port between 1 and 65535, e.g. 8000",
			"config.port %s is not a valid port", string(raw))
	}
	return n, nil
}

// parseEngines reads and validates engines, packageManager and devEngines.
// packageManager and devEngines are only meaningful at the root (pnpm and
// Corepack ignore them elsewhere), but a malformed value is reported
// wherever it is.
func (p *Package) parseEngines(pj *packageJSON) (engines, error) {
	e := engines{node: pj.Engines["node"], pnpm: pj.Engines["pnpm"], packageManager: pj.PackageManager}
	for _, k := range []string{"node", "pnpm"} {
		if v, ok := pj.Engines[k]; ok {
			if _, err := parseRange(v); err != nil {
				return e, errorf(p.file, keyLine(p.raw, "engines", k), "write a semver range such as >=20",
					"engines.%s %q is not a valid semver range", k, v)
			}
		}
	}
	var err error
	if e.runtime, err = p.parseDevEngine("runtime", pj.DevEngines.Runtime); err != nil {
		return e, err
	}
	if e.pm, err = p.parseDevEngine("packageManager", pj.DevEngines.PackageManager); err != nil {
		return e, err
	}
	p.engine = e // packageManager() reads it
	if pj.PackageManager != "" {
		if _, _, err := p.packageManager(); err != nil {
			return e, err
		}
	}
	return e, nil
}

// parseDevEngine accepts both shapes the devEngines spec allows: one object
// or an array of alternatives.
func (p *Package) parseDevEngine(field string, raw json.RawMessage) ([]devEngine, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var list []devEngine
	var err error
	if raw[0] == '[' {
		err = json.Unmarshal(raw, &list)
	} else {
		var one devEngine
		err = json.Unmarshal(raw, &one)
		list = []devEngine{one}
	}
	line := keyLine(p.raw, "devEngines", field)
	if err != nil {
		return nil, errorf(p.file, line, `write {"name": "...", "version": "..."} or an array of them`,
			"devEngines.%s has an unexpected shape: %v", field, err)
	}
	for _, d := range list {
		if d.Name == "" {
			return nil, errorf(p.file, line, `add "name", e.g. {"name": "node", "version": ">=22"}`, "devEngines.%s entry has no name", field)
		}
		if d.Version != "" {
			if _, err := parseRange(d.Version); err != nil {
				return nil, errorf(p.file, line, "write a semver range such as >=22 or ^10.12.0",
					"devEngines.%s %s version %q is not a valid semver range", field, d.Name, d.Version)
			}
		}
	}
	return list, nil
}

// packageManager parses "pnpm@10.12.1+sha512.<hash>" as Corepack defines it,
// returning the version (hash dropped) and the text as written.
func (p *Package) packageManager() (version, written string, err error) {
	written = p.engine.packageManager
	line := keyLine(p.raw, "packageManager")
	name, ver, found := strings.Cut(written, "@")
	if name != "pnpm" {
		return "", written, errorf(p.file, line, `set "packageManager": "pnpm@<version>" (or remove it): this module builds pnpm workspaces`,
			"packageManager %q is not pnpm", written)
	}
	ver, _, _ = strings.Cut(ver, "+")
	if !found || ver == "" {
		return "", written, errorf(p.file, line, `pin a version, e.g. "pnpm@10.12.1"`, "packageManager %q has no version", written)
	}
	if _, err := parseRange(ver); err != nil || !looksLikeRange(ver) {
		return "", written, errorf(p.file, line, `pin a semver version, e.g. "pnpm@10.12.1"`,
			"packageManager %q: %q is not a valid semver version", written, ver)
	}
	return ver, written, nil
}

// describe renders a source for version messages: `packages/app/package.json engines.node ">=20"`.
func (p *Package) describe(field, value string) string {
	return fmt.Sprintf("%s %s %q", p.file, field, value)
}

// repositoryURL reads package.json's repository, which npm allows as a
// string ("github:owner/repo", a URL) or as {"type": "git", "url": "..."}.
// It only labels images, so a shape it does not know yields "".
func repositoryURL(raw json.RawMessage) string {
	var url string
	if json.Unmarshal(raw, &url) == nil {
		return url
	}
	var obj struct {
		URL string `json:"url"`
	}
	if json.Unmarshal(raw, &obj) == nil {
		return obj.URL
	}
	return ""
}
