package main

// pnpm deploy copies an app's files as `npm pack` picks them: without a
// "files" field in package.json, everything but what .npmignore, or else
// .gitignore, excludes. An app's .gitignore nearly always lists its build
// output (create-next-app writes /.next/, React Router's template
// /build/), so the deployed app had no build: `next start` found no
// production build and react-router-serve no server file. Before each
// deploy, unignore gives such an app a .npmignore (which pnpm reads
// instead of .gitignore and never copies): its .gitignore, then a negation
// for every top-level entry of the package that the build wrote (created,
// or a directory it wrote into: .next exists before the build, as the
// mount point of Next's cache). Only those entries change: sources and
// anything else .gitignore lists (local databases, logs) stay out as
// before. SvelteKit's .svelte-kit, which the build writes into, stays out
// too: it holds generated types and the build's intermediate output, which
// the adapter copies to its own directory (adapter-node's build/), and no
// server reads it (it was half of a SvelteKit app's image).

// buildMark is touched before the build; what is newer was written by it.
const buildMark = "/tmp/pnpm-module-build-mark"

// unignoreFuncs define package_of <deploy target>, the package directory
// of a target (deployTarget: deployDir, then the package directory or
// _root), and unignore <package dir> (see above), which does nothing for a
// package with a "files" field, with its own .npmignore or without a
// .gitignore.
const unignoreFuncs = `package_of() {
  p=${1#` + deployDir + `/}
  if [ "$p" = _root ]; then echo .; else echo "$p"; fi
}
unignore() {
  [ -f "$1/.gitignore" ] && [ ! -e "$1/.npmignore" ] || return 0
  node -e 'process.exit(require(process.argv[1]).files ? 1 : 0)' "$PWD/$1/package.json" || return 0
  made=$(find "$1" -mindepth 1 -maxdepth 1 -newer ` + buildMark + ` ! -name node_modules ! -name .svelte-kit -exec basename {} \;)
  [ -n "$made" ] || return 0
  { cat "$1/.gitignore"; echo; printf '%s\n' "$made" | sed 's|^|!/|'; } > "$1/.npmignore"
}`

// markBuild is run just before the build.
const markBuild = `touch ` + buildMark
