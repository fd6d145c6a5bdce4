package workspace

import (
	"strings"
	"testing"
)

// badCase is one entry of the bad-input catalog (issue 3, point 6): a tiny
// workspace, what is done with it, and the file and words the error must
// carry. Every error must also say how to fix it.
type badCase struct {
	name    string
	files   files
	act     func(*Workspace) error // after a successful Load; nil: Load itself must fail
	file    string                 // the *Error's File
	line    int                    // the *Error's Line, when the case pins it
	problem []string               // substrings of Problem
	fix     []string               // substrings of Fix, when the case pins them
}

func app(name string) func(*Workspace) error {
	return func(w *Workspace) error { _, err := w.App(name); return err }
}

func versions(node, pnpm string) func(*Workspace) error {
	return func(w *Workspace) error { _, err := w.ResolveVersions(node, pnpm); return err }
}

// withRoot replaces the monorepo's root package.json, keeping the lockfile in step.
func withRoot(fields obj) files {
	return monorepo().with("package.json", pkg("monorepo", fields)).locked()
}

func withApp1(fields obj) files {
	base := obj{"version": "1.0.0", "scripts": obj{"start": "node dist/index.js"}}
	for k, v := range fields {
		base[k] = v
	}
	return monorepo().with("packages/app1/package.json", pkg("app1", base)).locked()
}

// withRootDev is the monorepo with more root devDependencies, and app1 with
// these scripts and, as name/version pairs, more dependencies.
func withRootDev(dev, scripts obj, deps ...string) files {
	rootDev := obj{"typescript": "^5.6.0"}
	for k, v := range dev {
		rootDev[k] = v
	}
	appDeps := obj{"common": "workspace:*"}
	for i := 0; i+1 < len(deps); i += 2 {
		appDeps[deps[i]] = deps[i+1]
	}
	return monorepo().with(
		"package.json", pkg("monorepo", obj{"private": true, "devDependencies": rootDev}),
		"packages/app1/package.json", pkg("app1", obj{"version": "1.0.0", "scripts": scripts, "dependencies": appDeps}),
	).locked()
}

// withStart is a single package with a start script and dev dependencies,
// and optionally dependencies and other scripts.
func withStart(start string, dev, deps obj, scripts ...string) files {
	s := obj{"start": start}
	for i := 0; i+1 < len(scripts); i += 2 {
		s[scripts[i]] = scripts[i+1]
	}
	fields := obj{"version": "1.0.0", "scripts": s, "devDependencies": dev}
	if deps != nil {
		fields["dependencies"] = deps
	}
	return files{"package.json": pkg("svc", fields)}.locked()
}

// devOnlyFix is the fix of every start script that needs a devDependency.
func devOnlyFix(pkg string) []string {
	return []string{`build to JavaScript and start it with node (e.g. "start": "node dist/index.js"), or move ` + pkg + ` from devDependencies to dependencies`}
}

func withWorkspaceYAML(yaml string) files {
	return monorepo().with("pnpm-workspace.yaml", yaml)
}

func withLockfile(lock string) files {
	return monorepo().with("pnpm-lock.yaml", lock)
}

var badCases = []badCase{
	// package.json
	{name: "missing root package.json", files: monorepo().without("package.json"),
		file: "package.json", problem: []string{"missing package.json"}},
	{name: "missing package.json in a listed package", files: withWorkspaceYAML("packages:\n  - packages/*\n  - tools/cli\n").with("tools/cli/README.md", "x"),
		file: "tools/cli/package.json", problem: []string{"missing package.json", "tools/cli"}},
	{name: "unreadable package.json", files: monorepo().with("packages/app1/package.json", "dir:"),
		file: "packages/app1/package.json", problem: []string{"cannot read"}},
	{name: "invalid JSON with line", files: monorepo().with("packages/app1/package.json", "{\n  \"name\": \"app1\",\n  \"version\": \"1.0.0\",,\n}\n"),
		file: "packages/app1/package.json", line: 3, problem: []string{"invalid JSON"}},
	{name: "field of the wrong JSON type", files: withApp1(obj{"scripts": []string{"node index.js"}}),
		file: "packages/app1/package.json", problem: []string{"scripts is a JSON array", "expected an object"}},
	{name: "invalid package name", files: withApp1(obj{}).with("packages/app1/package.json", pkg("App One", obj{})),
		file: "packages/app1/package.json", problem: []string{`"App One" is not a valid npm name`}},
	{name: "duplicate package names", files: monorepo().with("packages/app2/package.json", pkg("app1", obj{})).locked(),
		file: "packages/app2/package.json", problem: []string{`duplicate package name "app1"`, "packages/app1/package.json"}},
	{name: "config.port not a port", files: withApp1(obj{"config": obj{"port": "http"}}),
		file: "packages/app1/package.json", problem: []string{"config.port", "not a valid port"}},

	// YAML
	{name: "invalid pnpm-workspace.yaml with line", files: withWorkspaceYAML("packages:\n  - packages/*\ncatalog:\n\tms: ^2.1.0\n"),
		file: "pnpm-workspace.yaml", line: 4, problem: []string{"invalid YAML"}},
	{name: "pnpm-workspace.yaml of the wrong shape", files: withWorkspaceYAML("packages: packages/*\n"),
		file: "pnpm-workspace.yaml", line: 1, problem: []string{"invalid YAML", "cannot unmarshal"}},
	{name: "pnpm-workspace.yaml not a mapping", files: withWorkspaceYAML("- packages/*\n"),
		file: "pnpm-workspace.yaml", line: 1, problem: []string{"expected a mapping"}},
	{name: "invalid pnpm-lock.yaml with line", files: withLockfile("lockfileVersion: '9.0'\nimporters:\n  .: {\n  packages/app1: {}\n"),
		file: "pnpm-lock.yaml", problem: []string{"invalid YAML"}},

	// Workspace protocol, catalogs, graph
	{name: "workspace: dependency not in the workspace", files: withApp1(obj{"dependencies": obj{"utils": "workspace:*"}}),
		file: "packages/app1/package.json", problem: []string{`dependencies.utils is "workspace:*"`, `no workspace package is named "utils"`}},
	{name: "workspace: range the workspace package does not satisfy", files: withApp1(obj{"dependencies": obj{"common": "workspace:^2.0.0"}}),
		file: "packages/app1/package.json", problem: []string{"common is version 1.0.0"}},
	{name: "dependency cycle", files: monorepo().with("packages/common/package.json", pkg("common", obj{"version": "1.0.0", "devDependencies": obj{"app2": "workspace:*"}})).locked(),
		file: "packages/app2/package.json", problem: []string{"dependency cycle: common -> app2 -> common"}},
	{name: "missing default catalog entry", files: withApp1(obj{"dependencies": obj{"react": "catalog:"}}).with("pnpm-workspace.yaml", "packages:\n  - packages/*\ncatalog:\n  vue: ^3.5.0\n"),
		file: "pnpm-workspace.yaml", line: 3, problem: []string{"packages/app1/package.json", "default catalog has no entry for react"}},
	{name: "missing named catalog", files: withApp1(obj{"dependencies": obj{"react": "catalog:react18"}}),
		file: "pnpm-workspace.yaml", problem: []string{"there is no react18 catalog"}},
	{name: "default catalog defined twice", files: withWorkspaceYAML("packages:\n  - packages/*\ncatalog:\n  ms: ^2.1.0\ncatalogs:\n  default:\n    ms: ^2.1.0\n"),
		file: "pnpm-workspace.yaml", line: 6, problem: []string{"default catalog is defined twice"}},

	// Escaping the root
	{name: "glob escaping the root through ..", files: withWorkspaceYAML("packages:\n  - packages/*\n  - ../shared/*\n"),
		file: "pnpm-workspace.yaml", line: 3, problem: []string{`"../shared/*" escapes the workspace root`}},
	{name: "absolute glob", files: withWorkspaceYAML("packages:\n  - /srv/packages/*\n"),
		file: "pnpm-workspace.yaml", line: 2, problem: []string{"absolute path"}},
	{name: "link: dependency escaping the root", files: withApp1(obj{"dependencies": obj{"lib": "link:../../../lib"}}),
		file: "packages/app1/package.json", problem: []string{`"link:../../../lib"`, "outside the workspace root"}},
	{name: "file: dependency with an absolute path", files: withApp1(obj{"dependencies": obj{"lib": "file:/opt/lib"}}),
		file: "packages/app1/package.json", problem: []string{"absolute path outside the workspace root"}},
	{name: "symlinked package pointing outside the root", files: monorepo().with("packages/evil", "symlink:$OUTSIDE"),
		file: "packages/evil", problem: []string{"is a symlink to", "outside the workspace root"}},
	{name: "package.json symlink pointing outside the root", files: monorepo().with("packages/app1/package.json", "symlink:$OUTSIDE/package.json"),
		file: "packages/app1/package.json", problem: []string{"is a symlink to", "outside the workspace root"}},

	// Lockfile
	{name: "missing lockfile", files: monorepo().without("pnpm-lock.yaml"),
		file: "pnpm-lock.yaml", problem: []string{"the lockfile is missing"}},
	{name: "lockfile without a package's importer", files: monorepo().with("packages/app3/package.json", pkg("app3", obj{})),
		file: "pnpm-lock.yaml", problem: []string{"out of date", "no importer for packages/app3"}},
	{name: "lockfile with an importer that is not a package", files: monorepo().without("packages/app2/package.json"),
		file: "pnpm-lock.yaml", problem: []string{"out of date", "not workspace packages: packages/app2"}},
	{name: "lockfile missing a new dependency", files: monorepo().with("packages/app1/package.json", pkg("app1", obj{"dependencies": obj{"common": "workspace:*", "ms": "^2.1.3", "zod": "^3.23.0"}})),
		file: "pnpm-lock.yaml", problem: []string{"out of date with packages/app1/package.json", "dependencies.zod"}},
	{name: "lockfile with a removed dependency", files: monorepo().with("packages/app1/package.json", pkg("app1", obj{"dependencies": obj{"common": "workspace:*"}})),
		file: "pnpm-lock.yaml", problem: []string{"out of date with packages/app1/package.json", "locks ms, which that package.json does not declare"}},
	{name: "lockfile with a merge conflict", files: withLockfile(monorepo()["pnpm-lock.yaml"] + "\npackages:\n<<<<<<< HEAD\n  ms@2.1.3: {}\n=======\n  ms@2.1.2: {}\n>>>>>>> main\n"),
		file: "pnpm-lock.yaml", problem: []string{"unresolved merge conflict"}},
	{name: "invalid YAML after a skipped section keeps its line", files: withLockfile("lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {}\n  b@1.0.0: {}\nimporters:\n  .: {\n"),
		file: "pnpm-lock.yaml", line: 6, problem: []string{"invalid YAML"}},
	{name: "lockfileVersion 6.0", files: withLockfile("lockfileVersion: '6.0'\nimporters: {}\n"),
		file: "pnpm-lock.yaml", line: 1, problem: []string{`unsupported lockfileVersion "6.0"`, "pnpm 8"}},
	{name: "lockfileVersion 5.4", files: withLockfile("lockfileVersion: 5.4\nspecifiers: {}\n"),
		file: "pnpm-lock.yaml", line: 1, problem: []string{`unsupported lockfileVersion "5.4"`, "pnpm 7"}},

	// Malformed semver
	{name: "malformed dependency range", files: withApp1(obj{"dependencies": obj{"ms": "^2.1.x.3"}}),
		file: "packages/app1/package.json", problem: []string{`dependencies.ms: "^2.1.x.3" is not a valid semver range`}},
	{name: "malformed version", files: withApp1(obj{"version": "1.0"}),
		file: "packages/app1/package.json", problem: []string{`version "1.0" is not valid semver`}},
	{name: "malformed engines.node", files: withRoot(obj{"private": true, "engines": obj{"node": ">=twenty"}}),
		file: "package.json", problem: []string{`engines.node ">=twenty"`}},
	{name: "malformed catalog entry", files: withWorkspaceYAML("packages:\n  - packages/*\ncatalog:\n  ms: ^2..1\n"),
		file: "pnpm-workspace.yaml", line: 4, problem: []string{`catalog entry ms: "^2..1"`}},
	{name: "malformed workspace: range", files: withApp1(obj{"dependencies": obj{"common": "workspace:^1.x.y.z"}}),
		file: "packages/app1/package.json", problem: []string{"is not a valid semver range"}},
	{name: "malformed packageManager version", files: withRoot(obj{"packageManager": "pnpm@ten"}),
		file: "package.json", problem: []string{`"ten" is not a valid semver version`}},
	{name: "malformed devEngines version", files: withRoot(obj{"devEngines": obj{"runtime": obj{"name": "node", "version": "^22.x.y.z"}}}),
		file: "package.json", problem: []string{"devEngines.runtime node version"}},
	{name: "mise.toml with a Node version that is none", files: monorepo().with("mise.toml", "[env]\nX = \"1\"\n\n[tools]\nnode = \"twenty\"\n"),
		file: "mise.toml", line: 5, problem: []string{`"twenty" is not a valid Node version`}},
	{name: "mise.toml that is not TOML", files: monorepo().with("mise.toml", "[tools\nnode = 22\n"),
		file: "mise.toml", line: 2, problem: []string{"invalid TOML"}, fix: []string{"fix the TOML syntax"}},
	{name: "malformed .nvmrc", files: monorepo().with(".nvmrc", "twenty-two\n"),
		file: ".nvmrc", line: 1, problem: []string{`"twenty-two" is not a valid Node version`}},

	// Package manager and engines
	{name: "packageManager that is not pnpm", files: withRoot(obj{"packageManager": "yarn@4.5.0"}),
		file: "package.json", problem: []string{`packageManager "yarn@4.5.0" is not pnpm`}},
	{name: "devEngines.packageManager that is not pnpm", files: withRoot(obj{"devEngines": obj{"packageManager": obj{"name": "npm"}}}),
		file: "package.json", problem: []string{"names npm, not pnpm"}},
	{name: "devEngines.runtime that is not node", files: withRoot(obj{"devEngines": obj{"runtime": []obj{{"name": "bun"}}}}),
		file: "package.json", problem: []string{"names bun, not node"}},
	{name: "Node conflict between engines.node and .nvmrc", files: withRoot(obj{"engines": obj{"node": "^20.10.0"}}).with(".nvmrc", "v22.12.0\n"), act: versions("", ""),
		file: ".nvmrc", line: 1, problem: []string{`package.json engines.node "^20.10.0"`, `.nvmrc "v22.12.0"`}},
	{name: "Node requirement no supported major meets", files: withRoot(obj{"engines": obj{"node": "<20"}}), act: versions("", ""),
		file: "package.json", problem: []string{`engines.node "<20"`, "no supported Node major"}},
	{name: "explicit Node that is not supported", files: monorepo(), act: versions("18", ""),
		file: "", problem: []string{`explicit Node version "18"`, "no supported Node major"}},
	{name: "pnpm conflict between packageManager and engines.pnpm", files: withRoot(obj{"packageManager": "pnpm@9.15.0", "engines": obj{"pnpm": ">=10"}}), act: versions("", ""),
		file: "package.json", problem: []string{`packageManager "pnpm@9.15.0"`, `engines.pnpm ">=10"`}},
	{name: "pnpm that cannot read the lockfile", files: withRoot(obj{"packageManager": "pnpm@8.15.9"}), act: versions("", ""),
		file: "package.json", problem: []string{`packageManager "pnpm@8.15.9" cannot read pnpm-lock.yaml lockfileVersion 9.0`}},
	{name: "pnpm 11 with a Node it does not run on", files: withRoot(obj{"packageManager": "pnpm@11.2.0", "engines": obj{"node": "^20"}}), act: versions("", ""),
		file: "package.json", problem: []string{"pnpm 11", "needs Node >=22.13", `engines.node "^20"`}},

	// Workspace contents and apps
	{name: "globs that match nothing", files: withWorkspaceYAML("packages:\n  - apps/*\n"),
		file: "pnpm-workspace.yaml", line: 2, problem: []string{`["apps/*"] match no package`}},
	{name: "empty packages list", files: withWorkspaceYAML("packages: []\n"),
		file: "pnpm-workspace.yaml", line: 1, problem: []string{"packages is empty"}},
	{name: "unknown app lists the known ones", files: monorepo(), act: app("app3"),
		file: "", problem: []string{`unknown app "app3"`, "the apps are: app1, app2"}},
	{name: "app without a start script", files: monorepo(), act: app("common"),
		file: "packages/common/package.json", problem: []string{`"common" has no start script`}},
	{name: "no app named in a multi-app workspace", files: monorepo(), act: app(""),
		file: "", problem: []string{"2 apps", "app1, app2"}},
	{name: "workspace without apps", files: single().with("package.json", pkg("single", obj{"dependencies": obj{"ms": "^2.1.3"}})).locked(), act: app(""),
		file: "package.json", problem: []string{"no package has a start script or builds a static site (vite, react-scripts, astro, next export, sveltekit)"}},
	{name: "app that is a vite library", files: withApp1(obj{"scripts": obj{"build": "vite build"}, "devDependencies": obj{"vite": "5.4.21"}}).with("packages/app1/index.html", "<!doctype html>", "packages/app1/vite.config.ts", "export default {\n  build: { lib: { entry: 'src/index.ts' } },\n}\n"), act: app("app1"),
		file: "packages/app1/package.json", line: 6, problem: []string{`"app1" has no start script and builds no static site`, "packages/app1/vite.config.ts builds a library (build.lib)"},
		fix: []string{"add a start script to packages/app1/package.json", "static directory"}},
	{name: "static directory outside the package", files: monorepo(), act: func(w *Workspace) error { _, err := w.AppWith("app1", AppOptions{StaticDir: "../dist"}); return err },
		file: "", problem: []string{`static directory "../dist" of app "app1" is not inside its package directory packages/app1`}, fix: []string{"relative to it"}},

	// Start scripts that need a devDependency in the image
	{name: "start runs ts-node from devDependencies", files: withStart("ts-node src/index.ts", obj{"ts-node": "10.9.2", "typescript": "5.9.3"}, nil), act: app(""),
		file: "package.json", line: 8, problem: []string{`start script "ts-node src/index.ts" runs ts-node, which only devDependencies provide (ts-node 10.9.2)`, "installs dependencies only"},
		fix: devOnlyFix("ts-node")},
	{name: "nest start, with a start:prod script the image can run", files: withStart("nest start", obj{"@nestjs/cli": "11.0.10"}, obj{"@nestjs/core": "11.1.6"},
		"start:dev", "node dist/main --watch", "start:debug", "nest start --debug", "start:prod", "node dist/main"), act: app(""),
		file: "package.json", problem: []string{`start script "nest start" runs nest from @nestjs/cli, which only devDependencies provide`},
		fix: []string{`use the start:prod script as the start script ("start": "node dist/main"), or move @nestjs/cli from devDependencies to dependencies`}},
	{name: "start runs tsc, which typescript provides", files: withStart("tsc && node dist/index.js", obj{"typescript": "5.9.3"}, nil), act: app(""),
		file: "package.json", line: 7, problem: []string{"runs tsc from typescript, which only devDependencies provide (typescript 5.9.3)"}, fix: devOnlyFix("typescript")},
	{name: "start runs tsx through pnpm exec", files: withStart("pnpm exec tsx src/index.ts", obj{"tsx": "4.19.2"}, nil), act: app(""),
		file: "package.json", line: 7, problem: []string{`start script "pnpm exec tsx src/index.ts" runs tsx`}, fix: devOnlyFix("tsx")},
	{name: "start runs tsx through npx", files: withStart("npx --yes tsx src/index.ts", obj{"tsx": "4.19.2"}, nil), act: app(""),
		file: "package.json", problem: []string{"runs tsx, which only devDependencies provide"}, fix: devOnlyFix("tsx")},
	{name: "start runs serve through npx, which no dependency provides", files: withStart("npx serve -s build/client -l 5173", obj{"vite": "6.3.5"}, nil), act: app(""),
		file: "package.json", line: 7, problem: []string{`start script "npx serve -s build/client -l 5173" runs serve through npx, which no dependency of svc provides`, "download it from the registry each time the container starts"},
		fix: []string{"add serve to the dependencies in package.json (npx then runs the installed one), or drop npx"}},
	{name: "start runs a pinned serve through npx, serve a devDependency", files: withStart("npx serve@14 -s dist", obj{"serve": "14.2.4"}, nil), act: app(""),
		file: "package.json", problem: []string{"runs serve@14 through npx"}, fix: []string{"move serve from devDependencies to dependencies in package.json"}},
	{name: "start runs a pinned sirv through npm exec", files: withStart("npm exec -- sirv@3 dist", obj{"vite": "6.3.5"}, nil), act: app(""),
		file: "package.json", problem: []string{"runs sirv@3 through npx"}, fix: []string{"add sirv-cli to the dependencies"}},
	{name: "postinstall runs a program only devDependencies provide", files: withStart("node dist/index.js", obj{"prisma": "6.19.0"}, obj{"@prisma/client": "6.19.0"}, "postinstall", "prisma generate"), act: app(""),
		file: "package.json", line: 10, problem: []string{`postinstall script "prisma generate" runs prisma, which only devDependencies provide (prisma 6.19.0)`, "pnpm deploy --prod runs it among the image's files"},
		fix: []string{"add prisma to the dependencies in package.json, or remove the postinstall script from it"}},
	{name: "prepare runs husky from devDependencies", files: withStart("node dist/index.js", obj{"husky": "9.1.7"}, nil, "prepare", "husky"), act: app(""),
		file: "package.json", problem: []string{`prepare script "husky" runs husky`}},
	{name: "start runs tsx behind cross-env", files: withStart("cross-env NODE_ENV=production tsx src/index.ts", obj{"tsx": "4.19.2"}, obj{"cross-env": "7.0.3"}), act: app(""),
		file: "package.json", problem: []string{"runs tsx, which only devDependencies provide"}, fix: devOnlyFix("tsx")},
	{name: "start runs cross-env from devDependencies", files: withStart("cross-env NODE_ENV=production node dist/index.js", obj{"cross-env": "7.0.3"}, nil), act: app(""),
		file: "package.json", problem: []string{"runs cross-env, which only devDependencies provide (cross-env 7.0.3)"}, fix: devOnlyFix("cross-env")},
	{name: "start runs nodemon behind env assignments", files: withStart("NODE_ENV=production PORT=8000 nodemon dist/index.js", obj{"nodemon": "3.1.9"}, nil), act: app(""),
		file: "package.json", problem: []string{"runs nodemon"}, fix: devOnlyFix("nodemon")},
	{name: "start preloads ts-node/register", files: withStart("node -r ts-node/register src/index.ts", obj{"ts-node": "10.9.2"}, nil), act: app(""),
		file: "package.json", problem: []string{"preloads ts-node/register, which only devDependencies provide (ts-node 10.9.2)"}, fix: devOnlyFix("ts-node")},
	{name: "start runs a script that runs tsx", files: withStart("pnpm serve", obj{"tsx": "4.19.2"}, nil, "serve", "tsx src/index.ts"), act: app(""),
		file: "package.json", problem: []string{`start script "pnpm serve" (through the serve script "tsx src/index.ts") runs tsx`}, fix: devOnlyFix("tsx")},
	{name: "start passes arguments to a script", files: withStart("npm run with-env -- tsx src/index.ts", obj{"tsx": "4.19.2"}, obj{"dotenv-cli": "10.0.0"}, "with-env", "dotenv -e .env --"), act: app(""),
		file: "package.json", problem: []string{`start script "npm run with-env -- tsx src/index.ts" (through the with-env script "dotenv -e .env --") runs tsx`}, fix: devOnlyFix("tsx")},
	{name: "start runs a binary only the workspace root provides", files: withRootDev(obj{"dotenv-cli": "10.0.0"}, obj{"start": "dotenv -e ../../.env -- node dist/index.js"}), act: app("app1"),
		file: "packages/app1/package.json", line: 7, problem: []string{`runs dotenv from dotenv-cli, which only the workspace root's devDependencies provide (dotenv-cli 10.0.0 in package.json), and the image installs the dependencies of packages/app1 only`},
		fix: []string{"add dotenv-cli to the dependencies in packages/app1/package.json"}},
	{name: "next start behind a root devDependency, through pnpm", files: withRootDev(obj{"dotenv-cli": "10.0.0"}, obj{"build": "next build", "start": "pnpm with-env next start", "with-env": "dotenv -e ../../.env --"}, "next", "16.0.7"), act: app("app1"),
		file: "packages/app1/package.json", problem: []string{`start script "pnpm with-env next start" (through the with-env script "dotenv -e ../../.env --") runs dotenv from dotenv-cli`},
		fix: []string{"add dotenv-cli to the dependencies in packages/app1/package.json", "set output: 'standalone' in packages/app1/next.config.mjs"}},
	{name: "start runs pnpm", files: withStart("pnpm serve --port 8000", obj{"typescript": "5.9.3"}, nil, "serve", "node dist/server.js"), act: app(""),
		file: "package.json", line: 8, problem: []string{`start script "pnpm serve --port 8000" (through the serve script "node dist/server.js") runs pnpm, which the image does not have`},
		fix: []string{`write the command that pnpm runs as the start script: "start": "node dist/server.js --port 8000"`}},
	{name: "start runs pnpm exec", files: withStart("pnpm exec node dist/index.js", obj{"typescript": "5.9.3"}, nil), act: app(""),
		file: "package.json", problem: []string{"runs pnpm, which the image does not have"}, fix: []string{`"start": "node dist/index.js"`}},
	{name: "start runs pnpm start, a loop", files: withStart("pnpm start", obj{"typescript": "5.9.3"}, nil), act: app(""),
		file: "package.json", problem: []string{`start script "pnpm start" runs pnpm`}, fix: []string{"write the command that pnpm runs as the start script"}},
	{name: "start runs pnpm behind an assignment", files: withStart("NODE_ENV=production pnpm serve", obj{"typescript": "5.9.3"}, nil, "serve", "node dist/server.js"), act: app(""),
		file: "package.json", problem: []string{"runs pnpm, which the image does not have"}, fix: []string{"write the command that pnpm runs as the start script"}},
	{name: "start runs a pnpm command", files: withStart("pnpm -r --parallel start", obj{"typescript": "5.9.3"}, nil), act: app(""),
		file: "package.json", problem: []string{`start script "pnpm -r --parallel start" runs pnpm`}, fix: []string{"write the command that pnpm runs as the start script"}},
	{name: "next start with next in devDependencies", files: withApp1(obj{"scripts": obj{"build": "next build", "start": "next start -p 3000"}, "devDependencies": obj{"next": "14.2.35"}}), act: app("app1"),
		file: "packages/app1/package.json", line: 8, problem: []string{`start script "next start -p 3000" runs next`},
		fix: append(devOnlyFix("next"), "set output: 'standalone' in packages/app1/next.config.mjs")},
	{name: "a vite site served by serve from devDependencies", files: withApp1(obj{"scripts": obj{"build": "vite build", "start": "serve -s dist -l 8000"}, "devDependencies": obj{"vite": "5.4.21", "serve": "14.2.4"}}).with("packages/app1/index.html", "<!doctype html>"), act: app("app1"),
		file: "packages/app1/package.json", line: 9, problem: []string{"runs serve, which only devDependencies provide (serve 14.2.4)"},
		fix: append(devOnlyFix("serve"), "remove the start script to ship dist/ as a static site (vite)")},
	{name: "missing patch file", files: withWorkspaceYAML("packages:\n  - packages/*\npatchedDependencies:\n  ms@2.1.3: patches/ms@2.1.3.patch\n"),
		file: "pnpm-workspace.yaml", line: 4, problem: []string{"patches/ms@2.1.3.patch", "does not exist"}},
}

func TestBadInput(t *testing.T) {
	if len(badCases) < 25 {
		t.Fatalf("the catalog needs at least 25 cases, has %d", len(badCases))
	}
	for _, c := range badCases {
		t.Run(c.name, func(t *testing.T) {
			w, err := Load(c.files.write(t))
			if c.act != nil {
				if err != nil {
					t.Fatalf("Load failed before the action: %v", err)
				}
				err = c.act(w)
			}
			if err == nil {
				t.Fatal("want an error, got none")
			}
			e := asError(t, err)
			t.Log(e)
			if e.File != c.file {
				t.Errorf("File = %q, want %q (error: %v)", e.File, c.file, e)
			}
			if c.line != 0 && e.Line != c.line {
				t.Errorf("Line = %d, want %d (error: %v)", e.Line, c.line, e)
			}
			for _, want := range c.problem {
				if !strings.Contains(e.Problem, want) {
					t.Errorf("Problem %q does not contain %q", e.Problem, want)
				}
			}
			if e.Fix == "" {
				t.Errorf("no Fix in %v", e)
			}
			for _, want := range c.fix {
				if !strings.Contains(e.Fix, want) {
					t.Errorf("Fix %q does not contain %q", e.Fix, want)
				}
			}
			if c.file != "" && !strings.HasPrefix(e.Error(), c.file+":") {
				t.Errorf("Error() %q does not start with the file", e.Error())
			}
		})
	}
}
