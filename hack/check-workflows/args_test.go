package main

import (
	"reflect"
	"strings"
	"testing"
)

func TestKebabMatchesTheCLI(t *testing.T) {
	for in, want := range map[string]string{
		"buildAll": "build-all", "asTarball": "as-tarball", "smokeTest": "smoke-test",
		"withEnvVariable": "with-env-variable", "nodeVersion": "node-version", "src": "src",
	} {
		if got := kebab(in); got != want {
			t.Errorf("kebab(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestShellWords(t *testing.T) {
	got, err := shellWords("publish-all --src . --tag ${{ github.sha }} \\\n --username 'a b' --password=\"env://X\"")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"publish-all", "--src", ".", "--tag", "${{github.sha}}", "--username", "a b", "--password=env://X"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestShellWordsKeepsVariables(t *testing.T) {
	got, err := shellWords(`publish-all --registry $REGISTRY --tag "v-${TAG}" --password env://GITHUB_TOKEN`)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"publish-all", "--registry", "$REGISTRY", "--tag", "v-$TAG", "--password", "env://GITHUB_TOKEN"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestShellWordsRejectsABareLineBreak(t *testing.T) {
	_, err := shellWords("build --src .\n--app app1")
	if err == nil || !strings.Contains(err.Error(), `run "--app app1" as its own command`) {
		t.Errorf("got %v, want the line bash would run on its own", err)
	}
}
