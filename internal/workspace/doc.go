// Package workspace is a pure model of a pnpm workspace: it reads
// pnpm-workspace.yaml, package.json files, pnpm-lock.yaml and .nvmrc from a
// directory and turns them into a validated plan. It makes no Dagger calls, so
// its tests run with plain `go test` and no engine.
//
// Every bad input becomes an *Error naming the file (and line when known),
// the problem and the fix, before any container runs.
//
// Files, one job each:
//
//	workspace.go  types, Load, ManifestFiles, root-confined file access
//	config.go     pnpm-workspace.yaml: globs, catalogs, settings, patches
//	discover.go   finding package directories the way pnpm's globbing does
//	manifest.go   package.json: fields, names, specifiers, engines
//	specs.go      dependency specifier kinds and semver checks
//	graph.go      workspace edges, topological order, cycles, closures
//	lockfile.go   pnpm-lock.yaml: format versions, importers, staleness
//	apps.go       apps, their closures and exec-form entrypoints
//	sources.go    where Node and pnpm requirements come from
//	versions.go   choosing Node and pnpm from those requirements
//	errors.go     the *Error type and parser-error conversion
package workspace
