package workspace

import (
	"fmt"
	"sort"
	"strings"
)

// The image of an app installs its dependencies only (pnpm deploy --prod),
// so a start script whose program only devDependencies provide works on a
// laptop and fails in the container, after a full build. checkStart finds
// that from package.json alone.

// binPackages maps a binary to the packages that provide it, where the
// names differ or several packages do. A binary is also assumed to come
// from the package of its own name (nodemon, tsx, vite, serve, ...).
var binPackages = map[string][]string{
	"tsc": {"typescript"}, "tsserver": {"typescript"},
	"ts-node": {"ts-node"}, "ts-node-esm": {"ts-node"}, "ts-node-script": {"ts-node"}, "ts-node-cwd": {"ts-node"}, "ts-node-transpile-only": {"ts-node"},
	"ts-node-dev": {"ts-node-dev"}, "tsnd": {"ts-node-dev"},
	"babel-node": {"@babel/node"}, "babel": {"@babel/cli"}, "swc": {"@swc/cli"}, "swc-node": {"@swc-node/register"},
	"nest": {"@nestjs/cli"}, "ng": {"@angular/cli"}, "nuxi": {"nuxi", "nuxt"}, "nuxt": {"nuxt", "nuxi"},
	"remix-serve": {"@remix-run/serve"}, "remix": {"@remix-run/dev"}, "svelte-kit": {"@sveltejs/kit"},
	"react-router-serve": {"@react-router/serve"}, "vue-cli-service": {"@vue/cli-service"}, "ember": {"ember-cli"},
	"strapi": {"@strapi/strapi"}, "dotenv": {"dotenv-cli"}, "cross-env-shell": {"cross-env"},
	"pm2-runtime": {"pm2"}, "pm2": {"pm2"}, "sirv": {"sirv-cli"}, "fastify": {"fastify-cli"},
	"run-p": {"npm-run-all", "npm-run-all2"}, "run-s": {"npm-run-all", "npm-run-all2"}, "npm-run-all": {"npm-run-all", "npm-run-all2"},
	"netlify": {"netlify-cli"}, "sls": {"serverless"}, "vite": {"vite", "rolldown-vite"},
}

// runtimeBinaries are in every slim image (or the shell's), whatever the
// package declares. pnpm is not: the images have node and npm, and Node
// 24's and older Corepack, which is not enabled.
var runtimeBinaries = map[string]bool{
	"node": true, "npm": true, "npx": true, "corepack": true, "sh": true, "bash": true,
	"exec": true, "env": true, "true": true, "echo": true, "cd": true, "test": true,
}

// devOnly is a package the start command needs that the image will not
// have: only p's devDependencies provide it, or only the workspace root's
// package.json (fromRoot), whose packages an app's deploy never installs.
type devOnly struct {
	what     string // "runs tsx" or "preloads ts-node/register"
	pkg      string
	spec     string
	fromRoot string // "dependencies" or "devDependencies" of the root package; "" when p's own devDependencies provide it
}

// devOnlyNeed returns the first binary or node preload of c that only p's
// devDependencies, or only root's (dev)dependencies, provide. root is the
// workspace root package, nil when p is the root.
func (p *Package) devOnlyNeed(c command, root *Package) (devOnly, bool) {
	check := func(what string, candidates []string) (devOnly, bool) {
		for _, m := range []map[string]string{p.Dependencies, p.OptionalDependencies, p.PeerDependencies} {
			for _, name := range candidates {
				if _, ok := m[name]; ok {
					return devOnly{}, false
				}
			}
		}
		for _, name := range candidates {
			if spec, ok := p.DevDependencies[name]; ok {
				return devOnly{what: what, pkg: name, spec: spec}, true
			}
		}
		if root == nil {
			return devOnly{}, false
		}
		for _, f := range []struct {
			name string
			deps map[string]string
		}{{"dependencies", root.Dependencies}, {"devDependencies", root.DevDependencies}} {
			for _, name := range candidates {
				if spec, ok := f.deps[name]; ok {
					return devOnly{what: what, pkg: name, spec: spec, fromRoot: f.name}, true
				}
			}
		}
		return devOnly{}, false
	}
	bins := append(append([]string(nil), c.wrappers...), c.program())
	for _, bin := range bins {
		if bin == "" || runtimeBinaries[bin] || strings.ContainsAny(bin, "$`/") {
			continue
		}
		what := "runs " + bin
		candidates := append([]string(nil), binPackages[bin]...)
		if indexOf(candidates, bin) < 0 {
			candidates = append(candidates, bin)
		}
		if d, ok := check(what, candidates); ok {
			if d.pkg != bin {
				d.what += " from " + d.pkg
			}
			return d, true
		}
	}
	if c.program() == "node" {
		for _, spec := range nodePreloads(c.words[1:]) {
			if d, ok := check("preloads "+spec, []string{packageOf(spec)}); ok {
				return d, true
			}
		}
	}
	return devOnly{}, false
}

// nodePreloads are the modules node's -r/--require/--import/--loader load
// before the file.
func nodePreloads(args []string) []string {
	var out []string
	for i := 0; i < len(args) && strings.HasPrefix(args[i], "-"); i++ {
		flag, value, hasValue := strings.Cut(args[i], "=")
		switch flag {
		case "-r", "--require", "--import", "--loader", "--experimental-loader":
			if !hasValue && i+1 < len(args) {
				i++
				value = args[i]
			}
			out = append(out, value)
		default:
			if nodeValueFlags[flag] && !hasValue {
				i++
			}
		}
	}
	return out
}

// packageOf is the package a bare module specifier names: ts-node/register
// -> ts-node, @swc-node/register -> @swc-node/register; "" for a relative,
// absolute or node: specifier.
func packageOf(spec string) string {
	if spec == "" || strings.HasPrefix(spec, ".") || strings.HasPrefix(spec, "/") || strings.Contains(spec, ":") {
		return ""
	}
	parts := strings.Split(spec, "/")
	if strings.HasPrefix(spec, "@") && len(parts) > 1 {
		return parts[0] + "/" + parts[1]
	}
	return parts[0]
}

// checkStart returns the *Error for a start script that the image cannot
// run: it runs pnpm, or needs a package that only devDependencies (p's, or
// the workspace root's) provide. root is the workspace root package, nil
// when p is the root. fixes are extra ways out that depend on the kind of
// package (", or ...").
func (p *Package) checkStart(root *Package, extra ...string) *Error {
	start := p.Scripts["start"]
	c := readCommand(p, start, 0)
	through := ""
	if len(c.via) > 0 {
		last := c.via[len(c.via)-1]
		through = fmt.Sprintf(" (through the %s script %q)", strings.Join(c.via, " -> "), p.Scripts[last])
	}
	line := keyLine(p.raw, "scripts", "start")
	// A package the image lacks comes first: its fixes (node, or the
	// package in dependencies) are the ones that make pnpm unneeded too.
	d, bad := p.devOnlyNeed(c, root)
	if !bad {
		if e := p.npxStart(c, start, through, line, extra); e != nil {
			return e
		}
		return p.pnpmStart(c, start, through, line, extra)
	}
	if d.fromRoot != "" {
		return errorf(p.file, line, orFixes(fmt.Sprintf("add %s to the dependencies in %s", d.pkg, p.file), extra),
			"start script %q%s %s, which only the workspace root's %s provide (%s %s in %s), and the image installs the dependencies of %s only, so the app would not start",
			start, through, d.what, d.fromRoot, d.pkg, d.spec, root.file, p.Dir)
	}
	fix := fmt.Sprintf(`build to JavaScript and start it with node (e.g. "start": "node dist/index.js"), or move %s from devDependencies to dependencies`, d.pkg)
	if name, script := p.nodeStartScript(root); name != "" {
		fix = fmt.Sprintf("use the %s script as the start script (\"start\": %q), or move %s from devDependencies to dependencies", name, script, d.pkg)
	}
	return errorf(p.file, line, orFixes(fix, extra),
		"start script %q%s %s, which only devDependencies provide (%s %s), and the image installs dependencies only, so the app would not start",
		start, through, d.what, d.pkg, d.spec)
}

// nodeStartScript is a script of p that starts the built app with plain
// node and that the image can run ("start:prod": "node dist/main", as the
// NestJS template has it), by name in sorted order, start:prod first; ""
// when none does.
func (p *Package) nodeStartScript(root *Package) (name, script string) {
	var names []string
	for n := range p.Scripts {
		prod := strings.HasPrefix(n, "start:") || n == "prod" || n == "production" || n == "serve"
		if prod && !strings.ContainsAny(n, " ") && !containsAny(n, "dev", "debug", "watch", "test") {
			names = append(names, n)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		if (names[i] == "start:prod") != (names[j] == "start:prod") {
			return names[i] == "start:prod"
		}
		return names[i] < names[j]
	})
	for _, n := range names {
		c := readCommand(p, p.Scripts[n], 0)
		if _, bad := p.devOnlyNeed(c, root); !bad && !c.pnpm && !c.npx && c.program() == "node" && len(c.words) > 1 {
			return n, p.Scripts[n]
		}
	}
	return "", ""
}

// containsAny reports whether s contains one of the words.
func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// pnpmStart is the *Error for a start command c that runs pnpm, or nil.
func (p *Package) pnpmStart(c command, start, through string, line int, extra []string) *Error {
	if !c.pnpm {
		return nil
	}
	fix := "write the command that pnpm runs as the start script"
	// The command pnpm runs replaces the start script only when running
	// pnpm is all the script does, and when it is not pnpm again (a loop).
	if firstWord(start) == "pnpm" && !strings.ContainsAny(start, ";&|<>()`$\n") && c.pnpmRuns != "" && firstWord(c.pnpmRuns) != "pnpm" {
		fix = fmt.Sprintf("write the command that pnpm runs as the start script: \"start\": %q", c.pnpmRuns)
	}
	return errorf(p.file, line, orFixes(fix, extra),
		"start script %q%s runs pnpm, which the image does not have (it runs the start script with sh, node, npm and the app's own binaries), so the app would not start",
		start, through)
}

// npxStart is the *Error for a start command c that npx (or npm exec)
// runs with a program no dependency of p provides, or nil: npx would
// download it from the registry each time the container starts, so the
// image depends on the network and on whatever version is newest then.
func (p *Package) npxStart(c command, start, through string, line int, extra []string) *Error {
	prog := c.program()
	local := strings.Contains(prog, "/") && !strings.HasPrefix(prog, "@") // a path, not a package
	if !c.npx || prog == "" || runtimeBinaries[prog] || local || strings.ContainsAny(prog, "$`") {
		return nil
	}
	name := npxPackage(prog)
	candidates := append([]string{name}, binPackages[name]...)
	add := candidates[len(candidates)-1]
	if len(candidates) > 1 {
		add = candidates[1] // the package binPackages names first
	}
	for _, m := range []map[string]string{p.Dependencies, p.OptionalDependencies, p.PeerDependencies} {
		for _, c := range candidates {
			if _, ok := m[c]; ok {
				return nil
			}
		}
	}
	fix := fmt.Sprintf("add %s to the dependencies in %s (npx then runs the installed one), or drop npx from the start script when a dependency of another name provides %s", add, p.file, name)
	for _, c := range candidates {
		if _, dev := p.DevDependencies[c]; dev {
			fix = fmt.Sprintf("move %s from devDependencies to dependencies in %s (npx then runs the installed one)", c, p.file)
			break
		}
	}
	return errorf(p.file, line, orFixes(fix, extra),
		"start script %q%s runs %s through npx, which no dependency of %s provides, so npx would download it from the registry each time the container starts (and fail without network)",
		start, through, prog, p.Name)
}

// npxPackage is the package name in npx's program word: "serve" for
// "serve@14", "@scope/cli" for "@scope/cli@1.2".
func npxPackage(word string) string {
	if at := strings.LastIndex(word, "@"); at > 0 {
		return word[:at]
	}
	return word
}

// orFixes is fix followed by the extra ways out (", or ...").
func orFixes(fix string, extra []string) string {
	for _, e := range extra {
		fix += ", or " + e
	}
	return fix
}

// firstWord is the first word of shell text, "" when there is none.
func firstWord(script string) string {
	if words, _ := shellWords(script, false); len(words) > 0 {
		return words[0]
	}
	return ""
}
