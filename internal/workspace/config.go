package workspace

import (
	"bufio"
	"bytes"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"gopkg.in/yaml.v3"
)

// workspaceYAML is the subset of pnpm-workspace.yaml we act on. Everything
// else (settings that only change how pnpm runs) passes through untouched
// because the file itself is copied into the build.
type workspaceYAML struct {
	Packages                []string                     `yaml:"packages"`
	Catalog                 map[string]string            `yaml:"catalog"`
	Catalogs                map[string]map[string]string `yaml:"catalogs"`
	InjectWorkspacePackages bool                         `yaml:"injectWorkspacePackages"`
	PatchedDependencies     map[string]string            `yaml:"patchedDependencies"`
}

// globPattern is one packages entry, normalised, with its source line.
type globPattern struct {
	text   string // as written
	line   int
	negate bool
	glob   string // slash pattern relative to the root, without "!" or "./"
}

const configFix = "fix the YAML syntax of pnpm-workspace.yaml (indentation and quoting are the usual cause)"

// readConfig parses pnpm-workspace.yaml when present. It returns the package
// patterns (nil when the file or its packages field is missing, which pnpm
// treats as "the root is the only project") and patch files named by
// patchedDependencies.
func (w *Workspace) readConfig(fsys *rootFS) ([]globPattern, map[string]string, error) {
	patches := map[string]string{}
	if err := w.readNpmrc(fsys); err != nil {
		return nil, nil, err
	}
	data, ok, rerr := fsys.readFile(workspaceFile)
	if rerr != nil {
		return nil, nil, rerr
	}
	if !ok {
		return nil, patches, nil
	}
	w.hasConfig = true
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, nil, yamlError(workspaceFile, err, configFix)
	}
	if len(doc.Content) == 0 { // an empty file is a valid, empty config
		return nil, patches, nil
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, nil, errorf(workspaceFile, top.Line, "write a mapping such as `packages: [\"packages/*\"]`", "expected a mapping at the top level")
	}
	var cfg workspaceYAML
	if err := top.Decode(&cfg); err != nil {
		return nil, nil, yamlError(workspaceFile, err, "give each field the shape pnpm documents: packages is a list of globs, catalog a map of name to version range")
	}
	if cfg.Catalog != nil && cfg.Catalogs["default"] != nil {
		return nil, nil, errorf(workspaceFile, nodeLine(top, "catalogs", "default"), "keep one of them: pnpm refuses both",
			"the default catalog is defined twice, by catalog and by catalogs.default")
	}
	w.Config = Config{
		Packages:                cfg.Packages,
		Catalog:                 cfg.Catalog,
		Catalogs:                cfg.Catalogs,
		InjectWorkspacePackages: cfg.InjectWorkspacePackages || w.Config.InjectWorkspacePackages,
	}
	w.catalogLines = map[string]int{"default": nodeLine(top, "catalog")}
	for name := range cfg.Catalogs {
		w.catalogLines[name] = nodeLine(top, "catalogs", name)
	}
	if err := checkCatalogs(top, cfg); err != nil {
		return nil, nil, err
	}
	for dep, file := range cfg.PatchedDependencies {
		if err := checkPatch(fsys, workspaceFile, nodeLine(top, "patchedDependencies", dep), file); err != nil {
			return nil, nil, err
		}
		patches[dep] = path.Clean(file)
	}
	if mapValue(top, "packages") == nil {
		return nil, patches, nil
	}
	patterns, err := parsePatterns(top)
	return patterns, patches, err
}

// parsePatterns validates every packages glob. A glob that leaves the root
// (absolute, or through "..") would make pnpm link a directory the build
// context never contains, so it is refused here with its line.
func parsePatterns(top *yaml.Node) ([]globPattern, error) {
	seq := mapValue(top, "packages")
	if len(seq.Content) == 0 {
		return nil, errorf(workspaceFile, seq.Line, `list package globs, e.g. packages: ["packages/*"], or delete the packages field for a single-package project`,
			"packages is empty: the workspace has no packages")
	}
	var out []globPattern
	for _, item := range seq.Content {
		p := globPattern{text: item.Value, line: item.Line}
		g := strings.TrimSpace(item.Value)
		if rest, ok := strings.CutPrefix(g, "!"); ok {
			p.negate, g = true, rest
		}
		if g == "" {
			return nil, errorf(workspaceFile, item.Line, "remove the empty entry", "packages has an empty glob")
		}
		if isAbsolute(g) {
			return nil, errorf(workspaceFile, item.Line, "write globs relative to the workspace root, e.g. packages/*",
				"glob %q is an absolute path; packages must live inside the workspace root", item.Value)
		}
		g = strings.TrimSuffix(strings.TrimPrefix(path.Clean(g), "./"), "/")
		if startsWithDotDot(g) {
			return nil, errorf(workspaceFile, item.Line, "move the package inside the workspace root and point the glob at it",
				"glob %q escapes the workspace root through ..", item.Value)
		}
		if !doublestar.ValidatePattern(g) {
			return nil, errorf(workspaceFile, item.Line, "fix the glob syntax (unbalanced [ or {)", "glob %q is not a valid pattern", item.Value)
		}
		p.glob = g
		out = append(out, p)
	}
	return out, nil
}

var drivePath = regexp.MustCompile(`^[A-Za-z]:[\\/]`)

func isAbsolute(p string) bool {
	return strings.HasPrefix(p, "/") || strings.HasPrefix(p, `\`) || strings.HasPrefix(p, "~") || drivePath.MatchString(p) || filepath.IsAbs(p)
}

// checkCatalogs refuses catalog entries that are not valid specifiers, so a
// typo surfaces here rather than as a resolution failure inside a container.
func checkCatalogs(top *yaml.Node, cfg workspaceYAML) error {
	for _, dep := range sortedKeys(cfg.Catalog) {
		if err := checkSpec(cfg.Catalog[dep]); err != nil {
			return errorf(workspaceFile, nodeLine(top, "catalog", dep), "write a valid semver range such as ^1.2.3",
				"catalog entry %s: %q: %v", dep, cfg.Catalog[dep], err)
		}
	}
	for _, name := range sortedKeys(cfg.Catalogs) {
		for _, dep := range sortedKeys(cfg.Catalogs[name]) {
			if err := checkSpec(cfg.Catalogs[name][dep]); err != nil {
				return errorf(workspaceFile, nodeLine(top, "catalogs", name, dep), "write a valid semver range such as ^1.2.3",
					"catalogs.%s entry %s: %q: %v", name, dep, cfg.Catalogs[name][dep], err)
			}
		}
	}
	return nil
}

// checkPatch makes sure a patch file exists inside the root: pnpm install
// fails without it, and it must be part of the install inputs.
func checkPatch(fsys *rootFS, file string, line int, patch string) error {
	if isAbsolute(patch) || startsWithDotDot(path.Clean(patch)) {
		return errorf(file, line, "keep patch files inside the workspace (pnpm patch-commit writes them to patches/)",
			"patch file %q is outside the workspace root", patch)
	}
	if !fsys.isFile(path.Clean(patch)) {
		return errorf(file, line, "commit the patch file or remove the patchedDependencies entry",
			"patch file %q does not exist", patch)
	}
	return nil
}

// readNpmrc picks the one .npmrc setting that changes the deploy layout.
// pnpm 9 reads settings only from .npmrc; pnpm 10+ also from the YAML.
func (w *Workspace) readNpmrc(fsys *rootFS) error {
	data, ok, err := fsys.readFile(npmrcFile)
	if err != nil {
		return err
	}
	if !ok {
		return nil
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		key, val, found := strings.Cut(sc.Text(), "=")
		if found && strings.TrimSpace(key) == "inject-workspace-packages" {
			w.Config.InjectWorkspacePackages = strings.TrimSpace(val) == "true"
		}
	}
	return nil
}

// mapValue returns the value node of key in a mapping node, or nil.
func mapValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// nodeLine returns the line of the key at the end of a path of mapping keys,
// or of the deepest key found, so errors point as close as they can.
func nodeLine(m *yaml.Node, keys ...string) int {
	line := 0
	for _, k := range keys {
		if m == nil || m.Kind != yaml.MappingNode {
			break
		}
		found := false
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == k {
				line, m, found = m.Content[i].Line, m.Content[i+1], true
				break
			}
		}
		if !found {
			break
		}
	}
	return line
}

// catalogEntry looks a dependency up in the catalog a catalog: specifier
// names ("" and "default" are the default catalog).
func (c Config) catalogEntry(catalog, dep string) (string, bool) {
	if catalog == "" || catalog == "default" {
		if v, ok := c.Catalog[dep]; ok {
			return v, true
		}
		v, ok := c.Catalogs["default"][dep]
		return v, ok
	}
	v, ok := c.Catalogs[catalog][dep]
	return v, ok
}

func (c Config) hasCatalog(name string) bool {
	if name == "" || name == "default" {
		return c.Catalog != nil || c.Catalogs["default"] != nil
	}
	_, ok := c.Catalogs[name]
	return ok
}
