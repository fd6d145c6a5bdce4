package workspace

import (
	"regexp"
	"strings"
)

// RootOnlyWorkspace is pnpm-workspace.yaml (settings, possibly empty) with
// the root as its one package, unless it already lists packages.
func RootOnlyWorkspace(settings string) string {
	if packagesKey.MatchString(settings) {
		return settings
	}
	if settings != "" && !strings.HasSuffix(settings, "\n") {
		settings += "\n"
	}
	return settings + "packages:\n  - '.'\n"
}

// packagesKey finds a top-level packages key in pnpm-workspace.yaml.
var packagesKey = regexp.MustCompile(`(?m)^packages\s*:`)
