// A step's inputs: the workspace files and directories it reads, given to
// it so that its cache key depends on them and on nothing else, and copied
// into place by the step's own command.

package main

import (
	"context"
	"maps"
	"path"
	"slices"
	"strings"

	"dagger/pnpm/internal/dagger"
	"dagger/pnpm/internal/workspace"

	"golang.org/x/sync/errgroup"
)

// How the inputs reach a step, and why:
//   - A Filter of the caller's source would not do: its key derives from
//     the whole source, so any edit anywhere would re-run every stage.
//   - What has a key of its own content: a file taken from a directory
//     (Dagger keys every File by its content, whatever made the directory),
//     and a subdirectory of a source the CLI uploaded (Dagger identifies
//     those by content).
//   - So a few inputs are mounted one by one, each taken from the source at
//     its path. Dagger hashes each one in a solve of its own, one after
//     another when it loads the step: ~17 ms each here, 5.5 s for the 330
//     inputs of a 200-package build (WithFile/WithDirectory chains cost the
//     same and more).
//   - Many inputs are packed into one file by a short step on the whole
//     source (which runs again after any edit, ~0.4 s), and the step
//     unpacks it: one File, hashed once, keyed by what it holds.
//   - Not one upload of the step's files from the module's own copy
//     (CurrentModule.workdir): it is keyed by content and cheap, but a
//     function result served from Dagger's function cache, in a later call
//     or session, refers to that upload by the call that made it, from a
//     client that has ended, and fails to load ("no active session",
//     "lstat /scratch").

// packThreshold is the number of inputs above which a step gets them
// packed: below it, hashing each (~17 ms) costs less than the packing step.
const packThreshold = 32

// inputsRoot holds a step's mounted inputs while it copies them into place.
const inputsRoot = "/tmp/pnpm-module"

// inputs are the workspace paths one step reads.
type inputs struct {
	// name is the set's name: its mount point under inputsRoot and the
	// name of its pack.
	name  string
	files []string // workspace files, never the .npmrc (see npmrc)
	dirs  []string // workspace directories, taken whole
	// made are files the module writes (workspace path -> contents): the
	// .npmrc without credentials, the pnpm-workspace.yaml of a one-package
	// workspace. They go in after the others and may replace one.
	made map[string]string
}

// packed tells whether the set reaches its step as one packed file.
func (in *inputs) packed() bool { return len(in.files)+len(in.dirs) > packThreshold }

// mountPoint is where the set is mounted.
func (in *inputs) mountPoint() string { return inputsRoot + "/" + in.name }

// packPath is where the set's pack is mounted.
func (in *inputs) packPath() string { return inputsRoot + "/" + in.name + ".pack" }

// manifestInputs are the files the batch's install reads: the lockfile,
// workspace settings and the package.json of the root and of every package
// in the apps' closures. Why: another app's package.json must not re-run
// the install.
func (b *batch) manifestInputs() (*inputs, error) {
	in := &inputs{name: "manifests", made: map[string]string{}}
	// Why a package.json with install lifecycle scripts goes in without
	// them (a file the module writes, keyed by that content): the install
	// has no sources to run them on; the build step runs them (see
	// workspace.InstallManifest).
	deferred := map[*workspace.Package]bool{}
	for _, p := range b.deferredPackages() {
		deferred[p] = true
	}
	for _, f := range withoutNpmrc(b.installManifests()) {
		p := b.model.PackageAt(path.Dir(f))
		if p == nil || path.Base(f) != "package.json" || !deferred[p] {
			in.files = append(in.files, f)
			continue
		}
		stripped, ok, err := p.InstallManifest()
		if err != nil {
			return nil, err
		}
		if !ok {
			in.files = append(in.files, f)
			continue
		}
		in.made[f] = stripped
	}
	if b.model.Single {
		// `pnpm deploy` works only inside a workspace: a one-package
		// workspace of the root leaves the lockfile valid and makes it one.
		// The user's settings in pnpm-workspace.yaml stay.
		settings, err := b.readFile("pnpm-workspace.yaml")
		if err != nil {
			return nil, err
		}
		in.made["pnpm-workspace.yaml"] = workspace.RootOnlyWorkspace(settings)
	}
	return in, nil
}

// sourceInputs are the files the batch's build sees: the closures'
// packages and the directories without packages, whole; the files beside
// packages, one by one; and the .npmrc without its credentials. Why: the
// build must not re-run after an edit of another app. Other packages,
// node_modules, .git and .env files are left out (see copyCommand).
func (b *batch) sourceInputs() (*inputs, error) {
	layout, err := b.model.BuildSources(b.apps...)
	if err != nil {
		return nil, errorf("laying out the sources of %s: %w", b.names(), err)
	}
	settings, err := b.npmrcSettings()
	if err != nil {
		return nil, err
	}
	in := &inputs{name: "sources", files: withoutNpmrc(layout.Files), dirs: layout.Dirs}
	if settings != "" {
		in.made = map[string]string{npmrcFile: settings + "\n"}
	}
	return in, nil
}

func withoutNpmrc(paths []string) []string {
	return slices.DeleteFunc(slices.Clone(paths), func(p string) bool { return p == npmrcFile })
}

// preloadLimit is how many inputs preload has the engine identify at once.
const preloadLimit = 16

// preload has the engine identify every input the batch's steps mount one
// by one, all at once, before the steps are sent: Dagger hashes each input
// (a solve and a checksum) when the query that mounts it arrives, one
// after another, ~25 ms each here; asked for together, the waits overlap
// (a rebuild of app1 after an edit of app2: 0.3 s of hashing before, 0.1 s
// after). The steps then find each input identified in the session.
// Packed sets are one file each and need none.
func (b *batch) preload(ctx context.Context) error {
	manifests, err := b.manifestInputs()
	if err != nil {
		return err
	}
	sources, err := b.sourceInputs()
	if err != nil {
		return err
	}
	files, dirs := map[string]bool{}, map[string]bool{}
	for _, in := range []*inputs{manifests, sources} {
		if in.packed() {
			continue
		}
		for _, f := range in.files {
			files[f] = true
		}
		for _, d := range in.dirs {
			dirs[d] = true
		}
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(preloadLimit)
	for f := range files {
		g.Go(func() error { _, err := b.src.File(f).ID(gctx); return err })
	}
	for d := range dirs {
		g.Go(func() error { _, err := b.src.Directory(d).ID(gctx); return err })
	}
	return g.Wait()
}

// withInputs mounts the set into ctr and returns the shell command that
// puts it into dest.
func (m *Pnpm) withInputs(ctr *dagger.Container, b *batch, in *inputs, dest string) (*dagger.Container, string, error) {
	var copies []string
	if in.packed() {
		packs, err := m.packs(b)
		if err != nil {
			return nil, "", err
		}
		ctr = ctr.WithMountedFile(in.packPath(), packs.File(in.name))
		copies = append(copies, "node -e '"+unpackScript+"' "+in.packPath()+" "+dest)
	} else {
		for _, f := range in.files {
			ctr = ctr.WithMountedFile(in.mountPoint()+"/"+f, b.src.File(f))
		}
		for _, d := range in.dirs {
			ctr = ctr.WithMountedDirectory(in.mountPoint()+"/"+d, b.src.Directory(d))
		}
	}
	for _, f := range slices.Sorted(maps.Keys(in.made)) {
		ctr = ctr.WithMountedFile(in.mountPoint()+"/"+f, dag.File(path.Base(f), in.made[f]))
	}
	if !in.packed() || len(in.made) > 0 {
		// Why tar and its excludes: directories are mounted whole (a
		// filtered one would be keyed by the whole source), and .env files,
		// installed packages and version control never enter a build.
		copies = append(copies, "{ [ ! -d "+in.mountPoint()+" ] || tar -C "+in.mountPoint()+
			" -cf - '--exclude=.env*' --exclude=node_modules --exclude=.git . | tar -C "+dest+" -xf -; }")
	}
	return ctr, strings.Join(copies, " && "), nil
}

// withoutInputs removes the mounts of withInputs.
func withoutInputs(ctr *dagger.Container, in *inputs) *dagger.Container {
	targets := slices.Sorted(maps.Keys(in.made))
	if in.packed() {
		ctr = ctr.WithoutMount(in.packPath())
	} else {
		targets = append(append(targets, in.files...), in.dirs...)
	}
	for _, t := range targets {
		ctr = ctr.WithoutMount(in.mountPoint() + "/" + t)
	}
	return ctr
}

// packs is the directory of the batch's packed input sets, one file per
// set, named after it, made by one step on the whole source. Each pack
// holds its paths in order with their modes and contents, never a time
// or an owner, so the same files make the same pack.
func (m *Pnpm) packs(b *batch) (*dagger.Directory, error) {
	manifests, err := b.manifestInputs()
	if err != nil {
		return nil, err
	}
	sources, err := b.sourceInputs()
	if err != nil {
		return nil, err
	}
	args := []string{"node", "-e", packScript}
	for _, in := range []*inputs{manifests, sources} {
		if !in.packed() {
			continue
		}
		for _, f := range in.files {
			args = append(args, in.name+":"+f)
		}
		for _, d := range in.dirs {
			args = append(args, in.name+":"+d)
		}
	}
	// Why the whole source: this step's key may change with every edit; the
	// packs it makes are keyed by their contents.
	return m.node(b.versions).
		WithMountedDirectory("/src", b.src).
		WithWorkdir("/src").
		WithExec(args).
		Directory(packsDir), nil
}

// packsDir is where the packing step writes the packs.
const packsDir = "/tmp/pnpm-module-packs"

// packScript packs each "<set>:<path>" argument (a file, or a directory
// and what it holds, in name order, without node_modules, .git and .env
// files) into packsDir/<set>: per entry a JSON line {p, t, m, n} (path,
// type f/d/l, mode, size) and then n bytes (the file, or the link target).
// A listed path that is a link is packed as what it points to, as Dagger
// follows it when the input is mounted by path (see placeLink); links
// inside a directory stay links.
const packScript = `const fs = require("fs");
const skip = (n) => n === "node_modules" || n === ".git" || n.startsWith(".env");
const sets = new Map();
function add(out, p, listed) {
  const st = listed ? fs.statSync(p) : fs.lstatSync(p);
  let t = "f", d = Buffer.alloc(0);
  if (st.isSymbolicLink()) { t = "l"; d = Buffer.from(fs.readlinkSync(p)); }
  else if (st.isDirectory()) { t = "d"; }
  else { d = fs.readFileSync(p); }
  out.push(Buffer.from(JSON.stringify({ p, t, m: st.mode & 0o7777, n: d.length }) + "\n"), d);
  if (t === "d") for (const n of fs.readdirSync(p).sort()) if (!skip(n)) add(out, p + "/" + n);
}
for (const arg of process.argv.slice(1)) {
  const i = arg.indexOf(":");
  const set = arg.slice(0, i);
  if (!sets.has(set)) sets.set(set, []);
  add(sets.get(set), arg.slice(i + 1), true);
}
fs.mkdirSync("` + packsDir + `", { recursive: true });
for (const [set, out] of sets) fs.writeFileSync("` + packsDir + `/" + set, Buffer.concat(out));
`

// unpackScript writes the entries of pack $1 under directory $2 (no
// single quote in it: the shell command quotes it so).
const unpackScript = `const fs = require("fs"), path = require("path");
const [pack, dest] = process.argv.slice(1);
const b = fs.readFileSync(pack);
for (let i = 0; i < b.length; ) {
  const nl = b.indexOf(10, i);
  const e = JSON.parse(b.toString("utf8", i, nl));
  const d = b.subarray(nl + 1, nl + 1 + e.n);
  i = nl + 1 + e.n;
  const p = path.join(dest, e.p);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  if (e.t === "d") { fs.mkdirSync(p, { recursive: true }); fs.chmodSync(p, e.m); }
  else if (e.t === "l") { fs.rmSync(p, { force: true }); fs.symlinkSync(d.toString(), p); }
  else { fs.writeFileSync(p, d); fs.chmodSync(p, e.m); }
}
`

// files is a directory of the given workspace files, for a step off the
// build's path (the SBOM), each taken from the caller's source. The .npmrc
// is left out (see npmrc).
func (ws *loaded) files(paths []string) *dagger.Directory {
	dir := dag.Directory()
	for _, f := range withoutNpmrc(paths) {
		dir = dir.WithFile(f, ws.src.File(f))
	}
	return dir
}
