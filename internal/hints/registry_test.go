package hints

import (
	"strings"
	"testing"
)

func TestRegistry(t *testing.T) {
	for _, c := range []struct {
		name, output, want string
	}{
		{"pnpm's 401", " ERR_PNPM_FETCH_401  GET http://10.0.0.2:4873/@acme%2Fgreeting: Unauthorized - 401", "http://10.0.0.2:4873/ refused the download"},
		{"a 403 with a URL", "GET https://npm.acme.example/x 403 Forbidden", "https://npm.acme.example/ refused the download"},
		{"an unset variable", "Failed to replace env in config: ${NPM_TOKEN}", "${NPM_TOKEN}, which is not set"},
		{"a build's own 403 page", "apps/web build: .output/public/403.html 1.2 kB\nerror TS2304: Cannot find name 'x'. (401 errors)", ""},
	} {
		got := Registry(c.output)
		if c.want == "" && got != "" || !strings.Contains(got, c.want) {
			t.Errorf("%s: Registry = %q, want %q", c.name, got, c.want)
		}
	}
}
