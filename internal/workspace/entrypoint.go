package workspace

import (
	"fmt"
	"path"
	"strings"
)

// nodeValueFlags take their value as the next word ("-r dotenv/config").
var nodeValueFlags = map[string]bool{
	"-r": true, "--require": true, "--import": true, "--loader": true, "--experimental-loader": true,
	"-C": true, "--conditions": true, "--env-file": true, "--env-file-if-exists": true, "--input-type": true,
	"--title": true, "--disable-warning": true,
}

// nodeModeFlags make node do something other than run a file in production.
var nodeModeFlags = map[string]bool{
	"-e": true, "--eval": true, "-p": true, "--print": true, "-i": true, "--interactive": true,
	"-c": true, "--check": true, "--test": true, "--run": true, "-v": true, "--version": true,
	"-h": true, "--help": true, "-": true, "--watch": true, "--watch-path": true, "--watch-preserve-output": true,
	"--inspect": true, "--inspect-brk": true, "--inspect-wait": true,
}

// entrypoint turns a start script into an exec-form entrypoint when that is
// exactly equivalent: `node [flags] <file>`. Running node directly (not
// through sh) lets signals reach the app. Anything a shell would interpret
// is left to the start script run through sh.
func entrypoint(start string) ([]string, string) {
	not := func(why string) ([]string, string) {
		return nil, fmt.Sprintf("start script %q is not a plain \"node <file>\": %s", start, why)
	}
	if strings.ContainsAny(start, "&|;<>()$`'\"\\*?{}[]#!~\n") {
		return not("it uses shell syntax")
	}
	words := strings.Fields(start)
	if len(words) == 0 {
		return not("it is empty")
	}
	if words[0] != "node" {
		return not(fmt.Sprintf("it runs %s, not node", words[0]))
	}
	i := 1
	for ; i < len(words) && strings.HasPrefix(words[i], "-"); i++ {
		flag, _, hasValue := strings.Cut(words[i], "=")
		if flag == "--" { // end of options: the file follows
			i++
			break
		}
		if nodeModeFlags[flag] || strings.HasPrefix(flag, "--watch") || strings.HasPrefix(flag, "--inspect") {
			return not(fmt.Sprintf("node %s is not a production start", flag))
		}
		if nodeValueFlags[flag] && !hasValue {
			i++
		}
	}
	switch {
	case i >= len(words):
		return not("it names no file")
	case i < len(words)-1:
		return not("it passes arguments after the file")
	}
	f := words[i]
	if isAbsolute(f) || startsWithDotDot(path.Clean(f)) {
		return not("the file is outside the package directory")
	}
	return append([]string(nil), words...), ""
}

// shellBuiltins are commands sh runs itself, which exec cannot replace the
// shell with, and the words that open a compound command.
var shellBuiltins = map[string]bool{
	":": true, ".": true, "alias": true, "cd": true, "command": true, "eval": true, "exec": true, "exit": true,
	"export": true, "getopts": true, "hash": true, "local": true, "read": true, "readonly": true, "return": true,
	"set": true, "shift": true, "source": true, "times": true, "trap": true, "type": true, "ulimit": true,
	"umask": true, "unset": true, "wait": true,
	"if": true, "for": true, "while": true, "until": true, "case": true, "{": true, "!": true, "[[": true, "function": true,
}

// ShellStart is the shell text an image runs for a start script that is
// not a plain `node <file>`. When the script is one simple command, the
// shell execs it (`exec next start -p 3000`; leading assignments go
// through env: `exec env NODE_ENV=production tsx ...`): the program then
// replaces the shell as the container's PID 1 and receives `docker stop`'s
// SIGTERM, which a shell in front of it would neither forward nor act on.
// Anything else (a list, a pipeline, a redirection, a builtin, a
// substitution) is returned as it is.
func ShellStart(script string) string {
	if strings.ContainsAny(script, ";&|<>()`\n") {
		// Also when quoted: whether a quoted one is harmless is not worth
		// a shell parser; the script then runs as written.
		return script
	}
	words, complete := shellWords(script, false)
	if !complete {
		return script
	}
	i := 0
	for i < len(words) {
		if _, _, ok := assignment(words[i]); !ok {
			break
		}
		i++
	}
	switch {
	case i == len(words) || shellBuiltins[words[i]]:
		return script
	case i > 0:
		return "exec env " + strings.TrimLeft(script, " \t")
	}
	return "exec " + strings.TrimLeft(script, " \t")
}
