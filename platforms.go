package main

import (
	"context"
	"fmt"
	"strings"

	"dagger/pnpm/internal/dagger"
)

// on is the module set up for another platform: the same options, node
// images of that platform.
func (m *Pnpm) on(platform dagger.Platform) *Pnpm {
	other := *m
	other.Platform = string(platform)
	return &other
}

// buildPlatform is the platform deploys are made on: --platform, else the
// engine's own.
func (m *Pnpm) buildPlatform(ctx context.Context) (dagger.Platform, error) {
	if m.Platform != "" {
		return dagger.Platform(m.Platform), nil
	}
	return dag.DefaultPlatform(ctx)
}

// variants is the app's image for each platform (one image, of the build
// platform, when none are given). JavaScript runs anywhere, so the deploy
// made once on the build platform goes onto each platform's node image; an
// app that ships native code (compiled addons, or packages made for one CPU)
// is built again on each other platform, under emulation when the engine
// runs on another CPU.
func (m *Pnpm) variants(ctx context.Context, b built, platforms []dagger.Platform) ([]*dagger.Container, error) {
	if len(platforms) == 0 {
		image, err := m.runtime(ctx, b.plan, b.files)
		return []*dagger.Container{image}, err
	}
	if err := distinct(platforms); err != nil {
		return nil, err
	}
	native, err := nativeCode(ctx, b.files)
	if err != nil {
		return nil, err
	}
	home, err := m.buildPlatform(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*dagger.Container, len(platforms))
	for i, platform := range platforms {
		files := b.files
		if native != "" && platform != home {
			if files, err = m.on(platform).deployedApp(ctx, soloPlan(b.plan.loaded, b.plan.app)); err != nil {
				return nil, fmt.Errorf("%s ships native code (%s), so it is built again for %s, which failed: %w", b.plan.app.Name, native, platform, err)
			}
		}
		if out[i], err = m.on(platform).runtime(ctx, b.plan, files); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// distinct rejects a platform given twice: a manifest list holds one image
// per platform.
func distinct(platforms []dagger.Platform) error {
	seen := map[dagger.Platform]bool{}
	for _, p := range platforms {
		if seen[p] {
			return errorf("--platforms names %s twice; fix: list each platform once", p)
		}
		seen[p] = true
	}
	return nil
}

// nativeCode names what in a deploy output is made for one platform: Node
// addons (*.node) and packages the lockfile limits to some CPUs (prebuilt
// binaries such as esbuild's). "" when it is JavaScript only.
func nativeCode(ctx context.Context, files *dagger.Directory) (string, error) {
	addons, err := files.Glob(ctx, "**/*.node")
	if err != nil {
		return "", err
	}
	if len(addons) > 0 {
		return "addons " + strings.Join(first(addons, 3), ", "), nil
	}
	lock, err := files.Glob(ctx, "node_modules/.pnpm/lock.yaml")
	if err != nil || len(lock) == 0 {
		return "", err
	}
	contents, err := files.File(lock[0]).Contents(ctx)
	if err != nil {
		return "", err
	}
	if strings.Contains(contents, "\n    cpu:") {
		return "packages for specific CPUs in node_modules/.pnpm/lock.yaml", nil
	}
	return "", nil
}

// first is at most n items of list.
func first(list []string, n int) []string {
	if len(list) > n {
		return append(list[:n:n], "...")
	}
	return list
}

// publishImage publishes one image (several platform variants: a manifest
// list) at each tag of repo, and returns the references with digests.
func publishImage(ctx context.Context, variants []*dagger.Container, repo string, tags []string, username string, password *dagger.Secret) ([]string, error) {
	main := variants[0]
	if password != nil {
		main = main.WithRegistryAuth(repo, username, password)
	}
	var refs []string
	for _, t := range tags {
		ref, err := main.Publish(ctx, repo+":"+t, dagger.ContainerPublishOpts{PlatformVariants: variants[1:]})
		if err != nil {
			return nil, fmt.Errorf("publishing %s:%s: %w", repo, t, err)
		}
		refs = append(refs, ref)
	}
	return refs, nil
}

// splitAddress splits "registry/name:tag" into repository and tag ("latest"
// when there is none; a port's colon is not a tag's).
func splitAddress(address string) (repo, tag string) {
	i := strings.LastIndex(address, ":")
	if i < 0 || strings.Contains(address[i:], "/") {
		return address, "latest"
	}
	return address[:i], address[i+1:]
}
