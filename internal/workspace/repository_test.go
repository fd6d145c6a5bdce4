package workspace

import "testing"

func TestRepositoryURL(t *testing.T) {
	cases := map[string]string{
		`"github:acme/shop"`: "github:acme/shop",
		`{"type": "git", "url": "https://github.com/acme/shop.git"}`: "https://github.com/acme/shop.git",
		`42`: "",
		``:   "",
	}
	for raw, want := range cases {
		if got := repositoryURL([]byte(raw)); got != want {
			t.Errorf("repositoryURL(%s) = %q, want %q", raw, got, want)
		}
	}
}
