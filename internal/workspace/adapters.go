package workspace

import "fmt"

// Frameworks whose build writes a node server through an adapter
// (SvelteKit's adapter-node, Astro's @astrojs/node in standalone mode)
// make apps without a start script: the image runs the server the build
// wrote. The adapter is read from the configuration file's imports and
// the literal options of its call, never by running the file.

// builtServer is a framework's node server, written by the build, that
// the image runs when the package has no start script, or one that runs
// the framework's development or preview server.
type builtServer struct {
	framework  string   // "SvelteKit", "Astro", in messages
	entry      []string // node <file or directory>, relative to the package
	port       int      // where it listens when PORT is unset
	portSource string
	// env is what the server needs to be reachable in a container.
	env []EnvVar
	// missing is the likely cause when the build wrote no entry.
	missing string
}

// frameworkDev reports whether c runs the package's framework's
// development or preview server; false when there is no framework.
func (f frontend) frameworkDev(c command) bool {
	return f.dev != nil && f.dev(c)
}

// serverKind decides a package whose framework writes a node server, or
// whose framework configuration makes nothing to run: KindNode, or the
// *Error that says why not. ok is false when neither applies (start is
// the start script's command, nil without one).
func (w *Workspace) serverKind(p *Package, start *command) (kind Kind, e *Error, ok bool) {
	f := p.front
	if start != nil && !f.frameworkDev(*start) {
		return "", nil, false // the start script stands
	}
	if start == nil && len(w.dependents[p.Name]) > 0 {
		return "", nil, false // a library
	}
	_, hasBuild := p.Scripts["build"]
	switch {
	case f.server != nil && hasBuild:
		return KindNode, nil, true
	case f.server != nil:
		return "", errorf(p.file, keyLine(p.raw, "scripts"), fmt.Sprintf(`add "build": %q to the scripts of %s`, f.buildHint, p.file),
			"it uses %s with a node server adapter, but has no build script to write the server", f.server.framework), true
	case f.problem != nil && f.bundler == "":
		return "", f.problem, true
	}
	return "", nil, false
}

// frameworkError is the error serverKind gives p, nil when it gives none.
func (w *Workspace) frameworkError(p *Package) *Error {
	var start *command
	if script, ok := p.Scripts["start"]; ok {
		c := readCommand(p, script, 0)
		start = &c
	}
	_, e, _ := w.serverKind(p, start)
	return e
}

// serverEntrypoint is the image's command for a built server: node
// <entry> when the start script is missing or runs the framework's own
// server (replaced then says so), nil when the start script stands.
func serverEntrypoint(p *Package, start string) (entry []string, replaced bool) {
	s := p.front.server
	if s == nil {
		return nil, false
	}
	if start != "" && !p.front.frameworkDev(readCommand(p, start, 0)) {
		return nil, false
	}
	return s.entry, start != ""
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

// jsImport is `import name from 'module'` or `const name = require('module')`.
type jsImport struct {
	local, module string
	line          int
}

// jsImports lists the default imports of the modules that match.
func jsImports(toks []jsToken, match func(module string) bool) []jsImport {
	is := func(i int, kind byte, text string) bool {
		return i < len(toks) && toks[i].kind == kind && (text == "" || toks[i].text == text)
	}
	var out []jsImport
	for i := range toks {
		var imp jsImport
		switch {
		case is(i, 'i', "import") && is(i+1, 'i', "") && is(i+2, 'i', "from") && is(i+3, 's', ""):
			imp = jsImport{toks[i+1].text, toks[i+3].text, toks[i].line}
		case is(i, 'i', "") && is(i+1, '=', "") && is(i+2, 'i', "require") && is(i+3, '(', "") && is(i+4, 's', ""):
			imp = jsImport{toks[i].text, toks[i+4].text, toks[i].line}
		default:
			continue
		}
		if match(imp.module) {
			out = append(out, imp)
		}
	}
	return out
}

// callArgs is the tokens of the first call of name (not a method of the
// same name), from its "(" to the matching ")", or nil.
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

// callOptions reads the object literal a call passes as its first
// argument: its properties at the top level (path nil), and whether they
// are all there is to read. Not when the argument is a variable or the
// object spreads another (`adapter(opts)`, `{ ...base, out }`): the
// options may then be anything.
func callOptions(call []jsToken) (props []jsProp, literal bool) {
	literal = len(call) < 2 || call[1].kind == '{' || call[1].kind == ')'
	s := &jsScan{}
	for i, t := range call {
		if t.kind == '.' && i+2 < len(call) && call[i+1].kind == '.' && call[i+2].kind == '.' {
			literal = false
		}
		s.token(t)
		s.prev = t
	}
	return s.props, literal
}

// adapterOptions are the literal options of an adapter's call in file.
type adapterOptions struct {
	file  string
	props []jsProp
	hints *[]string
}

// readAdapterOptions reads the options of call; options that are not an
// object literal get one hint, and their defaults.
func readAdapterOptions(file string, call []jsToken, hints *[]string) adapterOptions {
	props, literal := callOptions(call)
	if !literal {
		*hints = append(*hints, file+" passes the adapter options other than as an object literal, which is not evaluated here: the adapter's defaults are assumed")
	}
	return adapterOptions{file, props, hints}
}

// option is the literal value of key, else fallback (with a hint saying
// what that means when key is set to an expression).
func (o adapterOptions) option(key, fallback, meaning string) string {
	v, ok := jsFind(o.props, key)
	if ok && v.literal {
		return v.value
	}
	if ok {
		*o.hints = append(*o.hints, fmt.Sprintf("%s:%d sets the adapter's %s to an expression, which is not evaluated here: %s is assumed", o.file, v.line, key, meaning))
	}
	return fallback
}
