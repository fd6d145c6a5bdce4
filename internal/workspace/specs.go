package workspace

import (
	"errors"
	"regexp"
	"strings"

	"github.com/Masterminds/semver/v3"
)

// specKind classifies a dependency specifier the way pnpm does before it
// resolves anything: only some kinds point into the workspace.
type specKind int

const (
	specOther     specKind = iota // dist-tag, git, URL, tarball: resolved by pnpm, opaque to us
	specRange                     // a semver range: a workspace package of that name is linked when its version matches
	specWorkspace                 // workspace:<range> | workspace:<alias>@<range> | workspace:<path>
	specCatalog                   // catalog: | catalog:<name>
	specAlias                     // npm:<name>@<range>: always from the registry
	specPath                      // link:<path> | file:<path>
)

type depSpec struct {
	kind    specKind
	target  string // the package the spec points at when it is an alias ("" = the dependency name)
	rng     string // the range part, "" when there is none
	catalog string // catalog name for specCatalog
	path    string // relative path for specPath and workspace:<path>
}

// parseSpec splits a specifier without validating it.
func parseSpec(spec string) depSpec {
	s := strings.TrimSpace(spec)
	switch {
	case strings.HasPrefix(s, "workspace:"):
		r := strings.TrimPrefix(s, "workspace:")
		if strings.HasPrefix(r, ".") || strings.HasPrefix(r, "/") {
			return depSpec{kind: specWorkspace, path: r}
		}
		if at := strings.LastIndex(r, "@"); at > 0 {
			return depSpec{kind: specWorkspace, target: r[:at], rng: r[at+1:]}
		}
		return depSpec{kind: specWorkspace, rng: r}
	case strings.HasPrefix(s, "catalog:"):
		return depSpec{kind: specCatalog, catalog: strings.TrimSpace(strings.TrimPrefix(s, "catalog:"))}
	case strings.HasPrefix(s, "npm:"):
		r := strings.TrimPrefix(s, "npm:")
		if at := strings.LastIndex(r, "@"); at > 0 {
			return depSpec{kind: specAlias, target: r[:at], rng: r[at+1:]}
		}
		return depSpec{kind: specAlias, target: r}
	case strings.HasPrefix(s, "link:"):
		return depSpec{kind: specPath, path: strings.TrimPrefix(s, "link:")}
	case strings.HasPrefix(s, "file:"):
		return depSpec{kind: specPath, path: strings.TrimPrefix(s, "file:")}
	case looksLikeRange(s):
		return depSpec{kind: specRange, rng: s}
	}
	return depSpec{kind: specOther}
}

// rangeStart matches what can only be the start of a semver range. Tags
// ("latest"), git shorthands ("user/repo") and URLs never start this way, so
// anything matching it must parse as semver or it is a typo.
var rangeStart = regexp.MustCompile(`^(?:[0-9^~<>=*]|[vV][0-9]|[xX](?:$|[.\s]))`)

func looksLikeRange(s string) bool { return rangeStart.MatchString(s) }

var errBadRange = errors.New("not a valid semver range")

// parseRange parses an npm-style range. An empty range means any version,
// as npm reads it.
func parseRange(s string) (*semver.Constraints, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		s = "*"
	}
	c, err := semver.NewConstraint(s)
	if err != nil {
		return nil, errBadRange
	}
	return c, nil
}

// checkSpec validates the semver inside a specifier, whatever its kind.
func checkSpec(spec string) error {
	d := parseSpec(spec)
	switch d.kind {
	case specRange:
		_, err := parseRange(d.rng)
		return err
	case specAlias:
		if looksLikeRange(d.rng) {
			_, err := parseRange(d.rng)
			return err
		}
	case specWorkspace:
		if d.path == "" && !isWorkspaceShorthand(d.rng) {
			_, err := parseRange(d.rng)
			return err
		}
	}
	return nil
}

// isWorkspaceShorthand: workspace:*, workspace:^ and workspace:~ accept the
// workspace package whatever its version.
func isWorkspaceShorthand(r string) bool {
	return r == "" || r == "*" || r == "^" || r == "~"
}

// parseVersion parses a package.json "version", which npm requires to be a
// full semver version (a leading "v" or "=" is tolerated, as npm does).
func parseVersion(s string) (*semver.Version, error) {
	s = strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(s), "="), "v")
	return semver.StrictNewVersion(s)
}

// validName follows npm's rules for package names, which pnpm enforces:
// lowercase (legacy caps are tolerated), URL-safe, optionally @scope/name.
var validName = regexp.MustCompile(`^(?:@[a-zA-Z0-9][a-zA-Z0-9._~-]*/)?[a-zA-Z0-9~-][a-zA-Z0-9._~-]*$`)
