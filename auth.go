package main

import "dagger/pnpm/internal/dagger"

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
