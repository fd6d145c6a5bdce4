package workspace

import "testing"

func TestResolveVersions(t *testing.T) {
	for _, c := range []struct {
		name       string
		files      files
		node, pnpm string // explicit arguments
		nodeMajor  int
		nodeSource string
		pnpmSpec   string
		pnpmMajor  int
		pnpmSource string
	}{
		{name: "nothing pinned: newest Node, newest pnpm writing lockfile 9.0", files: single(),
			nodeMajor: 26, nodeSource: defaultNodeSource, pnpmSpec: "10", pnpmMajor: 10, pnpmSource: "pnpm-lock.yaml lockfileVersion 9.0"},
		{name: "engines.node range", files: withRoot(obj{"engines": obj{"node": ">=20 <23"}}),
			nodeMajor: 22, nodeSource: `package.json engines.node ">=20 <23"`, pnpmSpec: "10", pnpmMajor: 10, pnpmSource: "pnpm-lock.yaml lockfileVersion 9.0"},
		{name: "asdf .tool-versions", files: monorepo().with(".tool-versions", "# tools\npython 3.12.1\nnodejs 22.1.0 20.11.0\n"),
			nodeMajor: 22, nodeSource: `.tool-versions "22.1.0"`, pnpmSpec: "10", pnpmMajor: 10, pnpmSource: "pnpm-lock.yaml lockfileVersion 9.0"},
		{name: "mise.toml", files: monorepo().with("mise.toml", "[tools]\ndotenvx = \"1\"\nnode = \"22\"\npnpm = \"10\"\n\n[tasks.x]\nrun = \"true\"\n"),
			nodeMajor: 22, nodeSource: `mise.toml "22"`, pnpmSpec: "10", pnpmMajor: 10, pnpmSource: "pnpm-lock.yaml lockfileVersion 9.0"},
		{name: ".mise.toml with a list and a table", files: monorepo().with(".mise.toml", "[tools]\nnode = [\"20\", \"22\"]\n"),
			nodeMajor: 20, nodeSource: `.mise.toml "20"`, pnpmSpec: "10", pnpmMajor: 10, pnpmSource: "pnpm-lock.yaml lockfileVersion 9.0"},
		{name: "mise.toml node table, prefix", files: monorepo().with("mise.toml", "[tools]\nnode = { version = \"prefix:24\" }\n"),
			nodeMajor: 24, nodeSource: `mise.toml "24"`, pnpmSpec: "10", pnpmMajor: 10, pnpmSource: "pnpm-lock.yaml lockfileVersion 9.0"},
		{name: "mise lts", files: monorepo().with("mise.toml", "[tools]\nnode = \"lts\"\n"),
			nodeMajor: 26, nodeSource: `mise.toml "lts"`, pnpmSpec: "10", pnpmMajor: 10, pnpmSource: "pnpm-lock.yaml lockfileVersion 9.0"},
		{name: ".nvmrc before mise.toml", files: monorepo().with(".nvmrc", "20\n", "mise.toml", "[tools]\nnode = \"22\"\n"),
			nodeMajor: 20, nodeSource: `.nvmrc "20"`, pnpmSpec: "10", pnpmMajor: 10, pnpmSource: "pnpm-lock.yaml lockfileVersion 9.0"},
		{name: "exact .nvmrc pins its major", files: monorepo().with(".nvmrc", "v20.11.0\n"),
			nodeMajor: 20, nodeSource: `.nvmrc "v20.11.0"`, pnpmSpec: "10", pnpmMajor: 10, pnpmSource: "pnpm-lock.yaml lockfileVersion 9.0"},
		{name: ".nvmrc LTS codename", files: monorepo().with(".nvmrc", "lts/jod\n"),
			nodeMajor: 22, nodeSource: `.nvmrc "lts/jod"`, pnpmSpec: "10", pnpmMajor: 10, pnpmSource: "pnpm-lock.yaml lockfileVersion 9.0"},
		{name: ".node-version when there is no .nvmrc", files: monorepo().with(".node-version", "24\n"),
			nodeMajor: 24, nodeSource: `.node-version "24"`, pnpmSpec: "10", pnpmMajor: 10, pnpmSource: "pnpm-lock.yaml lockfileVersion 9.0"},
		{name: "devEngines.runtime ahead of engines.node, both applied",
			files:     withRoot(obj{"devEngines": obj{"runtime": []obj{{"name": "node", "version": ">=20"}}}, "engines": obj{"node": "<25"}}),
			nodeMajor: 24, nodeSource: `package.json devEngines.runtime ">=20"`, pnpmSpec: "10", pnpmMajor: 10, pnpmSource: "pnpm-lock.yaml lockfileVersion 9.0"},
		{name: "explicit Node overrides the workspace", files: withRoot(obj{"engines": obj{"node": "^20"}}), node: "24",
			nodeMajor: 24, nodeSource: `explicit Node version "24"`, pnpmSpec: "10", pnpmMajor: 10, pnpmSource: "pnpm-lock.yaml lockfileVersion 9.0"},
		{name: "packageManager with a hash", files: withRoot(obj{"packageManager": "pnpm@10.12.1+sha512.abcdef"}),
			nodeMajor: 26, nodeSource: defaultNodeSource, pnpmSpec: "10.12.1", pnpmMajor: 10, pnpmSource: `package.json packageManager "pnpm@10.12.1+sha512.abcdef"`},
		{name: "devEngines.packageManager range", files: withRoot(obj{"devEngines": obj{"packageManager": obj{"name": "pnpm", "version": "^9.5"}}}),
			nodeMajor: 26, nodeSource: defaultNodeSource, pnpmSpec: "^9.5", pnpmMajor: 9, pnpmSource: `package.json devEngines.packageManager "^9.5"`},
		{name: "packageManager ahead of engines.pnpm", files: withRoot(obj{"packageManager": "pnpm@10.34.9", "engines": obj{"pnpm": ">=10"}}),
			nodeMajor: 26, nodeSource: defaultNodeSource, pnpmSpec: "10.34.9", pnpmMajor: 10, pnpmSource: `package.json packageManager "pnpm@10.34.9"`},
		{name: "engines.pnpm range with an upper bound", files: withRoot(obj{"engines": obj{"pnpm": ">=9 <11"}}),
			nodeMajor: 26, nodeSource: defaultNodeSource, pnpmSpec: ">=9 <11", pnpmMajor: 10, pnpmSource: `package.json engines.pnpm ">=9 <11"`},
		{name: "narrow pnpm range below the newest patch", files: withRoot(obj{"engines": obj{"pnpm": "~10.12.1"}}),
			nodeMajor: 26, nodeSource: defaultNodeSource, pnpmSpec: "~10.12.1", pnpmMajor: 10, pnpmSource: `package.json engines.pnpm "~10.12.1"`},
		{name: "explicit pnpm overrides packageManager", files: withRoot(obj{"packageManager": "pnpm@9.15.9"}), pnpm: "11",
			nodeMajor: 26, nodeSource: defaultNodeSource, pnpmSpec: "11", pnpmMajor: 11, pnpmSource: `explicit pnpm version "11"`},
		{name: "pnpm 11 keeps Node 22 (22.23.3 >= 22.13)", files: withRoot(obj{"packageManager": "pnpm@11.28.11", "engines": obj{"node": "^22"}}),
			nodeMajor: 22, nodeSource: `package.json engines.node "^22"`, pnpmSpec: "11.28.11", pnpmMajor: 11, pnpmSource: `package.json packageManager "pnpm@11.28.11"`},
		{name: "the lockfile default runs on Node 20", files: withRoot(obj{"engines": obj{"node": "^20"}}),
			nodeMajor: 20, nodeSource: `package.json engines.node "^20"`, pnpmSpec: "10", pnpmMajor: 10, pnpmSource: "pnpm-lock.yaml lockfileVersion 9.0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			v, err := c.files.load(t).ResolveVersions(c.node, c.pnpm)
			if err != nil {
				t.Fatal(err)
			}
			want := Versions{Node: NodeVersion{Major: c.nodeMajor, Source: c.nodeSource},
				Pnpm: PnpmVersion{Spec: c.pnpmSpec, Major: c.pnpmMajor, Source: c.pnpmSource}}
			if v != want {
				t.Errorf("got  %+v\nwant %+v", v, want)
			}
		})
	}
}

// The newest-release table must cover every supported major, or the
// "newest release satisfies the range" rule has nothing to test against.
func TestVersionTables(t *testing.T) {
	for _, m := range SupportedNodeMajors {
		if v := nodeNewest(m); int(v.Major()) != m || newestNode[m] == "" {
			t.Errorf("no newest release recorded for Node %d", m)
		}
	}
	for _, r := range pnpmReleases {
		if _, err := parseRange(r.node); err != nil {
			t.Errorf("pnpm %d node range %q: %v", r.major, r.node, err)
		}
	}
}

// pnpm 10.0 to 10.25 refuse a deploy with injection set on the command
// line over a lockfile written without it; a range counts by the newest
// version that matches.
func TestDeploysInjected(t *testing.T) {
	for _, c := range []struct {
		spec  string
		major int
		want  bool
	}{
		{"9.15.9", 9, false}, {"9", 9, false},
		{"10.0.0", 10, false}, {"10.11.1", 10, false}, {"10.25.0", 10, false}, {"10.26.0", 10, true}, {"10.34.9", 10, true},
		{"10", 10, true}, {"^10.5.0", 10, true}, {"~10.11.0", 10, false}, {"<10.20", 10, false}, {"not a version", 10, false},
		{"11.28.11", 11, true}, {"12", 12, true},
	} {
		v := PnpmVersion{Spec: c.spec, Major: c.major}
		if got := v.DeploysInjected(); got != c.want {
			t.Errorf("%+v.DeploysInjected() = %v, want %v", v, got, c.want)
		}
	}
}
