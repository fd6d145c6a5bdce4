package workspace

import (
	"strconv"
	"strings"
)

// A start script is shell text. What the model needs from it, without a
// shell, is which program it ends up running (to check that the image has
// it) and which port it names. command reads the first simple command and
// looks through the wrappers people put in front of the real program:
// leading NAME=value assignments, cross-env, env, exec, pnpm exec, npx,
// `pnpm <bin>`, and scripts run by `pnpm run`/`npm run`/`yarn` (followed
// into the package's own scripts, with the arguments given after the
// script's name appended to its text, as the package manager appends them).

// command is what a script runs, as far as it can be told.
type command struct {
	env      map[string]string // leading assignments, cross-env's included
	words    []string          // the program and its arguments; nil when it cannot be told
	wrappers []string          // wrapper programs passed on the way (cross-env, dotenv), which must exist at run time too
	via      []string          // scripts followed on the way ("serve" for "start": "pnpm serve")
	pnpm     bool              // pnpm runs on the way (pnpm exec, pnpm run, pnpm <script or bin>)
	npx      bool              // npx (or npm exec) runs the program: it downloads one that no installed package provides
	pnpmRuns string            // what the innermost pnpm on the way runs, as shell text ("node dist/server.js --port 8000" for `pnpm serve --port 8000`); "" when not told
}

// program is the binary the command runs, "" when unknown.
func (c command) program() string {
	if len(c.words) == 0 {
		return ""
	}
	w := c.words[0]
	for _, prefix := range []string{"./node_modules/.bin/", "node_modules/.bin/"} {
		w = strings.TrimPrefix(w, prefix)
	}
	return w
}

// pnpmCommands are pnpm's own commands: `pnpm <one of these>` is not a
// binary of the package. (`pnpm <anything else>` runs a script of that
// name, else the binary, as `pnpm exec` would.)
var pnpmCommands = map[string]bool{
	"add": true, "approve-builds": true, "audit": true, "bin": true, "cache": true, "cat-file": true, "cat-index": true,
	"config": true, "c": true, "create": true, "dedupe": true, "deploy": true, "dlx": true, "doctor": true, "env": true,
	"fetch": true, "find-hash": true, "i": true, "ignored-builds": true, "import": true, "init": true, "install": true,
	"install-test": true, "it": true, "licenses": true, "link": true, "list": true, "ln": true, "ls": true, "outdated": true,
	"pack": true, "patch": true, "patch-commit": true, "patch-remove": true, "prune": true, "publish": true, "rb": true,
	"rebuild": true, "recursive": true, "remove": true, "rm": true, "root": true, "sbom": true, "self-update": true,
	"server": true, "setup": true, "store": true, "un": true, "uninstall": true, "unlink": true, "up": true, "update": true,
	"upgrade": true, "why": true,
}

// parseCommand reads a script without following other scripts.
func parseCommand(script string) command { return readCommand(nil, script, 0) }

// readCommand reads script; with p, `pnpm run x`, `npm run x`, `yarn x`
// and `pnpm x` follow p's script x, up to a few levels.
func readCommand(p *Package, script string, depth int) command {
	words, _ := shellWords(script, false)
	c := command{env: map[string]string{}}
	// follow reads script name with args appended, as the package
	// manager runs it: `pnpm with-env next start` runs the with-env script
	// "dotenv -e .env --" as "dotenv -e .env -- next start".
	follow := func(name string, args []string) command {
		next, ok := "", false
		if p != nil {
			next, ok = p.Scripts[name]
		}
		if !ok || depth >= 3 {
			c.words = nil
			return c
		}
		inner := readCommand(p, withArgs(next, args), depth+1)
		inner.pnpm = inner.pnpm || c.pnpm
		for k, v := range c.env {
			if _, set := inner.env[k]; !set {
				inner.env[k] = v
			}
		}
		inner.wrappers = append(append([]string(nil), c.wrappers...), inner.wrappers...)
		inner.via = append([]string{name}, inner.via...)
		if inner.words == nil {
			inner.via = nil
		}
		return inner
	}
	for i := 0; i < len(words); {
		w := words[i]
		if name, value, ok := assignment(w); ok {
			c.env[name] = value
			i++
			continue
		}
		arg := func(k int) string {
			if i+k < len(words) {
				return words[i+k]
			}
			return ""
		}
		switch w {
		case "cross-env", "cross-env-shell":
			c.wrappers = append(c.wrappers, w)
			i++
		case "exec":
			i++
		case "env":
			for i++; i < len(words) && strings.HasPrefix(words[i], "-"); i++ {
			}
		case "dotenv":
			c.wrappers = append(c.wrappers, w)
			end := indexOf(words[i:], "--")
			if end < 0 {
				return c // dotenv's own flags; the program is not told
			}
			i += end + 1
		case "npx":
			c.npx = true
			if i = skipNpxFlags(words, i+1); i < 0 {
				return c
			}
		case "pnpm":
			// pnpm passes every word after the script's name on, a "--"
			// included.
			c.pnpm = true
			runScript := func(name string, args []string) command {
				inner := follow(name, args)
				if inner.pnpmRuns == "" {
					next, _ := p.script(name)
					inner.pnpmRuns = withArgs(next, args)
				}
				return inner
			}
			switch sub := arg(1); {
			case sub == "exec":
				i += 2
				if arg(0) == "--" {
					i++
				}
				c.pnpmRuns = strings.TrimPrefix(withArgs("", rest(words, i)), " ")
			case sub == "run" || sub == "run-script":
				return runScript(arg(2), rest(words, i+3))
			case sub == "start" || sub == "test" || sub == "t":
				if sub == "t" {
					sub = "test"
				}
				return runScript(sub, rest(words, i+2))
			case sub == "" || strings.HasPrefix(sub, "-") || pnpmCommands[sub]:
				return c
			default:
				if _, ok := p.script(sub); ok {
					return runScript(sub, rest(words, i+2))
				}
				i++ // pnpm runs the binary, as pnpm exec
				c.pnpmRuns = strings.TrimPrefix(withArgs("", rest(words, i)), " ")
			}
		case "npm":
			// npm passes the words after a "--" that follows the script's
			// name, without the "--".
			npmArgs := func(from int) []string {
				args := rest(words, from)
				if len(args) > 0 && args[0] == "--" {
					return args[1:]
				}
				return nil
			}
			switch sub := arg(1); sub {
			case "run", "run-script", "run-scripts":
				return follow(arg(2), npmArgs(i+3))
			case "start", "test":
				return follow(sub, npmArgs(i+2))
			case "exec", "x": // npx's other name
				c.npx = true
				if i = skipNpxFlags(words, i+2); i < 0 {
					return c
				}
				continue
			}
			return c
		case "yarn":
			sub := arg(1)
			if sub == "run" {
				return follow(arg(2), rest(words, i+3))
			}
			if _, ok := p.script(sub); ok {
				return follow(sub, rest(words, i+2))
			}
			if sub == "" || strings.HasPrefix(sub, "-") {
				return c
			}
			i++
		default:
			c.words = words[i:]
			return c
		}
	}
	return c
}

// skipNpxFlags returns the index of the first word after npx's (or npm
// exec's) flags from i, past a "--"; -1 when a flag names the package
// apart from the program (-p, -c), so the program cannot be told.
func skipNpxFlags(words []string, i int) int {
	for ; i < len(words) && strings.HasPrefix(words[i], "-"); i++ {
		switch flag, _, _ := strings.Cut(words[i], "="); flag {
		case "--":
			return i + 1
		case "-p", "--package", "-c", "--call":
			return -1
		}
	}
	return i
}

// rest is words from index i on (nil past the end).
func rest(words []string, i int) []string {
	if i >= len(words) {
		return nil
	}
	return words[i:]
}

// withArgs is script with args appended, quoted for the shell where they
// need it, as a package manager appends them to the script it runs.
func withArgs(script string, args []string) string {
	for _, a := range args {
		if a == "" || strings.Trim(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-") != "" {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		script += " " + a
	}
	return script
}

func (p *Package) script(name string) (string, bool) {
	if p == nil {
		return "", false
	}
	s, ok := p.Scripts[name]
	return s, ok
}

func indexOf(words []string, w string) int {
	for i, x := range words {
		if x == w {
			return i
		}
	}
	return -1
}

// assignment splits a NAME=value word.
func assignment(w string) (name, value string, ok bool) {
	name, value, ok = strings.Cut(w, "=")
	if !ok || name == "" {
		return "", "", false
	}
	for i, c := range name {
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9') {
			return "", "", false
		}
	}
	return name, value, true
}

// shellWords splits shell text into words with quotes removed and nothing
// expanded ($ and backticks stay in the word, so such a word never looks
// like a binary name or a port). Without all, it stops at the end of the
// first simple command (; & | newline, or a redirection or subshell, which
// it does not follow); with all, those only separate words.
func shellWords(s string, all bool) (words []string, complete bool) {
	var cur strings.Builder
	inWord := false
	flush := func() {
		if inWord {
			words = append(words, cur.String())
			cur.Reset()
			inWord = false
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'':
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				return words, false
			}
			cur.WriteString(s[i+1 : i+1+end])
			inWord = true
			i += end + 1
		case c == '"':
			j := i + 1
			for ; j < len(s) && s[j] != '"'; j++ {
				if s[j] == '\\' && j+1 < len(s) {
					j++
				}
				cur.WriteByte(s[j])
			}
			if j >= len(s) {
				return words, false
			}
			inWord = true
			i = j
		case c == '\\' && i+1 < len(s):
			cur.WriteByte(s[i+1])
			inWord = true
			i++
		case c == ' ' || c == '\t':
			flush()
		case strings.IndexByte(";&|\n<>()", c) >= 0:
			flush()
			if !all {
				return words, true
			}
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	flush()
	return words, true
}

// port is the port a command names: --port/-p (and serve's --listen/-l),
// else a PORT assignment; 0 when none. For node, only the script's own
// arguments count (node -p is --print).
func (c command) port() int {
	args := c.words
	if len(args) > 0 {
		args = args[1:]
	}
	if c.program() == "node" {
		i := 0
		for ; i < len(args) && strings.HasPrefix(args[i], "-"); i++ {
			flag, _, hasValue := strings.Cut(args[i], "=")
			if nodeValueFlags[flag] && !hasValue {
				i++
			}
		}
		if i < len(args) {
			args = args[i+1:]
		} else {
			args = nil
		}
	}
	flags := map[string]bool{"-p": true, "--port": true}
	if c.program() == "serve" {
		flags = map[string]bool{"-l": true, "--listen": true, "-p": true, "--port": true}
	}
	for i, a := range args {
		flag, value, hasValue := strings.Cut(a, "=")
		if !flags[flag] {
			continue
		}
		if !hasValue && i+1 < len(args) {
			value = args[i+1]
		}
		if n := portNumber(value); n != 0 {
			return n
		}
	}
	return portNumber(c.env["PORT"])
}

// portNumber reads 3000, :3000 or tcp://0.0.0.0:3000; 0 when not a port.
func portNumber(s string) int {
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		s = s[i+1:]
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 65535 || s[0] == '+' {
		return 0
	}
	return n
}
