package workspace

import "testing"

func TestCommandProgram(t *testing.T) {
	scripts := map[string]string{"serve": "tsx src/index.ts", "loop": "pnpm loop"}
	p := &Package{Scripts: scripts}
	for _, c := range []struct {
		script   string
		program  string
		wrappers []string
		via      []string
	}{
		{"ts-node app.ts", "ts-node", nil, nil},
		{"node dist/index.js", "node", nil, nil},
		{"pnpm exec tsx src/index.ts", "tsx", nil, nil},
		{"pnpm exec -- tsx src/index.ts", "tsx", nil, nil},
		{"pnpm tsx src/index.ts", "tsx", nil, nil},
		{"npx tsx src/index.ts", "tsx", nil, nil},
		{"npx --yes tsx src/index.ts", "tsx", nil, nil},
		{"npx -p tsx tsx src/index.ts", "", nil, nil},
		{"cross-env NODE_ENV=production tsx src/index.ts", "tsx", []string{"cross-env"}, nil},
		{"NODE_ENV=production PORT=3000 nodemon dist/index.js", "nodemon", nil, nil},
		{"env NODE_ENV=production node dist/index.js", "node", nil, nil},
		{"exec node dist/index.js", "node", nil, nil},
		{"dotenv -e .env -- tsx src/index.ts", "tsx", []string{"dotenv"}, nil},
		{"dotenv -e .env tsx src/index.ts", "", []string{"dotenv"}, nil},
		{"./node_modules/.bin/tsx src/index.ts", "tsx", nil, nil},
		{"'ts-node' \"app.ts\"", "ts-node", nil, nil},
		{"NODE_OPTIONS=\"--max-old-space-size=4096 --enable-source-maps\" next start", "next", nil, nil},
		{"pnpm run serve", "tsx", nil, []string{"serve"}},
		{"pnpm serve", "tsx", nil, []string{"serve"}},
		{"npm run serve", "tsx", nil, []string{"serve"}},
		{"yarn serve", "tsx", nil, []string{"serve"}},
		{"cross-env A=1 pnpm serve", "tsx", []string{"cross-env"}, []string{"serve"}},
		{"pnpm run missing", "", nil, nil},
		{"pnpm loop", "", nil, nil}, // a script that runs itself: given up, not looped
		{"pnpm -r start", "", nil, nil},
		{"pnpm install && node dist/index.js", "", nil, nil},
		{"npm ci", "", nil, nil},
		{"tsc && node dist/index.js", "tsc", nil, nil},
		{"$BIN dist/index.js", "$BIN", nil, nil},
		{"", "", nil, nil},
	} {
		got := readCommand(p, c.script, 0)
		if got.program() != c.program || !equal(got.wrappers, c.wrappers) || !equal(got.via, c.via) {
			t.Errorf("readCommand(%q) = program %q wrappers %v via %v; want %q %v %v", c.script, got.program(), got.wrappers, got.via, c.program, c.wrappers, c.via)
		}
	}
}

func TestCommandPort(t *testing.T) {
	for _, c := range []struct {
		script string
		want   int
	}{
		{"next start -p 3000", 3000},
		{"next start -p=3001", 3001},
		{"next start --port 3002", 3002},
		{"next start --port=3003", 3003},
		{"PORT=3004 node dist/index.js", 3004},
		{"cross-env NODE_ENV=production PORT=3005 node dist/index.js", 3005},
		{"PORT=3006 next start -p 3007", 3007}, // the flag wins, as in next
		{"node dist/index.js --port 3008", 3008},
		{"pnpm exec next start -p 3009", 3009},
		{"npx next start --port 3010", 3010},
		{"vite preview --port 4173", 4173},
		{"serve -s dist -l 5000", 5000},
		{"serve -l tcp://0.0.0.0:5001", 5001},
		{"next start -p 3011 && echo started", 3011},
		{"node -p 3000", 0}, // node's --print, not a port
		{"node --require ./otel.js dist/index.js", 0},
		{"next start -p $PORT", 0},
		{"next start -p 99999", 0},
		{"tsc -p tsconfig.json", 0},
		{"next start", 0},
		{"", 0},
	} {
		if got := parseCommand(c.script).port(); got != c.want {
			t.Errorf("port(%q) = %d, want %d", c.script, got, c.want)
		}
	}
}

func TestShellWords(t *testing.T) {
	for _, c := range []struct {
		s    string
		all  bool
		want []string
	}{
		{`a 'b c' "d \"e\"" f\ g`, false, []string{"a", "b c", `d "e"`, "f g"}},
		{"a b && c d", false, []string{"a", "b"}},
		{"a b && c d", true, []string{"a", "b", "c", "d"}},
		{"a; b | c > out", true, []string{"a", "b", "c", "out"}},
	} {
		if got, _ := shellWords(c.s, c.all); !equal(got, c.want) {
			t.Errorf("shellWords(%q, %v) = %q, want %q", c.s, c.all, got, c.want)
		}
	}
}
