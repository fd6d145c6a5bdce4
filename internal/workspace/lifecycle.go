package workspace

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// deployLifecycle are the app's own scripts that `pnpm deploy --prod`
// runs in the deployed directory, where only dependencies are installed
// (pnpm 10 runs them all; a failing one fails the deploy, after the build).
var deployLifecycle = []string{"preinstall", "install", "postinstall", "prepare"}

// checkDeployed is the *Error for an app that pnpm deploy makes the image
// of: its start script (checkStart, with the extra fixes), then the
// lifecycle scripts the deploy runs.
func (p *Package) checkDeployed(root *Package, extra ...string) *Error {
	if e := p.checkStart(root, extra...); e != nil {
		return e
	}
	return p.checkDeployScripts(root)
}

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

// deferredScripts are the install lifecycle scripts the build step runs
// instead of the install (see below). Not preinstall: it runs before any
// dependency is there, so it reads no installed package, and what it
// usually is, `npx only-allow pnpm`, needs the registry credentials that
// only the install has.
var deferredScripts = []string{"install", "postinstall", "prepare"}

// The install step runs with the lockfile and the package.json files only,
// so a project's own lifecycle script that reads its sources (`prisma
// generate` reading prisma/schema.prisma, `nuxt prepare` reading
// nuxt.config.ts) fails there, or writes what the sources would change.
// The install therefore gets the manifests without those scripts
// (InstallManifest), and the build step runs them once the sources are in
// place (DeferredLifecycle), as an install among the sources would.

// InstallManifest is the package.json the install step gets for p: p's
// own, without its install lifecycle scripts; ok is false when p has none,
// and the file goes in unchanged.
func (p *Package) InstallManifest() (content string, ok bool, err error) {
	if len(p.deferredLifecycle()) == 0 {
		return "", false, nil
	}
	var manifest map[string]any
	dec := json.NewDecoder(bytes.NewReader(p.raw))
	dec.UseNumber()
	if err := dec.Decode(&manifest); err != nil {
		return "", false, jsonError(p.file, p.raw, err)
	}
	scripts, _ := manifest["scripts"].(map[string]any)
	for _, name := range deferredScripts {
		delete(scripts, name)
	}
	out, err := json.MarshalIndent(manifest, "", "  ")
	if err != nil {
		return "", false, err
	}
	return string(out) + "\n", true, nil
}

// deferredLifecycle are the deferred scripts p has, in the order pnpm runs
// them.
func (p *Package) deferredLifecycle() []string {
	var names []string
	for _, name := range deferredScripts {
		if _, ok := p.Scripts[name]; ok {
			names = append(names, name)
		}
	}
	return names
}

// DeferredLifecycle are the install lifecycle scripts that some of pkgs
// has, in the order pnpm runs them: what the build step runs before the
// build, for those packages.
func DeferredLifecycle(pkgs []*Package) []string {
	has := map[string]bool{}
	for _, p := range pkgs {
		for _, name := range p.deferredLifecycle() {
			has[name] = true
		}
	}
	var names []string
	for _, name := range deferredScripts {
		if has[name] {
			names = append(names, name)
		}
	}
	return names
}
