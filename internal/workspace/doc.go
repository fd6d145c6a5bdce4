// Package workspace is a pure model of a pnpm workspace: it reads
// pnpm-workspace.yaml, package.json files, pnpm-lock.yaml and .nvmrc (and,
// to tell an app's kind, the files AnalysisPatterns names) from a
// directory and turns them into a validated plan. It makes no Dagger
// calls, so its tests run with plain `go test` and no engine.
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
//	apps.go       App, Apps, App(name), AppWith(name, AppOptions)
//	appkind.go    which packages are apps, of which Kind; ports and hints
//	kinds.go      Kind; reading next/vite/astro configuration and index.html
//	jsconfig.go   literal properties of JavaScript config files, never run
//	command.go    what a script runs: wrappers looked through, its port
//	startcheck.go start scripts whose program only devDependencies provide
//	lifecycle.go  install lifecycle scripts: deploy's check, the install's manifests
//	nuxt.go       Nuxt apps: nuxt build (Nitro's .output) and nuxt generate
//	sveltekit.go  SvelteKit apps: the adapter named in svelte.config.js or vite.config.*
//	astro.go      Astro with @astrojs/node standalone: its built server
//	adapters.go   framework servers a build writes; adapter imports and options
//	basepath.go   static sites built for a base path, served under it
//	layout.go     the sources of a build: whole directories and single files
//	tsextends.go  tsconfig files outside the closure that a taken one extends
//	buildenv.go   the caller's build environment, NAME=value
//	toolversions.go Node from asdf's .tool-versions and mise.toml
//	entrypoint.go exec-form entrypoints for `node <file>` start scripts
//	sources.go    where Node and pnpm requirements come from
//	versions.go   choosing Node and pnpm from those requirements
//	errors.go     the *Error type and parser-error conversion
package workspace
