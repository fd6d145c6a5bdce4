package kinds

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"dagger/pnpm/internal/workspace"
)

// ReportPrefix starts each line of the build step's own failure reports:
// <prefix><code>:<app index>:<detail>.
const ReportPrefix = "pnpm-module:"

// The codes of the build step's reports.
const (
	// CodeStart: the file `node <file>` runs is not in the deployed app;
	// details: the deployed directory's top level (`ls -Ap`).
	CodeStart = "start"
	// CodeLinks: links of the standalone output dangle or leave it;
	// details: "<link> -> <target>".
	CodeLinks = "links"
	// CodeNoOutput: the build wrote no standalone output or static
	// directory; details: what the directory above holds.
	CodeNoOutput = "no-output"
)

// Report is one failure the build step explains itself.
type Report struct {
	Code    string
	App     int // index of the app in its batch
	Details []string
}

// Parse finds the build step's report in its output.
func Parse(output string) (Report, bool) {
	r, found := Report{App: -1}, false
	for _, line := range strings.Split(output, "\n") {
		rest, ok := strings.CutPrefix(strings.TrimRight(line, "\r"), ReportPrefix)
		if !ok {
			continue
		}
		parts := strings.SplitN(rest, ":", 3)
		if len(parts) != 3 {
			continue
		}
		n, err := strconv.Atoi(parts[1])
		if err != nil {
			continue
		}
		r.Code, r.App, found = parts[0], n, true
		if parts[2] != "" {
			r.Details = append(r.Details, parts[2])
		}
	}
	return r, found
}

// Error is the report as an error about app a that names what is missing
// and the fix; nil for a code it does not know.
func (r Report) Error(a *workspace.App) error {
	holds := strings.Join(r.Details, ", ")
	if holds == "" {
		holds = "nothing"
	}
	switch r.Code {
	case CodeStart:
		return startMissing(a, holds)
	case CodeLinks:
		if a.Kind == workspace.KindNuxt {
			return fmt.Errorf("app %q: symbolic links in Nitro's output %s dangle or point out of it, so they would be broken in the image (%d): %s; fix: make sure the packages they point to are dependencies of %s (Nitro traces only those)",
				a.Name, path.Join(a.Dir, workspace.NuxtOutput), len(r.Details), strings.Join(r.Details, "; "), a.Name)
		}
		return fmt.Errorf("app %q: symbolic links in Next's standalone output %s dangle or point out of it, so they would be broken in the image (%d): %s; fix: make sure the packages they point to are dependencies of %s (Next traces only those), and do not set outputFileTracingRoot outside the workspace",
			a.Name, a.NextStandaloneDir(), len(r.Details), strings.Join(r.Details, "; "), a.Name)
	case CodeNoOutput:
		if a.Kind == workspace.KindNuxt {
			return fmt.Errorf("app %q: nuxt build wrote no %s, the server the image runs; %s holds: %s; fix: check that the build script runs nuxt build for a node server (no Nitro preset for another platform)",
				a.Name, path.Join(a.Dir, workspace.NuxtServer), path.Join(a.Dir, workspace.NuxtOutput), holds)
		}
		if a.Kind == workspace.KindStatic {
			return fmt.Errorf("app %q: the build wrote no %s, the directory the image serves; %s holds: %s; fix: pass --static-dir with the directory the build writes, relative to %s",
				a.Name, a.StaticPath(), a.Dir, holds, a.Dir)
		}
		return fmt.Errorf("app %q: next build wrote no %s although %s sets output: 'standalone'; %s holds: %s; fix: check that the build script runs next build",
			a.Name, a.NextStandaloneDir(), a.NextConfig, path.Join(a.Dir, a.NextDistDir), holds)
	}
	return nil
}

// startMissing is the error for a start file the deploy left out.
func startMissing(a *workspace.App, holds string) error {
	file := StartFile(a)
	if a.NextStandalone {
		return fmt.Errorf("app %q: the image runs `node %s`, but Next's standalone output %s has no %s; it holds: %s; the usual cause: outputFileTracingRoot set to another directory than the workspace root (the directory of pnpm-lock.yaml), which moves server.js",
			a.Name, file, a.NextStandaloneDir(), file, holds)
	}
	if a.ServerFramework != "" {
		return fmt.Errorf("app %q: the image runs `node %s`, the server %s's build writes, but the deployed app (%s) has no %s; its top level holds: %s; %s",
			a.Name, file, a.ServerFramework, a.Dir, file, holds, a.ServerMissing)
	}
	return fmt.Errorf("app %q: the start script %q runs %s, but the deployed app (%s, as pnpm deploy copies it) has no %s; its top level holds: %s; the usual cause: a \"files\" field in %s, or a build that writes to another directory, left it out; fix: make the build write %s and list it in \"files\", or change the start script",
		a.Name, a.Scripts["start"], file, a.Dir, file, holds, path.Join(a.Dir, "package.json"), file)
}
