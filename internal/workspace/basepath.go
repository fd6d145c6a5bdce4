package workspace

import (
	"fmt"
	"path"
	"regexp"
	"strings"
)

// A static site built for a base path (Vite's base: '/app/', Astro's
// base, SvelteKit's paths.base, Next's basePath)
// links its pages and assets under that path, /app/assets/index-x.js,
// while the build writes them at the top of its output directory. The
// image serves the site under the same path, so those links resolve.

// sitePath reads a configured base path: "/app/" and "/app" are "/app";
// "", "/", a relative base ("./", which works under any path) and a full
// URL (assets served from elsewhere) need nothing and are "". ok is false
// for a path the server could not serve literally (spaces, braces,
// quotes, ..).
func sitePath(v string) (base string, ok bool) {
	if !strings.HasPrefix(v, "/") || strings.HasPrefix(v, "//") {
		return "", true
	}
	clean := path.Clean(v)
	if clean == "/" {
		return "", true
	}
	// Why a list of the characters allowed: the path is written into the
	// Caddyfile, where a newline, a brace or a quote would be syntax and
	// *, ? or [ a pattern.
	if !plainPath.MatchString(clean) || strings.Contains(v, "..") {
		return "", false
	}
	return clean, true
}

var plainPath = regexp.MustCompile(`^(/[A-Za-z0-9._~@+-]+)+$`)

// detectBase sets f.base from the literal property key of props (at path
// at) in config, or from the build script's flag when given; an
// expression or an unusable path leaves the site at / with a hint.
func detectBase(f *frontend, p *Package, config string, props []jsProp, flag, key string, at ...string) {
	v, found := jsFind(props, key, at...)
	if value := buildFlag(p, flag); flag != "" && value != "" {
		v, found = jsProp{key: key, value: value, literal: true}, true
	}
	setBase(f, config, v, found, strings.Join(append(at, key), "."))
}

// setBase applies a base path property v (found or not) named name.
func setBase(f *frontend, config string, v jsProp, found bool, name string) {
	if !found {
		return
	}
	if !v.literal {
		f.hints = append(f.hints, fmt.Sprintf("%s:%d sets %s to an expression, which is not evaluated here: the image serves the site from /", config, v.line, name))
		return
	}
	base, ok := sitePath(v.value)
	if !ok {
		f.notStatic = fmt.Sprintf("%s sets %s %q, which is not a plain path to serve the site under", config, name, v.value)
		return
	}
	f.base = base
}
