package main

import (
	"dagger/pnpm/internal/dagger"
	"dagger/pnpm/internal/workspace"

	"github.com/Masterminds/semver/v3"
)

// How pnpm gets into a build container: from the npm registry, never
// Corepack (absent from Node >= 25 images, and it needs signed registry
// metadata), at the version the workspace asks for.

// withPnpm runs script in ctr, an environment, right after installing pnpm,
// in one step: every step costs the engine time. An exact pnpm 9 to 11 is
// unpacked from its registry tarball (plain JavaScript, no dependencies):
// 0.3 s where `npm install --global` took 4.5 s here; other versions (a
// range, or pnpm 12 with its per-platform binaries) are installed by npm,
// as is any version whose tarball cannot be fetched (npm honours the
// proxy and registry settings that node's fetch does not).
//
// The step downloads the tarball itself, into the store volume, rather
// than mounting Dagger's http(): the engine asks the registry again for an
// http() file in every session, even when the step is cached (0.2-0.7 s
// on the path of every warm build here). Why no key of the tarball's
// contents: its URL names the exact version, in the script, so the step is
// keyed on the version, as npm's install of it would be.
func withPnpm(ctr *dagger.Container, v workspace.Versions, script string) *dagger.Container {
	install := npmInstallPnpm(v)
	if url := pnpmTarball(v); url != "" {
		install = "if " + fetchPnpm(url, pnpmTarballPath(v)) + " && " + unpackPnpm(v.Pnpm.Major, pnpmTarballPath(v)) +
			"; then :; else rm -f " + pnpmTarballPath(v) + "; " + install + "; fi"
	}
	return ctr.WithExec([]string{"sh", "-c", install + " && " + compileCacheHook + " && " + script})
}

// compileCacheHook lets pnpm 9 and 10 find, on Node 20, the compile cache
// they ship in dist/node_modules/v8-compile-cache: their bin requires it
// by name, from where neither npm nor the tarball puts it. pnpm then
// compiles its 8 MB bundle once, in the install step, and every later pnpm
// command of the chain reads the result back and starts ~0.07 s sooner
// (the synthetic workspace's eight deploys at once: 0.45 s sooner, see
// bench/pnpm-starts). The cache goes to /tmp, never into an app's files.
// Not on Node >= 22: pnpm 10 and later use Node's own compile cache there,
// and pnpm 9 keeps the start it was released with. The image's node
// decides, not the workspace's: a base image may carry another.
const compileCacheHook = `case "$(node --version)" in v1[0-9].* | v2[01].*)` +
	` lib=$(dirname "$(dirname "$(readlink -f "$(command -v pnpm)")")");` +
	` [ ! -d "$lib/dist/node_modules/v8-compile-cache" ] || { mkdir -p "$lib/node_modules" &&` +
	` ln -sfn ../dist/node_modules/v8-compile-cache "$lib/node_modules/v8-compile-cache"; } ;; esac`

// npmInstallPnpm installs the workspace's pnpm with npm.
func npmInstallPnpm(v workspace.Versions) string {
	return "npm install --global --no-fund --no-audit --loglevel=error 'pnpm@" + v.Pnpm.Spec + "'"
}

// pnpmTarball is the registry URL of pnpm's tarball when unpacking it is
// all an install takes: an exact version of pnpm 9 to 11; "" otherwise.
func pnpmTarball(v workspace.Versions) string {
	exact, err := semver.StrictNewVersion(v.Pnpm.Spec)
	if err != nil || exact.Major() > 11 {
		return ""
	}
	return "https://registry.npmjs.org/pnpm/-/pnpm-" + exact.String() + ".tgz"
}

// pnpmTarballPath is where the store volume keeps the tarball of an exact
// pnpm version, so that an install that runs again (a package.json edit)
// does not download pnpm again.
func pnpmTarballPath(v workspace.Versions) string {
	return pnpmHome + "/pnpm-tarballs/pnpm-" + v.Pnpm.Spec + ".tgz"
}

// fetchPnpm downloads url to file unless the file is there: to a name of
// its own first, then renamed, so that concurrent builds sharing the
// volume never see half a file.
func fetchPnpm(url, file string) string {
	return "{ [ -s " + file + " ] || node -e '" + fetchScript + "' " + url + " " + file + "; }"
}

// fetchScript writes the body of URL $1 to file $2 (no single quote in
// it: fetchPnpm quotes it so).
const fetchScript = `const fs = require("fs"), path = require("path");
const [url, file] = process.argv.slice(1);
fetch(url).then(async (r) => {
  if (!r.ok) throw new Error("HTTP " + r.status);
  const tmp = file + "." + process.pid;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(tmp, Buffer.from(await r.arrayBuffer()));
  fs.renameSync(tmp, file);
}).catch((e) => { console.error("downloading " + url + ": " + e.message + "; installing pnpm with npm instead"); process.exit(1); });
`

// unpackPnpm installs tarball where npm would, with the same commands on
// PATH (pnpm 11 is an ES module, older ones CommonJS).
func unpackPnpm(major int, tarball string) string {
	ext := "cjs"
	if major >= 11 {
		ext = "mjs"
	}
	lib := "/usr/local/lib/node_modules/pnpm"
	return "mkdir -p " + lib + " && tar -xzf " + tarball + " --strip-components=1 --no-same-owner -C " + lib +
		" && for c in pnpm pnpx; do chmod 755 " + lib + "/bin/$c." + ext + " && ln -sf " + lib + "/bin/$c." + ext + " /usr/local/bin/$c; done"
}
