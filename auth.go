package main

import "dagger/pnpm/internal/dagger"

// withRegistryAuth exposes the registry credentials to the steps that
// download packages, as secrets: never written to a layer.
func (m *Pnpm) withRegistryAuth(ctr *dagger.Container) *dagger.Container {
	if m.NpmToken != nil {
		ctr = ctr.WithSecretVariable("NPM_TOKEN", m.NpmToken)
	}
	if m.Npmrc != nil {
		ctr = ctr.WithMountedSecret("/root/.npmrc", m.Npmrc)
	}
	return ctr
}

// withoutRegistryAuth drops the credentials before build scripts run.
func (m *Pnpm) withoutRegistryAuth(ctr *dagger.Container) *dagger.Container {
	if m.NpmToken != nil {
		ctr = ctr.WithoutSecretVariable("NPM_TOKEN")
	}
	if m.Npmrc != nil {
		ctr = ctr.WithoutMount("/root/.npmrc")
	}
	return ctr
}
