// Package hints reads a failed command's output for causes the module can
// name a fix for. Pure functions: no Dagger calls, plain go test.
package hints

import (
	"fmt"
	"regexp"
	"strings"
)

// Registry is the fix to print under pnpm's output when the download
// failed for want of credentials: pnpm names the URL and the status, the
// module says which of its options carries the token. Empty for any other
// failure.
func Registry(output string) string {
	const fix = "pass the token with --npm-token and reference it from the workspace's" +
		" .npmrc as //<registry host>/:_authToken=${NPM_TOKEN}, or pass a whole" +
		" user-level .npmrc as a secret with --npmrc"
	// pnpm 9 and 10 drop a whole .npmrc whose ${...} they cannot expand,
	// registry lines included, and then ask the default registry (404).
	if unset := unsetVariable.FindStringSubmatch(output); unset != nil {
		return fmt.Sprintf("\nthe workspace's .npmrc refers to ${%s}, which is not set, so pnpm ignored the file: %s", unset[1], fix)
	}
	refused := ""
	for _, line := range refusedLine.FindAllString(output, -1) {
		// Why also a URL or pnpm's fetch error: a build's own output
		// (a page named 403.vue, a status table) holds such words too.
		if registryURL.MatchString(line) || strings.Contains(line, "ERR_PNPM_FETCH_") {
			refused = line
			break
		}
	}
	if refused == "" {
		return ""
	}
	registry := "the registry"
	if url := registryURL.FindString(refused); url != "" {
		registry = url
	}
	return "\n" + registry + " refused the download: " + fix
}

var (
	unsetVariable = regexp.MustCompile(`Failed to replace env in config: \$\{([^}]+)\}`)
	refusedLine   = regexp.MustCompile(`(?m)^.*(\b40[13]\b|Unauthorized|Forbidden).*$`)
	registryURL   = regexp.MustCompile(`https?://[^/\s"']+/`)
)
