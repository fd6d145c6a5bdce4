package workspace

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Error is the one error type of this package. Every bad input becomes an
// *Error so the module can print it before any container runs, and so a user
// sees which file to open and what to change, not a Go stack of wrapped
// errors.
type Error struct {
	File    string // workspace-relative path of the offending file (or "" for the workspace as a whole)
	Line    int    // 1-based when known
	Problem string
	Fix     string
}

// Error formats as "<file>:<line>: <problem>; fix: <fix>", leaving out the
// parts that are unknown, which is the shape editors and CI logs link on.
func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Problem)
	if e.Fix != "" {
		b.WriteString("; fix: ")
		b.WriteString(e.Fix)
	}
	return b.String()
}

// errorf builds an *Error with a formatted problem. The fix is a plain string
// because fixes are written once per call site and rarely need formatting.
func errorf(file string, line int, fix, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Problem: fmt.Sprintf(format, args...), Fix: fix}
}

// lineAt converts a byte offset into a 1-based line number. encoding/json
// reports offsets, people read lines.
func lineAt(data []byte, offset int64) int {
	if offset < 0 {
		return 0
	}
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	return bytes.Count(data[:offset], []byte("\n")) + 1
}

// jsonError turns an encoding/json failure into an *Error with a line, and
// says what was wrong in words rather than in Go type names where it can.
func jsonError(file string, data []byte, err error) *Error {
	const fix = "make the file valid JSON (a trailing comma or a missing quote is the usual cause)"
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return errorf(file, lineAt(data, syn.Offset), fix, "invalid JSON: %s", syn.Error())
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		field := typ.Field
		if field == "" {
			field = "the top level"
		}
		return errorf(file, lineAt(data, typ.Offset), "give "+field+" the type npm expects",
			"%s is a JSON %s, expected %s", field, typ.Value, jsonTypeName(typ.Type.Kind().String()))
	}
	return errorf(file, 0, fix, "invalid JSON: %v", err)
}

// jsonTypeName names Go kinds the way a package.json author thinks of them.
func jsonTypeName(kind string) string {
	switch kind {
	case "map", "struct":
		return "an object"
	case "slice", "array":
		return "an array"
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	default:
		return "a " + kind
	}
}

// yamlError turns a yaml.v3 failure into an *Error. yaml.v3 prints the line
// inside its message ("yaml: line 3: ..."); we lift it into Line so that every
// error has the same shape.
func yamlError(file string, err error, fix string) *Error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if _, err := fmt.Sscanf(n, "%d", &line); err == nil {
				msg = after
			}
		}
	}
	return errorf(file, line, fix, "invalid YAML: %s", msg)
}

// keyLine finds the 1-based line of a nested key path in a JSON document, for
// errors about values that encoding/json accepted but we reject. It is a best
// effort text search (package.json files are small and hand-written), and 0
// means "not found", which Error() simply omits.
func keyLine(data []byte, keys ...string) int {
	pos := 0
	for _, k := range keys {
		i := bytes.Index(data[pos:], []byte(`"`+k+`"`))
		if i < 0 {
			return 0
		}
		pos += i + len(k) + 2
	}
	return lineAt(data, int64(pos))
}

// why is the problem of e, "" for nil: the reason a package is not an app.
func (e *Error) why() string {
	if e == nil {
		return ""
	}
	return e.Problem
}
