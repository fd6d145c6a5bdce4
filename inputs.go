package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"unicode/utf8"

	"dagger/pnpm/internal/dagger"
)

// The directories given to the stages are built so that their cache keys
// depend on the files a stage reads and on nothing else. A Filter of the
// caller's source would not do: its key derives from the whole source, so
// any edit anywhere would re-run every stage. Two pieces have keys of their
// own content: a file written from its contents, and a subdirectory of a
// source the CLI uploaded (Dagger identifies those by content).

// literal is a directory of the given workspace files, written from the
// module's copy of them: its key is their contents. A file that is not text
// is taken from the caller's source instead (correct, keyed on the source).
func (ws *loaded) literal(files []string) (*dagger.Directory, error) {
	dir := dag.Directory()
	for _, f := range files {
		local := filepath.Join(ws.copy, filepath.FromSlash(f))
		info, err := os.Stat(local)
		if err != nil {
			return nil, err
		}
		data, err := os.ReadFile(local)
		if err != nil {
			return nil, err
		}
		if !utf8.Valid(data) {
			dir = dir.WithFile(f, ws.src.File(f))
			continue
		}
		dir = dir.WithNewFile(f, string(data), dagger.DirectoryWithNewFileOpts{
			Permissions: int(info.Mode().Perm()),
		})
	}
	return dir, nil
}

// sources are the files the batch's build sees: the closures' packages and
// the directories without packages taken whole, the files beside packages
// written from their contents. Other packages, .env files, node_modules and
// .git are left out.
func (b *batch) sources() (*dagger.Directory, error) {
	layout, err := b.model.BuildSources(b.apps...)
	if err != nil {
		return nil, errorf("laying out the sources of %s: %w", b.names(), err)
	}
	dir, err := b.literal(layout.Files)
	if err != nil {
		return nil, err
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
