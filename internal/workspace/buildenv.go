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

// envFlag is one way a caller gives environment variables: its name in
// errors, its flag, an example entry, and the names it keeps for itself.
type envFlag struct {
	what, flag, example string
	reserved            func(name string) string // why name is not the caller's, "" when it is
}

var (
	buildEnvFlag = envFlag{"build environment", "--build-env", "VITE_API_URL=https://api.example.com", reservedEnvName}
	runEnvFlag   = envFlag{"smoke-test environment", "--env", "DATABASE_URL=postgres://db:5432/app", reservedRunEnvName}
)

// ParseBuildEnv reads the build environment given as NAME=value entries
// (the constructor's buildEnv) and returns it sorted by name. Why sorted:
// the variables key the build step, and the same set given in another
// order must find the same cached build.
func ParseBuildEnv(entries []string) ([]EnvVar, error) {
	return buildEnvFlag.parse(entries)
}

// ParseRunEnv reads the environment smoke-test runs an app with, as
// ParseBuildEnv does.
func ParseRunEnv(entries []string) ([]EnvVar, error) {
	return runEnvFlag.parse(entries)
}

func (f envFlag) parse(entries []string) ([]EnvVar, error) {
	var vars []EnvVar
	seen := map[string]bool{}
	for _, entry := range entries {
		name, value, ok := strings.Cut(entry, "=")
		if !ok || !envName.MatchString(name) {
			return nil, errorf("", 0, "write it as NAME=value, e.g. "+f.flag+" "+f.example,
				"%s entry %q is not NAME=value with NAME a variable name (letters, digits, _)", f.what, entry)
		}
		if reason := f.reserved(name); reason != "" {
			return nil, errorf("", 0, "remove it from "+f.flag,
				"%s entry %q sets %s, %s", f.what, entry, name, reason)
		}
		if seen[name] {
			return nil, errorf("", 0, "give "+name+" once",
				"%s sets %s twice", f.what, name)
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

// reservedRunEnvName says why the smoke test keeps name for itself, or "":
// PORT is the port it asks (config.port or --port say which), SMOKE_URL
// the address its probe reads.
func reservedRunEnvName(name string) string {
	switch name {
	case "PORT":
		return "which the image sets to the port the test asks; pass --port to change it"
	case "SMOKE_URL":
		return "which the smoke test sets itself"
	}
	return ""
}
