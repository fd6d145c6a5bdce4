package workspace

import (
	"regexp"
	"slices"
	"strings"
)

// EnvVar is one environment variable given to the build scripts.
type EnvVar struct {
	Name, Value string
}

// envName is what a POSIX shell accepts as a variable name, the only
// names a build script could read back with $NAME.
var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// reservedBuildEnv are the variables the build step sets itself: giving
// them another value would change where pnpm keeps its store, make it
// interactive, or hand the deploy script another app.
var reservedBuildEnv = []string{"PATH", "HOME", "CI", "NODE_COMPILE_CACHE"}

// reservedBuildEnvPrefixes are reserved like reservedBuildEnv, as
// prefixes: pnpm's own settings (which npm and pnpm read in any case) and
// the deploy script's DEPLOY_* variables.
var reservedBuildEnvPrefixes = []string{"npm_config_", "pnpm_config_", "DEPLOY_"}

// ParseBuildEnv reads the build environment given as NAME=value entries
// (the constructor's buildEnv) and returns it sorted by name. Why sorted:
// the variables key the build step, and the same set given in another
// order must find the same cached build.
func ParseBuildEnv(entries []string) ([]EnvVar, error) {
	var vars []EnvVar
	seen := map[string]bool{}
	for _, entry := range entries {
		name, value, ok := strings.Cut(entry, "=")
		if !ok || !envName.MatchString(name) {
			return nil, errorf("", 0, `write it as NAME=value, e.g. --build-env VITE_API_URL=https://api.example.com`,
				"build environment entry %q is not NAME=value with NAME a variable name (letters, digits, _)", entry)
		}
		if reason := reservedEnvName(name); reason != "" {
			return nil, errorf("", 0, "remove it from --build-env",
				"build environment entry %q sets %s, %s", entry, name, reason)
		}
		if seen[name] {
			return nil, errorf("", 0, "give "+name+" once",
				"build environment sets %s twice", name)
		}
		seen[name] = true
		vars = append(vars, EnvVar{name, value})
	}
	slices.SortFunc(vars, func(a, b EnvVar) int { return strings.Compare(a.Name, b.Name) })
	return vars, nil
}

// reservedEnvName says why the build step keeps name for itself, or "".
func reservedEnvName(name string) string {
	if slices.Contains(reservedBuildEnv, name) {
		return "which the build step sets itself"
	}
	for _, prefix := range reservedBuildEnvPrefixes {
		if len(name) >= len(prefix) && strings.EqualFold(name[:len(prefix)], prefix) {
			return "and " + prefix + "* variables are the build step's own (pnpm's settings, the deploy script's inputs)"
		}
	}
	return ""
}
