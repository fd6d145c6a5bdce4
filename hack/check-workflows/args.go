package main

import (
	"fmt"
	"regexp"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// ghExpr matches a GitHub expression: Actions replaces it before bash runs,
// and it may hold spaces (`${{ github.sha }}`), so it is made one word.
var ghExpr = regexp.MustCompile(`\$\{\{.*?\}\}`)

// shellWords splits args the way bash will: dagger-for-github pastes the
// `args` input unquoted into its script. bash's own grammar comes from
// mvdan.cc/sh; variables stay as written ($REGISTRY), since they are set
// only on the runner. An unquoted line break ends the dagger command there,
// so it is an error rather than a separator.
func shellWords(s string) ([]string, error) {
	// Each GitHub expression becomes a placeholder bash keeps as it is.
	var exprs []string
	s = ghExpr.ReplaceAllStringFunc(s, func(e string) string {
		exprs = append(exprs, strings.Join(strings.Fields(e), ""))
		return fmt.Sprintf("GHEXPR%dGHEXPR", len(exprs)-1)
	})
	restore := func(w string) string {
		for i, e := range exprs {
			w = strings.ReplaceAll(w, fmt.Sprintf("GHEXPR%dGHEXPR", i), e)
		}
		return w
	}
	file, err := syntax.NewParser().Parse(strings.NewReader(s), "args")
	if err != nil {
		return nil, fmt.Errorf("not valid bash: %w", err)
	}
	if len(file.Stmts) > 1 {
		next := strings.SplitN(strings.TrimSpace(s[file.Stmts[1].Pos().Offset():]), "\n", 2)[0]
		return nil, fmt.Errorf("a line break without a trailing backslash: bash would end the dagger command there and run %q as its own command (use `args: >-` to fold the lines)", restore(next))
	}
	if len(file.Stmts) == 0 {
		return nil, nil
	}
	call, ok := file.Stmts[0].Cmd.(*syntax.CallExpr)
	if !ok || len(file.Stmts[0].Redirs) > 0 {
		return nil, fmt.Errorf("not a plain command: %q", restore(s))
	}
	keepVariables := &expand.Config{Env: expand.FuncEnviron(func(name string) string { return "$" + name })}
	words := make([]string, len(call.Args))
	for i, w := range call.Args {
		if words[i], err = expand.Literal(keepVariables, w); err != nil {
			return nil, err
		}
		words[i] = restore(words[i])
	}
	return words, nil
}

// callOptions are the flags of `dagger call` itself (and the global ones),
// which may appear among the function flags; true: the flag takes a value.
var callOptions = map[string]bool{
	"-j": false, "--json": false, "-o": true, "--output": true,
	"-m": true, "--mod": true, "-M": false, "--no-mod": false,
	"--eager-runtime": false, "--allow-llm": true, "--model": true,
	"-y": false, "--auto-apply": false, "-d": false, "--debug": false,
	"-i": false, "--interactive": false, "--interactive-command": true,
	"-E": false, "--no-exit": false, "--progress": true,
	"-q": false, "--quiet": false, "-s": false, "--silent": false,
	"-v": false, "--verbose": false, "-w": false, "--web": false,
}

// checkCall walks `dagger call <args>` through the schema: constructor
// flags, then each function of the chain on the type the previous one
// returned, with its flags. It returns every problem found.
func (s *schema) checkCall(words []string) []string {
	var problems []string
	fn, fnName := s.constructor, "the module's constructor"
	seen := map[string]bool{}
	closeFn := func() {
		for _, a := range fn.Args {
			if a.required() && !seen[a.Name] {
				problems = append(problems, fmt.Sprintf("%s needs --%s", fnName, kebab(a.Name)))
			}
		}
		seen = map[string]bool{}
	}
	for i := 0; i < len(words); i++ {
		w := words[i]
		if strings.HasPrefix(w, "-") {
			flag, _, hasValue := strings.Cut(w, "=")
			if takesValue, ok := callOptions[flag]; ok {
				if takesValue && !hasValue {
					i++
				}
				continue
			}
			a := fn.arg(flag)
			if a == nil {
				problems = append(problems, fmt.Sprintf("unknown flag %s of %s (its flags: %s)", flag, fnName, fn.flags()))
				if !hasValue && i+1 < len(words) && !strings.HasPrefix(words[i+1], "-") {
					i++ // most likely its value, not the next function
				}
				continue
			}
			seen[a.Name] = true
			if !hasValue && !a.boolean() {
				if i+1 >= len(words) {
					problems = append(problems, fmt.Sprintf("%s of %s needs a value", flag, fnName))
				}
				i++
			}
			continue
		}
		closeFn()
		ret := named(fn.Type)
		t := s.types[ret.Name]
		if t == nil || t.Kind != "OBJECT" {
			problems = append(problems, fmt.Sprintf("%s returns %s: no function %q can follow it", fnName, ret.Name, w))
			return problems
		}
		next := t.function(w)
		if next == nil {
			problems = append(problems, fmt.Sprintf("unknown function %q on %s (its functions: %s)", w, t.Name, t.functions()))
			return problems
		}
		fn, fnName = next, w
	}
	closeFn()
	if fn == s.constructor {
		problems = append(problems, "no function called")
	}
	return problems
}
