// Package kinds is what the module's stages decide from an app's kind
// (node, next, nuxt, static) without a container: how the build step makes the
// image's files, which file the image runs, what the build step's failure
// reports mean, and the Caddyfile of a static site.
package kinds

import (
	"path"

	"dagger/pnpm/internal/workspace"
)

// How the build step turns an app's build into its image's files.
const (
	// Deploy is `pnpm deploy --prod`: node apps, and Next.js without
	// standalone.
	Deploy = "deploy"
	// Standalone is <app>/<distDir>/standalone with the static files and
	// public/.
	Standalone = "standalone"
	// Site is the static directory, served by Caddy.
	Site = "static"
	// Nitro is a Nuxt app's .output, which holds its server and the
	// dependencies Nitro traced.
	Nitro = "nitro"
)

// Assembly is how the build step makes app a's image files.
func Assembly(a *workspace.App) string {
	switch {
	case a.Kind == workspace.KindStatic:
		return Site
	case a.Kind == workspace.KindNext && a.NextStandalone:
		return Standalone
	case a.Kind == workspace.KindNuxt:
		return Nitro
	}
	return Deploy
}

// StartFile is the file the image's `node <file>` runs, relative to the
// deployed directory; "" when the image runs something else.
func StartFile(a *workspace.App) string {
	if len(a.Entrypoint) < 2 || a.Entrypoint[0] != "node" {
		return ""
	}
	return a.Entrypoint[len(a.Entrypoint)-1]
}

// RunCache is where a Next.js server keeps its cache (image optimisation,
// fetch cache), relative to the deployed directory: the one directory the
// node user may write. "" for other apps.
func RunCache(a *workspace.App) string {
	switch {
	case a.Kind != workspace.KindNext:
		return ""
	case a.NextStandalone:
		return path.Join(a.Dir, a.NextDistDir, "cache")
	}
	return path.Join(a.NextDistDir, "cache")
}
