package workspace

import "testing"

func TestRootOnlyWorkspace(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "packages:\n  - '.'\n"},
		{"minimumReleaseAgeExclude:\n  - '@acme/*'", "minimumReleaseAgeExclude:\n  - '@acme/*'\npackages:\n  - '.'\n"},
		{"packages:\n  - '.'\ncatalog:\n  ms: 2.1.3\n", "packages:\n  - '.'\ncatalog:\n  ms: 2.1.3\n"},
	} {
		if got := RootOnlyWorkspace(c.in); got != c.want {
			t.Errorf("RootOnlyWorkspace(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
