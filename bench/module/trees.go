package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"dagger/bench/internal/dagger"
)

// trees hands the builds their source the way a user's `dagger call` does:
// as a directory identified by its content. Each variant of a workspace
// (nonce, edits) is written to the bench module's own filesystem and read
// back with CurrentModule().Workdir, which Dagger identifies by content, like
// a directory the CLI uploads.
//
// Why not src.WithNewFile(...): a directory built that way is identified by
// the chain of calls that made it, so everything derived from it (a
// subdirectory, a filter) changes with any edit anywhere. A user editing a
// file and calling the module again does not get that; the benchmark must
// not either.
type trees struct {
	// root is the bench function's working directory (the scratch
	// directory that CurrentModule().Workdir reads from).
	root string
}

func newTrees() (*trees, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	return &trees{root: wd}, nil
}

// export writes a directory argument to name, once per run.
func (t *trees) export(ctx context.Context, dir *dagger.Directory, name string) error {
	_, err := dir.Export(ctx, filepath.Join(t.root, name))
	return err
}

// variant copies the tree at base to name, writes files over it (path ->
// contents), and returns it as a content-identified directory, already
// loaded so that no timing includes the upload.
func (t *trees) variant(ctx context.Context, base, name string, files map[string]string) (*dagger.Directory, error) {
	src, dst := filepath.Join(t.root, base), filepath.Join(t.root, name)
	if err := os.RemoveAll(dst); err != nil {
		return nil, err
	}
	if err := copyTree(src, dst); err != nil {
		return nil, err
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		full := filepath.Join(dst, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(full, []byte(files[p]), 0o644); err != nil {
			return nil, err
		}
	}
	dir, err := dag.CurrentModule().Workdir(name).Sync(ctx)
	if err != nil {
		return nil, fmt.Errorf("loading %s: %w", name, err)
	}
	return dir, nil
}

// copyTree copies regular files, directories and symlinks with their modes.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			return os.MkdirAll(target, info.Mode().Perm())
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(path)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		default:
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(target, data, info.Mode().Perm())
		}
	})
}
