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
