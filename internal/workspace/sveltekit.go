package workspace

import (
	"fmt"
	"regexp"
)

// A SvelteKit app is what its adapter builds, and the adapter is named in
// the configuration: svelte.config.js under SvelteKit 2, the sveltekit()
// plugin's options in vite.config.* under SvelteKit 3 (2.62 already reads
// both). @sveltejs/adapter-node writes a node server (`node build` runs
// it; it reads PORT, default 3000) that imports only the dependencies, so
// the image is pnpm deploy's as for any node app; @sveltejs/adapter-static
// writes a static site, with a fallback page for the paths it did not
// prerender; adapter-auto, the template's default, finds no platform in a
// container and writes nothing to run.

const (
	svelteAdapterNode   = "@sveltejs/adapter-node"
	svelteAdapterStatic = "@sveltejs/adapter-static"
	svelteAdapterAuto   = "@sveltejs/adapter-auto"
	// svelteNodePort is adapter-node's port when PORT is unset.
	svelteNodePort = 3000
)

// svelteConfigs are SvelteKit 2's configuration files; SvelteKit 3 refuses
// them and reads vite.config.* only.
var svelteConfigs = []string{"svelte.config.js", "svelte.config.mjs", "svelte.config.ts"}

// svelteAdapterModule matches the module names adapters are published
// under: @sveltejs/adapter-node, svelte-adapter-bun, sveltekit-adapter-deno.
var svelteAdapterModule = regexp.MustCompile(`^(@[\w.-]+/)?((svelte|sveltekit)-)?adapter-[\w.-]+$`)

type svelteKitInfo struct {
	config  string // workspace-relative file that names the adapter, or the first one read
	adapter string // the adapter's module, "" when none is named
	// server is adapter-node's output directory, relative to the package:
	// the image runs `node <server>`. "" for other adapters.
	server string
	// notApp says why the build makes nothing an image can run, and fix
	// what to change in config.
	notApp, fix string
}

// detectSvelteKit finds the adapter and what it writes.
func detectSvelteKit(fsys *rootFS, p *Package, f *frontend) {
	sk := &svelteKitInfo{}
	f.svelteKit = sk
	var call []jsToken
	for _, name := range append(append([]string{}, svelteConfigs...), viteConfigs...) {
		file := join(p.Dir, name)
		data, ok, err := fsys.readFile(file)
		if !ok || err != nil {
			continue
		}
		if sk.config == "" {
			sk.config = file
		}
		toks := jsTokens(string(data))
		if local, module := adapterImport(toks); module != "" {
			sk.config, sk.adapter, call = file, module, callArgs(toks, local)
			break
		}
	}
	props := jsCallProps(call)
	option := func(key, fallback string) string {
		v, ok := jsFind(props, key)
		if !ok {
			return fallback
		}
		if !v.literal {
			f.hints = append(f.hints, fmt.Sprintf("%s:%d sets the adapter's %s to an expression: %q is assumed", sk.config, v.line, key, fallback))
			return fallback
		}
		return v.value
	}
	sk.fix = fmt.Sprintf("use %s (a node server: the image runs node build) or %s (a static site) there", svelteAdapterNode, svelteAdapterStatic)
	switch sk.adapter {
	case svelteAdapterNode:
		dir, inside := insidePackage(option("out", "build"))
		if !inside {
			sk.notApp = fmt.Sprintf("%s writes the server to %q, outside the package", sk.config, dir)
			sk.fix = "set the adapter's out to a directory inside the package, such as build"
			return
		}
		sk.server = dir
		if prefix := option("envPrefix", ""); prefix != "" {
			f.hints = append(f.hints, fmt.Sprintf("%s sets envPrefix %q: the server reads %sPORT, not the PORT the image sets, and listens on %d unless %sPORT is set", sk.config, prefix, prefix, svelteNodePort, prefix))
		}
	case svelteAdapterStatic:
		f.bundler, f.staticDir = BundlerSvelteKit, option("pages", "build")
		if assets := option("assets", f.staticDir); assets != f.staticDir {
			f.notStatic = fmt.Sprintf("%s writes its assets to %q and its pages to %q, and an image serves one directory", sk.config, assets, f.staticDir)
		}
		if page := option("fallback", ""); page != "" {
			if clean, ok := insidePackage(page); ok {
				f.fallback = clean
			} else {
				f.notStatic = fmt.Sprintf("%s sets the fallback page %q outside the site", sk.config, page)
			}
		}
	case "":
		if sk.config == "" {
			sk.notApp = "it uses SvelteKit, but has no vite.config.* or svelte.config.js naming an adapter"
			sk.fix = fmt.Sprintf("add %s: export default { plugins: [sveltekit({ adapter: adapter() })] }, with adapter imported from %s (a node server) or %s (a static site)",
				join(p.Dir, "vite.config.js"), svelteAdapterNode, svelteAdapterStatic)
			return
		}
		sk.notApp = fmt.Sprintf("it uses SvelteKit, but %s names no adapter", sk.config)
	case svelteAdapterAuto:
		sk.notApp = fmt.Sprintf("%s uses %s, which finds no platform in a container and writes nothing to run", sk.config, svelteAdapterAuto)
	default:
		sk.notApp = fmt.Sprintf("%s uses %s, which builds for another platform than a container", sk.config, sk.adapter)
	}
}

// svelteKitDev reports whether c runs Vite's development or preview
// server, which is how SvelteKit apps are started before an adapter's build.
func svelteKitDev(c command) bool {
	return c.program() == "vite" && viteDevServer(c)
}

// jsTokens is the significant tokens of src: no comments, so a
// commented-out import does not count.
func jsTokens(src string) []jsToken {
	s := &jsScan{src: src, line: 1}
	var out []jsToken
	for {
		t, ok := s.next()
		if !ok {
			return out
		}
		out = append(out, t)
		s.prev = t
	}
}

// adapterImport finds `import name from '<adapter>'` or `const name =
// require('<adapter>')` and returns the local name and the module.
func adapterImport(toks []jsToken) (local, module string) {
	is := func(i int, kind byte, text string) bool {
		return i < len(toks) && toks[i].kind == kind && (text == "" || toks[i].text == text)
	}
	for i := range toks {
		switch {
		case is(i, 'i', "import") && is(i+1, 'i', "") && is(i+2, 'i', "from") && is(i+3, 's', ""):
			local, module = toks[i+1].text, toks[i+3].text
		case is(i, 'i', "") && is(i+1, '=', "") && is(i+2, 'i', "require") && is(i+3, '(', "") && is(i+4, 's', ""):
			local, module = toks[i].text, toks[i+4].text
		default:
			continue
		}
		if svelteAdapterModule.MatchString(module) {
			return local, module
		}
	}
	return "", ""
}

// callArgs is the tokens of the first call of name, from its "(" to the
// matching ")", or nil.
func callArgs(toks []jsToken, name string) []jsToken {
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].kind != 'i' || toks[i].text != name || toks[i+1].kind != '(' || (i > 0 && toks[i-1].kind == '.') {
			continue
		}
		depth := 0
		for j := i + 1; j < len(toks); j++ {
			switch toks[j].kind {
			case '(', '[', '{':
				depth++
			case ')', ']', '}':
				depth--
			}
			if depth == 0 {
				return toks[i+1 : j+1]
			}
		}
	}
	return nil
}

// jsCallProps reads the object literal properties of a call's arguments,
// its first argument's at the top level (path nil).
func jsCallProps(call []jsToken) []jsProp {
	s := &jsScan{}
	for _, t := range call {
		s.token(t)
		s.prev = t
	}
	return s.props
}

// svelteKitWhy is why a SvelteKit package is not an app, with the fix; ""
// when it is one or when SvelteKit does not decide it (a static site is
// judged as such).
func svelteKitWhy(p *Package) string {
	if sk := p.front.svelteKit; sk != nil && sk.server == "" && p.front.bundler == "" && sk.notApp != "" {
		return sk.notApp + "; " + sk.fix
	}
	return ""
}

// svelteKitServer is adapter-node's output directory when p is a SvelteKit
// app built for node, "" otherwise.
func svelteKitServer(p *Package) string {
	if sk := p.front.svelteKit; sk != nil {
		return sk.server
	}
	return ""
}

// svelteKitEntrypoint is the image's command for a SvelteKit node server
// whose start script is missing or runs Vite's own server: node <server>.
// replaced says the start script was set aside (nil when it stands).
func svelteKitEntrypoint(p *Package) (entry []string, replaced bool) {
	server := svelteKitServer(p)
	if server == "" {
		return nil, false
	}
	start, ok := p.Scripts["start"]
	if ok && !svelteKitDev(readCommand(p, start, 0)) {
		return nil, false
	}
	return []string{"node", server}, ok
}
