package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"dagger/pnpm/internal/dagger"
)

// The directories given to the stages are built so that their cache keys
// depend on the files a stage reads and on nothing else. A Filter of the
// caller's source would not do: its key derives from the whole source, so
// any edit anywhere would re-run every stage. Two pieces have keys of their
// own content: a file taken from a directory (Dagger keys every File by its
// content), and a subdirectory of a source the CLI uploaded (Dagger
// identifies those by content).

// npmrcFile is the workspace's .npmrc. It may hold registry credentials
// (CI scripts often write a token into it), so it never enters a
// directory, a layer or the log: see npmrc.
const npmrcFile = ".npmrc"

// files is a directory of the given workspace files, each taken from the
// caller's source: its key is their contents, and the log shows their
// paths, never what they hold. The .npmrc is left out (see npmrc).
func (ws *loaded) files(paths []string) *dagger.Directory {
	dir := dag.Directory()
	for _, f := range paths {
		if f != npmrcFile {
			dir = dir.WithFile(f, ws.src.File(f))
		}
	}
	return dir
}

// npmrc is the workspace's .npmrc as a secret, nil when there is none. Why
// the name: a secret is keyed on its name, not its value, and this name is
// a hash of the content, so an edit of the file re-runs the steps that
// read it while the content itself stays out of every key and log.
func (ws *loaded) npmrc() (*dagger.Secret, error) {
	data, err := ws.readFile(npmrcFile)
	if err != nil || data == "" {
		return nil, err
	}
	sum := sha256.Sum256([]byte(data))
	return dag.SetSecret("pnpm-workspace-npmrc-"+hex.EncodeToString(sum[:16]), data), nil
}

// npmrcSettings is the workspace's .npmrc without its credentials: what the
// steps after the install see, so that pnpm runs with the same settings
// (hoisting, linker...) as the install while no build script can read a
// token. "" when the file holds nothing else.
func (ws *loaded) npmrcSettings() (string, error) {
	data, err := ws.readFile(npmrcFile)
	if err != nil {
		return "", err
	}
	var kept []string
	for _, line := range strings.Split(data, "\n") {
		if !isCredential(line) {
			kept = append(kept, line)
		}
	}
	return strings.TrimSpace(strings.Join(kept, "\n")), nil
}

// credentialKeys are the .npmrc keys that carry credentials, alone or
// scoped to a registry (//host/path/:_authToken).
var credentialKeys = []string{"_authToken", "_auth", "_password", "password", "username", "email",
	"cert", "key", "certfile", "keyfile", "tokenHelper"}

// isCredential tells whether an .npmrc line sets a credential.
func isCredential(line string) bool {
	key, _, found := strings.Cut(strings.TrimSpace(line), "=")
	if !found {
		return false
	}
	key = strings.TrimSpace(key)
	if i := strings.LastIndex(key, ":"); i >= 0 && strings.HasPrefix(key, "//") {
		key = key[i+1:]
	}
	return slices.Contains(credentialKeys, key)
}

// withNpmrc mounts the workspace's .npmrc (a secret) into the workspace
// root for one step that downloads: it lives only as long as the mount.
func (ws *loaded) withNpmrc(ctr *dagger.Container) (*dagger.Container, error) {
	secret, err := ws.npmrc()
	if err != nil || secret == nil {
		return ctr, err
	}
	return ctr.WithMountedSecret(workdir+"/"+npmrcFile, secret), nil
}

// sources are the files the batch's build sees: the closures' packages and
// the directories without packages taken whole, the files beside packages
// taken one by one, and the .npmrc without its credentials. Other packages,
// .env files, node_modules and .git are left out.
func (b *batch) sources() (*dagger.Directory, error) {
	layout, err := b.model.BuildSources(b.apps...)
	if err != nil {
		return nil, errorf("laying out the sources of %s: %w", b.names(), err)
	}
	dir := b.files(layout.Files)
	settings, err := b.npmrcSettings()
	if err != nil {
		return nil, err
	}
	if settings != "" {
		dir = dir.WithNewFile(npmrcFile, settings+"\n")
	}
	for _, d := range layout.Dirs {
		dir = dir.WithDirectory(d, b.src.Directory(d), dagger.DirectoryWithDirectoryOpts{
			Exclude: append([]string{"**/.env*"}, sourceExcludes...),
		})
	}
	return dir, nil
}

// readFile is a workspace file's contents from the module's copy; "" when
// the workspace has no such file.
func (ws *loaded) readFile(name string) (string, error) {
	data, err := os.ReadFile(filepath.Join(ws.copy, filepath.FromSlash(name)))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	return string(data), err
}
