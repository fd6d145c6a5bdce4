package main

import (
	"context"
	"fmt"
	"strings"

	"dagger/pnpm/internal/dagger"
	"dagger/pnpm/internal/workspace"
)

// nativeSbomMajor is the first pnpm major whose own `pnpm sbom` is used.
// pnpm 11 has the command too, but (checked with 11.28.11) leaves the
// app's workspace dependencies out of `--filter <app> sbom --prod`: common
// would be missing from app1's bill although its image ships it. pnpm 9 and
// 10 have no sbom command. For those the bill is built from the lockfile.
const nativeSbomMajor = 12

// lockfileTool names this module in metadata.tools of the documents it
// writes itself.
const lockfileTool = "dagger pnpm module (pnpm-lock.yaml)"

// A CycloneDX 1.6 JSON software bill of materials (<app>.cdx.json) of the
// app's runtime dependencies: the packages its image ships, workspace
// packages included, no dev dependencies. pnpm >= 12 writes it (`pnpm sbom
// --prod`, with licenses); with older pnpm it is read from pnpm-lock.yaml.
// It has no serial number or timestamp: the same lockfile gives the same file.
// +cache="session"
func (m *Pnpm) Sbom(
	ctx context.Context,
	// Workspace root (the directory holding pnpm-lock.yaml).
	// +defaultPath="/"
	// +ignore=["**/node_modules", "**/dist", "**/.git", "**/.turbo", "**/.next", "**/coverage"]
	src *dagger.Directory,
	// App to describe (package name); optional when the workspace has one app.
	// +optional
	app string,
) (*dagger.File, error) {
	return m.sbom(ctx, src, app)
}

// sbom returns the CycloneDX document of the app's runtime dependencies.
// Either way it is reproducible: no serial number, no timestamp, sorted.
func (m *Pnpm) sbom(ctx context.Context, src *dagger.Directory, app string) (*dagger.File, error) {
	// The manifests are all either way reads: the lockfile and the
	// package.json files.
	ws, err := m.load(ctx, src, false)
	if err != nil {
		return nil, err
	}
	a, err := ws.model.App(app)
	if err != nil {
		return nil, err
	}
	var doc []byte
	if ws.versions.Pnpm.Major >= nativeSbomMajor {
		doc, err = m.pnpmSbom(ctx, ws, a)
	} else {
		doc, err = lockfileSbom(ws.model, a)
	}
	if err != nil {
		return nil, err
	}
	return dag.File(sbomFileName(a.Name), string(doc)), nil
}

// lockfileSbom builds the document in Go from pnpm-lock.yaml.
func lockfileSbom(w *workspace.Workspace, a *workspace.App) ([]byte, error) {
	bill, err := w.Bill(a)
	if err != nil {
		return nil, err
	}
	doc, err := bill.CycloneDX(lockfileTool)
	if err != nil {
		return nil, fmt.Errorf("app %q: writing the SBOM: %w", a.Name, err)
	}
	return doc, nil
}

// pnpmSbom runs pnpm's own sbom, then makes its output reproducible.
func (m *Pnpm) pnpmSbom(ctx context.Context, ws *loaded, a *workspace.App) ([]byte, error) {
	// Every manifest, not the app's closure only: a package.json edit
	// elsewhere re-runs this short step (the packages stay in the store
	// volume), and the document cannot miss a package.
	manifests := ws.files(ws.model.ManifestFiles())
	args := []string{"pnpm"}
	if !ws.model.Single {
		args = append(args, "--filter", a.Name)
	}
	args = append(args, "sbom", "--sbom-format", "cyclonedx", "--sbom-type", "application",
		"--sbom-spec-version", workspace.CycloneDXVersion, "--prod")
	// Why the fetch: pnpm sbom reads licenses and descriptions from the
	// packages in node_modules/.pnpm, which only a fetch in the same
	// directory lays out (the build's install holds the closure only). --prod fetches
	// the runtime packages only; its output goes to stderr, the document
	// is stdout.
	ctr, err := ws.withNpmrc(m.withRegistryAuth(m.base(ws.versions)).WithDirectory(workdir, manifests))
	if err != nil {
		return nil, err
	}
	out, err := ctr.
		WithExec(append([]string{"sh", "-c", `pnpm fetch --prod >&2 && "$@"`, "sh"}, args...)).
		Stdout(ctx)
	if err != nil {
		return nil, fmt.Errorf("app %q: pnpm fetch --prod && %s failed: %w", a.Name, strings.Join(args, " "), withOutput(err))
	}
	doc, err := workspace.NormalizeCycloneDX([]byte(out))
	if err != nil {
		return nil, fmt.Errorf("app %q: pnpm %s's sbom output: %w", a.Name, ws.versions.Pnpm.Spec, err)
	}
	return doc, nil
}

// sbomFileName is "<app>.cdx.json", CycloneDX's recommended extension, with
// a scoped name flattened: @ng/web -> ng-web.cdx.json.
func sbomFileName(app string) string {
	return strings.NewReplacer("@", "", "/", "-").Replace(app) + ".cdx.json"
}
