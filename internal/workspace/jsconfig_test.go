package workspace

import "testing"

func TestJSFind(t *testing.T) {
	for _, c := range []struct {
		name, src string
		key       string
		path      []string
		want      string // the literal value; "" with found: a non-literal value
		found     bool
	}{
		{"module.exports double quotes", `module.exports = { output: "standalone" }`, "output", nil, "standalone", true},
		{"const then export default", "const nextConfig = {\n  output: 'standalone',\n  reactStrictMode: true,\n};\nexport default nextConfig;\n", "output", nil, "standalone", true},
		{"TypeScript with a type annotation", "import type { NextConfig } from 'next';\nconst nextConfig: NextConfig = { output: 'standalone' };\nexport default nextConfig;\n", "output", nil, "standalone", true},
		{"spaces and a backtick", "export default {\n  output  :   `standalone`\n}", "output", nil, "standalone", true},
		{"quoted key", `module.exports = { "output": "standalone" }`, "output", nil, "standalone", true},
		{"wrapped in a plugin", "export default withBundleAnalyzer({ output: 'standalone' })", "output", nil, "standalone", true},
		{"function config", "module.exports = (phase) => {\n  return { output: 'standalone' }\n}", "output", nil, "standalone", true},
		{"line comment does not count", "const nextConfig = {\n  // output: 'standalone',\n  reactStrictMode: true,\n};", "output", nil, "", false},
		{"block comment does not count", "export default {\n  /* output: 'standalone', */\n}", "output", nil, "", false},
		{"inside a string does not count", `const note = "output: 'standalone'"; export default {}`, "output", nil, "", false},
		{"nested under another key does not count", "export default { experimental: { output: 'standalone' } }", "output", nil, "", false},
		{"template with a substitution is not literal", "export default { output: `${mode}` }", "output", nil, "", true},
		{"expression", "export default { output: process.env.STANDALONE ? 'standalone' : undefined }", "output", nil, "", true},
		{"a regex with quotes does not derail", "export default { webpack(c) { c.module.rules.push({ test: /['\"]x/ }); return c }, output: 'standalone' }", "output", nil, "standalone", true},
		{"division is not a regex", "const half = 4 / 2; export default { output: 'standalone', x: half / 2 }", "output", nil, "standalone", true},
		{"vite build.outDir", "import { defineConfig } from 'vite'\nexport default defineConfig({\n  plugins: [react()],\n  build: { outDir: 'web', sourcemap: true },\n})\n", "outDir", []string{"build"}, "web", true},
		{"vite function config", "export default defineConfig(({ mode }) => ({ build: { outDir: 'out' } }))", "outDir", []string{"build"}, "out", true},
		{"vite build.lib", "export default defineConfig({ build: { rollupOptions: { external: ['vue'] }, lib: { entry: 'src/index.ts' } } })", "lib", []string{"build"}, "", true},
		{"an alias named lib is not build.lib", "export default defineConfig({ resolve: { alias: { lib: '/src/lib' } } })", "lib", []string{"build"}, "", false},
		{"vitest test.root is not root", "export default defineConfig({ test: { root: './tests' } })", "root", nil, "", false},
		{"a literal wins over a type", "type C = { output: string }\nexport default { output: 'export' } satisfies C", "output", nil, "export", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, ok := jsFind(jsProps(c.src), c.key, c.path...)
			if ok != c.found || p.value != c.want || (c.want != "" && !p.literal) || (c.want == "" && p.literal) {
				t.Errorf("jsFind(%s) = %+v, %v; want %q, %v", c.key, p, ok, c.want, c.found)
			}
		})
	}
}

func TestJSPropLines(t *testing.T) {
	src := "/* header\n * comment */\nexport default {\n  build: {\n    `multi\nline`: 1,\n    outDir: x,\n  },\n}\n"
	p, ok := jsFind(jsProps(src), "outDir", "build")
	if !ok || p.line != 7 || p.literal {
		t.Errorf("outDir = %+v, %v; want line 7, not literal", p, ok)
	}
}
