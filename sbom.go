package main

import (
	"context"

	"dagger/pnpm/internal/dagger"
)

// sbom returns the CycloneDX document of the app's runtime dependencies.
func (m *Pnpm) sbom(ctx context.Context, src *dagger.Directory, app string) (*dagger.File, error) {
	return nil, errorf("sbom: not implemented yet")
}
