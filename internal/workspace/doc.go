// Package workspace is a pure model of a pnpm workspace: it reads
// pnpm-workspace.yaml, package.json files, pnpm-lock.yaml and .nvmrc from a
// directory and turns them into a validated plan. It makes no Dagger calls, so
// its tests run with plain `go test` and no engine.
package workspace
