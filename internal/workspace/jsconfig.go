package workspace

import (
	"strings"
)

// Bundler configuration files (next.config.mjs, vite.config.ts, ...) are
// programs, not data, and this package never runs them. What the model
// needs from them is a handful of literal properties (output: 'standalone',
// build.outDir: 'web', build.lib), which configurations nearly always
// write literally. jsProps reads exactly that: every `key: value` of the
// object literals in the text, with the chain of enclosing keys, skipping
// comments, strings, template literals and regular expressions, so that a
// commented-out line or a key inside a string does not count. Anything it
// cannot read is "not a literal", which callers treat as "not detected".

// jsProp is one `key: value` of an object literal.
type jsProp struct {
	path    []string // keys of the enclosing object literals, outermost first: ["build"] for build.outDir
	key     string
	value   string // the string's contents when literal
	literal bool   // the value is a plain string literal ('x', "x" or `x` without ${})
	object  bool   // the value is an object literal
	raw     string // the value's first token otherwise (an identifier such as false)
	line    int
}

// jsProps scans src for object-literal properties.
func jsProps(src string) []jsProp {
	s := &jsScan{src: src, line: 1}
	s.run()
	return s.props
}

// jsFind returns the property key at path: the first one with a literal
// value if any, else the first one at all. ok is false when there is none.
func jsFind(props []jsProp, key string, path ...string) (jsProp, bool) {
	var first *jsProp
	for i := range props {
		p := &props[i]
		if p.key != key || strings.Join(p.path, ".") != strings.Join(path, ".") {
			continue
		}
		if p.literal {
			return *p, true
		}
		if first == nil {
			first = p
		}
	}
	if first == nil {
		return jsProp{}, false
	}
	return *first, true
}

type jsToken struct {
	kind byte // 'i' identifier or keyword, 's' string, 'n' anything else that is a value, or the punctuation character itself
	text string
	lit  bool // for 's': no template substitution
	line int
}

type jsScan struct {
	src   string
	i     int
	line  int
	props []jsProp
	// stack holds one entry per open bracket: the key it is the value of,
	// or "" for brackets that are not a property's value.
	stack []string
	prev  jsToken // last significant token
	key   *jsToken
	// pending is set right after `key :`, until the value's first token.
	pending *jsToken
}

func (s *jsScan) path() []string {
	var out []string
	for _, k := range s.stack {
		if k != "" {
			out = append(out, k)
		}
	}
	return out
}

func (s *jsScan) run() {
	for {
		t, ok := s.next()
		if !ok {
			return
		}
		s.token(t)
		s.prev = t
	}
}

// token advances the little state machine: `key :` then a value.
func (s *jsScan) token(t jsToken) {
	if s.pending != nil {
		k := s.pending
		s.pending = nil
		p := jsProp{path: s.path(), key: k.text, line: k.line}
		switch {
		case t.kind == 's' && t.lit:
			p.value, p.literal = t.text, true
		case t.kind == 's':
		case t.kind == '{':
			p.object = true
		default:
			p.raw = t.text
		}
		s.props = append(s.props, p)
		if t.kind == '{' || t.kind == '[' || t.kind == '(' {
			s.stack = append(s.stack, k.text)
			return
		}
	}
	switch t.kind {
	case '{', '[', '(':
		s.stack = append(s.stack, "")
		s.key = nil
	case '}', ']', ')':
		if len(s.stack) > 0 {
			s.stack = s.stack[:len(s.stack)-1]
		}
		s.key = nil
	case ':':
		// a key is an identifier or a string right after `{` or `,`
		if s.key != nil {
			s.pending = s.key
		}
		s.key = nil
	case 'i', 's':
		if s.prev.kind == '{' || s.prev.kind == ',' {
			k := t
			s.key = &k
		} else {
			s.key = nil
		}
	default:
		s.key = nil
	}
}

// regexAllowed reports whether a / after the previous token starts a
// regular expression rather than a division.
func (s *jsScan) regexAllowed() bool {
	switch s.prev.kind {
	case 0, '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^':
		return true
	case 'i':
		switch s.prev.text {
		case "return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "yield", "await":
			return true
		}
	}
	return false
}

// next returns the next significant token, skipping white space and comments.
func (s *jsScan) next() (jsToken, bool) {
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == '\n':
			s.line++
			s.i++
		case c == ' ' || c == '\t' || c == '\r':
			s.i++
		case strings.HasPrefix(s.src[s.i:], "//"):
			for s.i < len(s.src) && s.src[s.i] != '\n' {
				s.i++
			}
		case strings.HasPrefix(s.src[s.i:], "/*"):
			end := strings.Index(s.src[s.i+2:], "*/")
			if end < 0 {
				end = len(s.src) - s.i - 2
			}
			s.line += strings.Count(s.src[s.i:s.i+2+end], "\n")
			s.i += 2 + end + 2
		case c == '\'' || c == '"' || c == '`':
			return s.str(c), true
		case c == '/' && s.regexAllowed():
			s.regex()
			return jsToken{kind: 'n', line: s.line}, true
		case isIdentByte(c):
			start := s.i
			for s.i < len(s.src) && isIdentByte(s.src[s.i]) {
				s.i++
			}
			return jsToken{kind: 'i', text: s.src[start:s.i], line: s.line}, true
		default:
			s.i++
			return jsToken{kind: c, text: string(c), line: s.line}, true
		}
	}
	return jsToken{}, false
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// str reads a string or template literal starting at the quote.
func (s *jsScan) str(quote byte) jsToken {
	line := s.line
	s.i++
	var b strings.Builder
	lit := true
	depth := 0 // inside ${ } of a template
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == '\\' && s.i+1 < len(s.src):
			b.WriteByte(s.src[s.i+1])
			s.i += 2
			continue
		case c == '\n':
			s.line++
			if quote != '`' { // unterminated: stop at the line's end
				s.i++
				return jsToken{kind: 's', text: b.String(), lit: false, line: line}
			}
		case quote == '`' && depth == 0 && strings.HasPrefix(s.src[s.i:], "${"):
			lit = false
			depth = 1
			s.i += 2
			continue
		case depth > 0 && c == '{':
			depth++
		case depth > 0 && c == '}':
			depth--
		case depth == 0 && c == quote:
			s.i++
			return jsToken{kind: 's', text: b.String(), lit: lit, line: line}
		}
		b.WriteByte(c)
		s.i++
	}
	return jsToken{kind: 's', text: b.String(), lit: false, line: line}
}

// regex skips a regular expression literal and its flags.
func (s *jsScan) regex() {
	s.i++
	inClass := false
	for s.i < len(s.src) {
		c := s.src[s.i]
		s.i++
		switch {
		case c == '\\':
			s.i++
		case c == '\n':
			s.line++
			return
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case c == '/' && !inClass:
			for s.i < len(s.src) && isIdentByte(s.src[s.i]) {
				s.i++
			}
			return
		}
	}
}
