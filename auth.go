package main

import (
	"fmt"
	"regexp"

	"dagger/pnpm/internal/dagger"
)

// userNpmrc is where the --npmrc secret is mounted: the user-level .npmrc
// of root, which every pnpm major reads (pnpm >= 11 as a fallback for its
// own auth file) and in which every major expands ${...} variables.
const userNpmrc = "/root/.npmrc"

// withRegistryAuth exposes the registry credentials to the steps that
// download packages, as secrets: never written to a layer, and gone from
// the steps after the install (see installed).
//
// Why the userconfig variable: since pnpm 10.34.2 and 11.5.3, pnpm no
// longer expands ${NPM_TOKEN} in the credentials of a project .npmrc (the
// file is committed, so a hostile repository could send the token to a
// registry of its choice), nor does pnpm 12 (silently): the request goes out
// without a token and the registry answers 401. pnpm trusts a user-level
// .npmrc, and npm_config_userconfig names it for pnpm 9 to 12; the relative
// ".npmrc" resolves in the directory pnpm runs in, the workspace root of the
// fetch and install steps. So --npm-token means "the workspace's .npmrc says
// where the token goes", and the token itself only ever lives in the
// environment. With --npmrc that file is the user-level one instead, and it
// can hold the ${NPM_TOKEN} reference itself.
func (m *Pnpm) withRegistryAuth(ctr *dagger.Container) *dagger.Container {
	if m.NpmToken != nil {
		ctr = ctr.WithSecretVariable("NPM_TOKEN", m.NpmToken)
		if m.Npmrc == nil {
			ctr = ctr.WithEnvVariable("npm_config_userconfig", ".npmrc")
		}
	}
	if m.Npmrc != nil {
		ctr = ctr.WithMountedSecret(userNpmrc, m.Npmrc)
	}
	return ctr
}

// registryHint is the fix to print under pnpm's output when the download
// failed for want of credentials: pnpm names the URL and the status, the
// module says which of its options carries the token. Empty for any other
// failure.
func registryHint(output string) string {
	const fix = "pass the token with --npm-token and reference it from the workspace's" +
		" .npmrc as //<registry host>/:_authToken=${NPM_TOKEN}, or pass a whole" +
		" user-level .npmrc as a secret with --npmrc"
	// pnpm 9 and 10 drop a whole .npmrc whose ${...} they cannot expand,
	// registry lines included, and then ask the default registry (404).
	if unset := unsetVariable.FindStringSubmatch(output); unset != nil {
		return fmt.Sprintf("\nthe workspace's .npmrc refers to ${%s}, which is not set, so pnpm ignored the file: %s", unset[1], fix)
	}
	refused := refusedLine.FindString(output)
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
