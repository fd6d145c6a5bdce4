package main

import (
	"fmt"
	"regexp"
	"strings"
)

// ghExpr matches a GitHub expression: Actions replaces it before bash runs,
// and it may hold spaces (`${{ github.sha }}`), so it is made one word.
var ghExpr = regexp.MustCompile(`\$\{\{.*?\}\}`)

// shellWords splits args the way bash will: dagger-for-github pastes the
// `args` input unquoted into its script. An unquoted line break ends the
// dagger command there, so it is an error rather than a separator.
func shellWords(s string) ([]string, error) {
	s = ghExpr.ReplaceAllStringFunc(s, func(e string) string { return strings.Join(strings.Fields(e), "") })
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	rs := []rune(strings.TrimSpace(s))
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case quote == '\'':
			if c == '\'' {
				quote = 0
			} else {
				cur.WriteRune(c)
			}
		case quote == '"':
			if c == '"' {
				quote = 0
			} else if c == '\\' && i+1 < len(rs) && strings.ContainsRune("\"\\$`", rs[i+1]) {
				i++
				cur.WriteRune(rs[i])
			} else {
				cur.WriteRune(c)
			}
		case c == '\'' || c == '"':
			quote, inWord = c, true
		case c == '\\' && i+1 < len(rs):
			i++
			if rs[i] != '\n' { // backslash-newline continues the line
				cur.WriteRune(rs[i])
				inWord = true
			}
		case c == '\n':
			return nil, fmt.Errorf("a line break without a trailing backslash: bash would end the dagger command there and run %q as its own command (use `args: >-` to fold the lines)",
				strings.TrimSpace(strings.SplitN(string(rs[i+1:]), "\n", 2)[0]))
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(c)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unterminated %c quote", quote)
	}
	if inWord {
		words = append(words, cur.String())
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
