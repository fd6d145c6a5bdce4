// check-workflows checks the GitHub Actions workflows that call this module
// through dagger/dagger-for-github: every function and flag they pass to
// `dagger call` must exist in the module (and in the core types its functions
// return), required flags must be given, and the Dagger version installed
// must be the module's engineVersion. The module's API comes from the engine
// (`dagger query` introspection), so a renamed function or flag fails here
// instead of in a user's CI run.
//
//	go run -C hack/check-workflows . -dir "$PWD" [-module github.com/OWNER/pnpm] [workflow.yml...]
//
// Without files it checks .github/workflows/*.yml and *.yaml. It needs a
// running engine (`eval "$(hack/engine env)"`).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

type step struct {
	Name string         `yaml:"name"`
	Uses string         `yaml:"uses"`
	With map[string]any `yaml:"with"`
}

type workflow struct {
	Jobs map[string]struct {
		Steps []step `yaml:"steps"`
	} `yaml:"jobs"`
}

func main() {
	module := flag.String("module", "github.com/OWNER/pnpm", "the address workflows call this module by (the README's)")
	dir := flag.String("dir", ".", "the module's directory")
	flag.Parse()
	files := flag.Args()
	if len(files) == 0 {
		for _, pat := range []string{".github/workflows/*.yml", ".github/workflows/*.yaml"} {
			m, _ := filepath.Glob(filepath.Join(*dir, pat))
			files = append(files, m...)
		}
	}
	if len(files) == 0 {
		fail("no workflow files found under %s/.github/workflows", *dir)
	}
	engineVersion, err := readEngineVersion(*dir)
	if err != nil {
		fail("%v", err)
	}
	s, err := loadSchema(*dir)
	if err != nil {
		fail("%v", err)
	}
	failed := 0
	for _, f := range files {
		calls, problems := checkFile(f, s, *module, engineVersion)
		for _, p := range problems {
			fmt.Fprintln(os.Stderr, p)
		}
		if len(problems) > 0 {
			failed++
			continue
		}
		fmt.Printf("ok   %s: %d dagger call(s) match the module\n", f, calls)
	}
	if failed > 0 {
		fail("%d of %d workflow file(s) call functions or flags the module does not have", failed, len(files))
	}
}

// checkFile checks every dagger-for-github step of one workflow; problems
// name the file, the job and the step.
func checkFile(path string, s *schema, module, engineVersion string) (int, []string) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, []string{err.Error()}
	}
	var wf workflow
	if err := yaml.Unmarshal(data, &wf); err != nil {
		return 0, []string{fmt.Sprintf("%s: %v", path, err)}
	}
	jobs := make([]string, 0, len(wf.Jobs))
	for name := range wf.Jobs {
		jobs = append(jobs, name)
	}
	sort.Strings(jobs)
	calls := 0
	var problems []string
	for _, job := range jobs {
		for i, st := range wf.Jobs[job].Steps {
			if !strings.HasPrefix(st.Uses, "dagger/dagger-for-github@") {
				continue
			}
			where := fmt.Sprintf("%s: job %q, step %q", path, job, stepName(st, i))
			ps, called := checkStep(st, s, module, engineVersion)
			if called {
				calls++
			}
			for _, p := range ps {
				problems = append(problems, where+": "+p)
			}
		}
	}
	if calls == 0 && len(problems) == 0 {
		problems = append(problems, path+": no dagger/dagger-for-github step calls the module")
	}
	return calls, problems
}

// checkStep checks one step's inputs; called is false for steps that only
// install the CLI or call another module.
func checkStep(st step, s *schema, module, engineVersion string) (problems []string, called bool) {
	in := func(k string) string {
		if v, ok := st.With[k]; ok && v != nil {
			return fmt.Sprint(v)
		}
		return ""
	}
	if v := strings.TrimPrefix(in("version"), "v"); v != strings.TrimPrefix(engineVersion, "v") {
		problems = append(problems, fmt.Sprintf("version: %q, but the module's dagger.json pins engineVersion %s: use %q",
			in("version"), engineVersion, strings.TrimPrefix(engineVersion, "v")))
	}
	args := in("args")
	if args == "" {
		args = in("call")
	}
	if args == "" {
		return problems, false
	}
	mod, _, _ := strings.Cut(in("module"), "@")
	if mod != module {
		return append(problems, fmt.Sprintf("module %q is not this module (%s): cannot check it", in("module"), module)), false
	}
	verb := in("verb")
	if verb == "" {
		verb = "call"
	}
	if verb != "call" {
		return append(problems, fmt.Sprintf("verb %q: only `call` is checked", verb)), false
	}
	words, err := shellWords(args)
	if err != nil {
		return append(problems, "args: "+err.Error()), true
	}
	return append(problems, s.checkCall(words)...), true
}

func stepName(st step, i int) string {
	if st.Name != "" {
		return st.Name
	}
	return fmt.Sprintf("#%d (%s)", i+1, st.Uses)
}

func readEngineVersion(dir string) (string, error) {
	data, err := os.ReadFile(filepath.Join(dir, "dagger.json"))
	if err != nil {
		return "", err
	}
	var cfg struct {
		EngineVersion string `json:"engineVersion"`
	}
	if err := json.Unmarshal(data, &cfg); err != nil || cfg.EngineVersion == "" {
		return "", fmt.Errorf("%s/dagger.json: no engineVersion (%v)", dir, err)
	}
	return cfg.EngineVersion, nil
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "check-workflows: "+format+"\n", args...)
	os.Exit(1)
}
