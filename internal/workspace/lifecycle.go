package workspace

import (
	"fmt"
	"strings"
)

// deployLifecycle are the app's own scripts that `pnpm deploy --prod`
// runs in the deployed directory, where only dependencies are installed
// (pnpm 10 runs them all; a failing one fails the deploy, after the build).
var deployLifecycle = []string{"preinstall", "install", "postinstall", "prepare"}

// checkDeployScripts is the *Error for the first of p's deploy lifecycle
// scripts whose program only devDependencies (or only the workspace root's
// package.json) provide, or nil. A script that tolerates failure (`||`)
// is left alone: `is-ci || husky install` is written to be skipped.
func (p *Package) checkDeployScripts(root *Package) *Error {
	for _, name := range deployLifecycle {
		script, ok := p.Scripts[name]
		if !ok || strings.Contains(script, "||") {
			continue
		}
		d, bad := p.devOnlyNeed(readCommand(p, script, 0), root)
		if !bad {
			continue
		}
		from := fmt.Sprintf("only devDependencies provide (%s %s)", d.pkg, d.spec)
		if d.fromRoot != "" {
			from = fmt.Sprintf("only the workspace root's %s provide (%s %s in %s)", d.fromRoot, d.pkg, d.spec, root.file)
		}
		return errorf(p.file, keyLine(p.raw, "scripts", name),
			fmt.Sprintf("add %s to the dependencies in %s, or remove the %s script from it", d.pkg, p.file, name),
			"%s script %q %s, which %s, and pnpm deploy --prod runs it among the image's files, where only dependencies are installed, so the deploy would fail after the build",
			name, script, d.what, from)
	}
	return nil
}
