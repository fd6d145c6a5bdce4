package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"dagger/tests/internal/dagger"
)

// sbomCase is an app and the exact packages its bill must list.
type sbomCase struct {
	fixture, app string
	pnpm         string // --pnpm-version; "" for the workspace's own
	want         []string
	// tool is metadata.tools' name: "pnpm" for pnpm's own sbom.
	tool string
	// licensed: some component carries a license (pnpm's own sbom read
	// the packages' package.json files).
	licensed bool
}

const lockfileTool = "dagger pnpm module (pnpm-lock.yaml)"

var sbomCases = []sbomCase{
	{"monorepo", "app1", "", []string{"common@1.0.0", "ms@2.1.3"}, lockfileTool, false},
	{"monorepo", "app2", "", []string{"common@1.0.0", "slugify@1.6.9"}, lockfileTool, false},
	// pnpm 12.4.2 pinned by the fixture: pnpm's own sbom.
	{"pnpm12", "app", "", []string{"common@1.0.0", "ms@2.1.3"}, "pnpm", true},
	// pnpm 11's sbom leaves workspace packages out: read from the lockfile.
	{"pnpm11", "app", "", []string{"common@1.0.0", "ms@2.1.3"}, lockfileTool, false},
	// Workspace packages linked through another one, both ways: pnpm 12's
	// own sbom and the lockfile reading agree.
	{"nested-globs", "@ng/worker", "12.4.2", []string{"@ng/core@1.0.0", "@ng/util@1.0.0"}, "pnpm", false},
	{"nested-globs", "@ng/worker", "", []string{"@ng/core@1.0.0", "@ng/util@1.0.0"}, lockfileTool, false},
}

// cdxDoc is the part of a CycloneDX document the cases check.
type cdxDoc struct {
	BOMFormat   string `json:"bomFormat"`
	SpecVersion string `json:"specVersion"`
	Serial      string `json:"serialNumber"`
	Metadata    struct {
		Timestamp string `json:"timestamp"`
		Tools     struct {
			Components []struct{ Name string } `json:"components"`
		} `json:"tools"`
		Component struct {
			Type, Group, Name, Version string
		} `json:"component"`
	} `json:"metadata"`
	Components []struct {
		Group, Name, Version string
		Licenses             []any `json:"licenses"`
	} `json:"components"`
	Dependencies []struct {
		Ref string `json:"ref"`
	} `json:"dependencies"`
}

// scoped is the npm name of a CycloneDX component: its group is the scope.
func scoped(group, name string) string {
	if group != "" {
		return group + "/" + name
	}
	return name
}

func (t *Tests) sbomCases() []testCase {
	var cases []testCase
	for _, c := range sbomCases {
		cases = append(cases, testCase{
			name: fmt.Sprintf("sbom of %s %s by %s lists exactly %v", c.fixture, c.app, c.tool, c.want),
			run: func(ctx context.Context) error {
				file := dag.Pnpm(dagger.PnpmOpts{PnpmVersion: c.pnpm}).
					Sbom(dagger.PnpmSbomOpts{Src: t.fixture(c.fixture), App: c.app})
				return checkSbom(ctx, file, c)
			},
		})
	}
	return append(cases, testCase{"sbom of an unknown app names it and lists the apps", func(ctx context.Context) error {
		_, err := dag.Pnpm().Sbom(dagger.PnpmSbomOpts{Src: t.fixture("monorepo"), App: "nope"}).Contents(ctx)
		if err == nil {
			return fmt.Errorf("sbom of app nope succeeded")
		}
		return expectContains("error", err.Error(), `unknown app "nope"`, "app1", "app2")
	}})
}

// checkSbom parses the document and compares its header and components with
// the case; it also fails on a serial number or timestamp, which would make
// the file differ on every run.
func checkSbom(ctx context.Context, file *dagger.File, c sbomCase) error {
	text, err := file.Contents(ctx)
	if err != nil {
		return err
	}
	var doc cdxDoc
	if err := json.Unmarshal([]byte(text), &doc); err != nil {
		return fmt.Errorf("not JSON: %w: %.200s", err, text)
	}
	meta := doc.Metadata.Component
	if doc.BOMFormat != "CycloneDX" || doc.SpecVersion != "1.6" || scoped(meta.Group, meta.Name) != c.app || meta.Type != "application" {
		return fmt.Errorf("header: bomFormat %q specVersion %q component %+v", doc.BOMFormat, doc.SpecVersion, meta)
	}
	if doc.Serial != "" || doc.Metadata.Timestamp != "" {
		return fmt.Errorf("not reproducible: serialNumber %q timestamp %q", doc.Serial, doc.Metadata.Timestamp)
	}
	var got []string
	licensed := false
	for _, comp := range doc.Components {
		got = append(got, scoped(comp.Group, comp.Name)+"@"+comp.Version)
		licensed = licensed || len(comp.Licenses) > 0
	}
	slices.Sort(got)
	if !slices.Equal(got, c.want) {
		return fmt.Errorf("components %v, want %v", got, c.want)
	}
	if len(doc.Dependencies) != len(c.want)+1 {
		return fmt.Errorf("dependency graph has %d entries, want one per component and the app", len(doc.Dependencies))
	}
	if tools := doc.Metadata.Tools.Components; len(tools) != 1 || tools[0].Name != c.tool {
		return fmt.Errorf("metadata.tools %+v, want %q", tools, c.tool)
	}
	if licensed != c.licensed {
		return fmt.Errorf("licenses present = %v, want %v", licensed, c.licensed)
	}
	if name, _ := file.Name(ctx); name != strings.NewReplacer("@", "", "/", "-").Replace(c.app)+".cdx.json" {
		return fmt.Errorf("file name %q", name)
	}
	return nil
}
