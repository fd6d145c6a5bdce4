package workspace

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestParseBuildEnv(t *testing.T) {
	got, err := ParseBuildEnv([]string{"VITE_API=https://x.example/?a=b", "EMPTY=", "NEXT_PUBLIC_N=1"})
	if err != nil {
		t.Fatal(err)
	}
	want := []EnvVar{{"EMPTY", ""}, {"NEXT_PUBLIC_N", "1"}, {"VITE_API", "https://x.example/?a=b"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestParseBuildEnvRefuses(t *testing.T) {
	cases := []struct {
		entries []string
		problem string
	}{
		{[]string{"VITE_API"}, `"VITE_API" is not NAME=value`},
		{[]string{"=x"}, `"=x" is not NAME=value`},
		{[]string{"1X=y"}, `"1X=y" is not NAME=value`},
		{[]string{"A-B=y"}, `"A-B=y" is not NAME=value`},
		{[]string{"PATH=/bin"}, "sets PATH, which the build step sets itself"},
		{[]string{"CI=false"}, "sets CI, which the build step sets itself"},
		{[]string{"NPM_CONFIG_STORE_DIR=/x"}, "npm_config_* variables are the build step's own"},
		{[]string{"DEPLOY_COUNT=2"}, "DEPLOY_* variables"},
		{[]string{"A=1", "B=2", "A=3"}, "sets A twice"},
	}
	for _, c := range cases {
		_, err := ParseBuildEnv(c.entries)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%v: got %v, want an *Error", c.entries, err)
			continue
		}
		if !strings.Contains(e.Problem, c.problem) || e.Fix == "" {
			t.Errorf("%v: got %q (fix %q), want %q and a fix", c.entries, e.Problem, e.Fix, c.problem)
		}
	}
}

// The smoke test's environment keeps PORT and SMOKE_URL, and takes what
// the build step keeps (PATH, npm_config_*: the image's own business).
func TestParseRunEnv(t *testing.T) {
	got, err := ParseRunEnv([]string{"NODE_ENV=production", "DATABASE_URL=postgres://db/app", "PATH=/usr/local/bin:/usr/bin:/bin"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []EnvVar{{"DATABASE_URL", "postgres://db/app"}, {"NODE_ENV", "production"}, {"PATH", "/usr/local/bin:/usr/bin:/bin"}}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	for entry, want := range map[string]string{
		"PORT=9000":    "smoke-test environment entry \"PORT=9000\" sets PORT, which the image sets to the port the test asks; pass --port to change it",
		"SMOKE_URL=x":  "sets SMOKE_URL, which the smoke test sets itself",
		"DATABASE_URL": "smoke-test environment entry \"DATABASE_URL\" is not NAME=value",
	} {
		_, err := ParseRunEnv([]string{entry})
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(e.Problem, want) || !strings.Contains(e.Fix, "--env") {
			t.Errorf("%s: got %v, want %q with a fix naming --env", entry, err, want)
		}
	}
}
