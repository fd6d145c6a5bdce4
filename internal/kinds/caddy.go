package kinds

import (
	"strconv"
	"strings"
)

// CaddySite is what a Caddyfile serves: on Port, the directory Root, with the
// app's fallback page (relative to the site, "" for none) and base path
// ("/docs", "" for none).
type CaddySite struct {
	Port                 int
	Root, Fallback, Base string
}

// Caddyfile serves root on port as a single-page app would need it:
//   - a path with no file (nor directory, nor .html page) gets the app's
//     shell, so that client-side routes such as /settings/profile load the
//     app: the fallback page the app names (SvelteKit's adapter-static
//     writes the one its fallback option names, such as 200.html) when
//     given and written, /__spa-fallback.html when the build wrote one
//     (React Router's SPA mode does when it prerenders "/": index.html is
//     then that page, not the shell), else /index.html;
//   - files whose names carry a content hash (a "-" or "." part of 8 or more
//     letters, digits, "_" or "-" with a digit among them:
//     index-B2x_9aQ1.js, main.3f9a1c2b.css), everything under /assets/
//     (where Vite writes its hashed files) and under /_app/immutable/
//     (SvelteKit's, whose chunk names are the hash alone: FJve4j1d.js) may
//     be cached for a year;
//     HTML (index.html, "/", directory indexes) must be revalidated each time;
//   - a precompressed sibling (.zst, .br, .gz) is sent to clients that
//     accept it; nothing is compressed on the fly.
//
// A site built for a base path (CaddySite.Base, "/docs") lies under that path
// in root, and / redirects to it; the fallback pages and the cached
// directories are the base's.
//
// The route block keeps the order: the fallback rewrite first, so that the
// headers match the file actually served. No admin API, no HTTPS (a proxy
// or load balancer in front terminates TLS).
func Caddyfile(s CaddySite) string {
	b := s.Base
	pages := b + "/__spa-fallback.html " + b + "/index.html"
	if s.Fallback != "" {
		pages = b + "/" + strings.TrimPrefix(s.Fallback, "/") + " " + pages
	}
	redirect := ""
	if b != "" {
		redirect = "\tredir / " + b + "/\n"
	}
	return `{
	admin off
	auto_https off
}

:` + strconv.Itoa(s.Port) + ` {
	root * ` + s.Root + `
` + redirect + `	@hashed {
		path_regexp [.-][A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$
		not path_regexp /[^/0-9]*$
	}
	@html path / */ *.html
	route {
		try_files {path} {path}/ {path}.html ` + pages + `
		header ` + b + `/assets/* Cache-Control "public, max-age=31536000, immutable"
		header ` + b + `/_app/immutable/* Cache-Control "public, max-age=31536000, immutable"
		header @hashed Cache-Control "public, max-age=31536000, immutable"
		header @html Cache-Control "no-cache"
		file_server {
			precompressed zstd br gzip
		}
	}
}
`
}
