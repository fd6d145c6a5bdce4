package workspace

import (
	"strings"
	"testing"
)

// The shell execs a start script that is one simple command, so the
// program is PID 1 and gets SIGTERM; anything else runs as written.
func TestShellStart(t *testing.T) {
	for _, c := range [][2]string{
		{"next start -p 3000", "exec next start -p 3000"},
		{"  tsx src/index.ts", "exec tsx src/index.ts"},
		{"node dist/index.js --port $PORT", "exec node dist/index.js --port $PORT"},
		{"NODE_ENV=production PORT=8000 node dist/index.js", "exec env NODE_ENV=production PORT=8000 node dist/index.js"},
		{`NODE_OPTIONS="--max-old-space-size=4096" next start`, `exec env NODE_OPTIONS="--max-old-space-size=4096" next start`},
		{"cross-env NODE_ENV=production node dist/index.js", "exec cross-env NODE_ENV=production node dist/index.js"},
		{"exec node dist/index.js", "exec node dist/index.js"},
		{"cd dist && node index.js", "cd dist && node index.js"},
		{"node migrate.js; node server.js", "node migrate.js; node server.js"},
		{"node server.js | pino-pretty", "node server.js | pino-pretty"},
		{"node server.js > /tmp/log", "node server.js > /tmp/log"},
		{"node $(cat entry)", "node $(cat entry)"},
		{"node server.js &", "node server.js &"},
		{"export PORT=1; node x.js", "export PORT=1; node x.js"},
		{"set -e", "set -e"},
		{"if true", "if true"},
		{"PORT=1", "PORT=1"},
		{"node 'unterminated", "node 'unterminated"},
	} {
		if got := ShellStart(c[0]); got != c[1] {
			t.Errorf("ShellStart(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

func TestEntrypoint(t *testing.T) {
	for _, c := range []struct {
		start string
		want  []string // nil: not a plain node start
		why   string   // substring of the problem when want is nil
	}{
		{"node dist/index.js", []string{"node", "dist/index.js"}, ""},
		{"  node   server.mjs ", []string{"node", "server.mjs"}, ""},
		{"node --enable-source-maps dist/index.js", []string{"node", "--enable-source-maps", "dist/index.js"}, ""},
		{"node --max-old-space-size=4096 -r dotenv/config dist/main.js", []string{"node", "--max-old-space-size=4096", "-r", "dotenv/config", "dist/main.js"}, ""},
		{"node --import ./otel.mjs -- index.js", []string{"node", "--import", "./otel.mjs", "--", "index.js"}, ""},
		{"node .", []string{"node", "."}, ""},
		{"tsx src/x.ts", nil, "runs tsx, not node"},
		{"node dist/index.js --port 8000", nil, "arguments after the file"},
		{"NODE_ENV=production node dist/index.js", nil, "runs NODE_ENV=production"},
		{"node dist/index.js && echo done", nil, "shell syntax"},
		{"node $ENTRY", nil, "shell syntax"},
		{"node 'dist/index.js'", nil, "shell syntax"},
		{"node --watch dist/index.js", nil, "--watch is not a production start"},
		{"node -e 'console.log(1)'", nil, "shell syntax"},
		{"node -e x", nil, "-e is not a production start"},
		{"node --inspect=0.0.0.0 index.js", nil, "--inspect"},
		{"node", nil, "names no file"},
		{"node -r dotenv/config", nil, "names no file"},
		{"node ../other/index.js", nil, "outside the package"},
		{"node /srv/index.js", nil, "outside the package"},
		{"", nil, "empty"},
	} {
		got, problem := entrypoint(c.start)
		if !equal(got, c.want) || (c.want == nil) != (got == nil) {
			t.Errorf("entrypoint(%q) = %q, want %q (%s)", c.start, got, c.want, problem)
		}
		if c.want == nil && (!strings.Contains(problem, c.why) || !strings.Contains(problem, `is not a plain "node <file>"`)) {
			t.Errorf("entrypoint(%q) problem %q, want it to mention %q", c.start, problem, c.why)
		}
		if c.want != nil && problem != "" {
			t.Errorf("entrypoint(%q) has a problem %q", c.start, problem)
		}
	}
}
