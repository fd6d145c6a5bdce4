package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// introspection asks the engine, through the module, for every type with its
// fields (functions) and their arguments: the same schema `dagger call` builds
// its commands and flags from.
const introspection = `query {
  __schema { types { name kind fields { name args { name defaultValue type { ...T } } type { ...T } } } }
}
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`

type typeRef struct {
	Kind   string   `json:"kind"`
	Name   string   `json:"name"`
	OfType *typeRef `json:"ofType"`
}

type argDef struct {
	Name         string  `json:"name"`
	DefaultValue *string `json:"defaultValue"`
	Type         typeRef `json:"type"`
}

type fieldDef struct {
	Name string   `json:"name"`
	Args []argDef `json:"args"`
	Type typeRef  `json:"type"`
}

type typeDef struct {
	Name   string     `json:"name"`
	Kind   string     `json:"kind"`
	Fields []fieldDef `json:"fields"`
}

// schema is the API as the CLI sees it: types by name, the module's
// constructor (the Query field named after the module).
type schema struct {
	types       map[string]*typeDef
	constructor *fieldDef
}

// loadSchema runs `dagger query` against the module at dir: it needs a
// running engine, as every `dagger call` does.
func loadSchema(dir string) (*schema, error) {
	cfg, err := os.ReadFile(filepath.Join(dir, "dagger.json"))
	if err != nil {
		return nil, err
	}
	var mod struct{ Name string }
	if err := json.Unmarshal(cfg, &mod); err != nil {
		return nil, fmt.Errorf("%s/dagger.json: %v", dir, err)
	}
	cmd := exec.Command("dagger", "query", "-m", dir, "--silent")
	cmd.Stdin = strings.NewReader(introspection)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("dagger query -m %s: %v\n%s", dir, err, stderr.String())
	}
	var res struct {
		Schema struct {
			Types []*typeDef `json:"types"`
		} `json:"__schema"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		return nil, fmt.Errorf("dagger query -m %s: unexpected output: %v", dir, err)
	}
	s := &schema{types: map[string]*typeDef{}}
	for _, t := range res.Schema.Types {
		s.types[t.Name] = t
	}
	s.constructor = s.types["Query"].field(lowerCamel(mod.Name))
	if s.constructor == nil {
		return nil, fmt.Errorf("module %q: no constructor %q in the schema", mod.Name, lowerCamel(mod.Name))
	}
	return s, nil
}

// field finds a field by its GraphQL name.
func (t *typeDef) field(name string) *fieldDef {
	for i := range t.Fields {
		if t.Fields[i].Name == name {
			return &t.Fields[i]
		}
	}
	return nil
}

// function finds a field by the name the CLI gives it (build-all).
func (t *typeDef) function(cli string) *fieldDef {
	for i := range t.Fields {
		if kebab(t.Fields[i].Name) == cli {
			return &t.Fields[i]
		}
	}
	return nil
}

// functions lists the CLI names of a type's functions, for error messages.
func (t *typeDef) functions() string {
	var names []string
	for _, f := range t.Fields {
		if f.Name != "id" && f.Name != "sync" {
			names = append(names, kebab(f.Name))
		}
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// arg finds an argument by its flag (--node-version).
func (f *fieldDef) arg(flag string) *argDef {
	for i := range f.Args {
		if "--"+kebab(f.Args[i].Name) == flag {
			return &f.Args[i]
		}
	}
	return nil
}

// flags lists a function's flags, for error messages.
func (f *fieldDef) flags() string {
	if len(f.Args) == 0 {
		return "none"
	}
	var names []string
	for _, a := range f.Args {
		names = append(names, "--"+kebab(a.Name))
	}
	return strings.Join(names, ", ")
}

// required reports whether the CLI insists on the flag: non-null and no
// default (a +defaultPath directory is nullable, so not required).
func (a *argDef) required() bool {
	return a.Type.Kind == "NON_NULL" && a.DefaultValue == nil
}

// boolean flags take no value (`--json`, not `--json true`).
func (a *argDef) boolean() bool {
	return named(a.Type).Name == "Boolean"
}

// named strips NON_NULL and LIST wrappers: the CLI chains a function after a
// list by calling it on every element (`apps summary`).
func named(t typeRef) typeRef {
	for t.OfType != nil && (t.Kind == "NON_NULL" || t.Kind == "LIST") {
		t = *t.OfType
	}
	return t
}

// kebab is the CLI's spelling of a GraphQL name: buildAll -> build-all,
// asTarball -> as-tarball.
func kebab(s string) string {
	r := []rune(s)
	var b strings.Builder
	for i, c := range r {
		if unicode.IsUpper(c) && i > 0 {
			prev := r[i-1]
			nextLower := i+1 < len(r) && unicode.IsLower(r[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				b.WriteByte('-')
			}
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

// lowerCamel turns a module name (my-module) into its constructor's name.
func lowerCamel(s string) string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' || r == ' ' })
	for i := range parts {
		if i > 0 {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}
