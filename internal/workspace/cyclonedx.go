package workspace

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// CycloneDXVersion is the specification version of the documents this
// package writes, and the one pnpm's own sbom is asked for: 1.6 is read by
// today's consumers (Dependency-Track, Trivy, Grype); pnpm defaults to 1.7.
const CycloneDXVersion = "1.6"

type cdxBOM struct {
	Schema       string          `json:"$schema"`
	BOMFormat    string          `json:"bomFormat"`
	SpecVersion  string          `json:"specVersion"`
	Version      int             `json:"version"`
	Metadata     cdxMetadata     `json:"metadata"`
	Components   []cdxComponent  `json:"components"`
	Dependencies []cdxDependency `json:"dependencies"`
}

type cdxMetadata struct {
	Lifecycles []map[string]string `json:"lifecycles"`
	Tools      struct {
		Components []cdxComponent `json:"components"`
	} `json:"tools"`
	Component cdxComponent `json:"component"`
}

type cdxComponent struct {
	Type    string    `json:"type"`
	Group   string    `json:"group,omitempty"`
	Name    string    `json:"name"`
	Version string    `json:"version,omitempty"`
	PURL    string    `json:"purl,omitempty"`
	BOMRef  string    `json:"bom-ref,omitempty"`
	Hashes  []cdxHash `json:"hashes,omitempty"`
}

type cdxHash struct {
	Alg     string `json:"alg"`
	Content string `json:"content"`
}

type cdxDependency struct {
	Ref       string   `json:"ref"`
	DependsOn []string `json:"dependsOn"`
}

// CycloneDX renders the bill as a CycloneDX JSON document. It holds no
// serial number and no timestamp: the same lockfile gives the same bytes,
// so the file can be committed, diffed and cached. The lifecycle is
// pre-build, as for pnpm's --lockfile-only: it comes from the lockfile.
func (b *Bill) CycloneDX(tool string) ([]byte, error) {
	app := component("application", b.App)
	bom := cdxBOM{
		Schema:       "http://cyclonedx.org/schema/bom-" + CycloneDXVersion + ".schema.json",
		BOMFormat:    "CycloneDX",
		SpecVersion:  CycloneDXVersion,
		Version:      1,
		Metadata:     cdxMetadata{Lifecycles: []map[string]string{{"phase": "pre-build"}}, Component: app},
		Components:   []cdxComponent{},
		Dependencies: []cdxDependency{{Ref: app.BOMRef, DependsOn: orNone(b.App.DependsOn)}},
	}
	bom.Metadata.Tools.Components = []cdxComponent{{Type: "application", Name: tool}}
	for _, c := range b.Components {
		hashes, err := integrityHashes(c.Integrity)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Ref(), err)
		}
		lib := component("library", c)
		lib.Hashes = hashes
		bom.Components = append(bom.Components, lib)
		bom.Dependencies = append(bom.Dependencies, cdxDependency{Ref: c.Ref(), DependsOn: orNone(c.DependsOn)})
	}
	return marshal(bom)
}

// component describes c the way CycloneDX (and pnpm's sbom) write npm
// packages: the scope is the group, the name is the rest.
func component(kind string, c Component) cdxComponent {
	cdx := cdxComponent{Type: kind, Name: c.Name, Version: c.Version, PURL: c.Ref(), BOMRef: c.Ref()}
	if scope, name, ok := strings.Cut(c.Name, "/"); ok && strings.HasPrefix(scope, "@") {
		cdx.Group, cdx.Name = scope, name
	}
	return cdx
}

func orNone(refs []string) []string {
	if refs == nil {
		return []string{}
	}
	return refs
}

// cdxAlgs maps Subresource Integrity algorithms to CycloneDX's names.
var cdxAlgs = map[string]string{"sha1": "SHA-1", "sha256": "SHA-256", "sha384": "SHA-384", "sha512": "SHA-512"}

// integrityHashes turns an SRI string ("sha512-<base64>", several separated
// by spaces) into CycloneDX hashes (hex).
func integrityHashes(integrity string) ([]cdxHash, error) {
	var hashes []cdxHash
	for _, part := range strings.Fields(integrity) {
		alg, digest, ok := strings.Cut(part, "-")
		name, known := cdxAlgs[alg]
		if !ok || !known {
			continue
		}
		raw, err := base64.StdEncoding.DecodeString(digest)
		if err != nil {
			return nil, fmt.Errorf("integrity %q is not base64: %w", part, err)
		}
		hashes = append(hashes, cdxHash{Alg: name, Content: hex.EncodeToString(raw)})
	}
	return hashes, nil
}

// NormalizeCycloneDX makes a CycloneDX JSON document reproducible: it drops
// the random serialNumber and the metadata timestamp, and sorts components
// by bom-ref and the dependency graph by ref (pnpm's sbom lists them in the
// order its parallel walk finished). Object keys come out sorted.
func NormalizeCycloneDX(data []byte) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("not a JSON document: %w", err)
	}
	if doc["bomFormat"] != "CycloneDX" {
		return nil, fmt.Errorf("not a CycloneDX document (bomFormat %v)", doc["bomFormat"])
	}
	delete(doc, "serialNumber")
	if meta, ok := doc["metadata"].(map[string]any); ok {
		delete(meta, "timestamp")
	}
	sortBy(doc["components"], "bom-ref")
	sortBy(doc["dependencies"], "ref")
	if deps, ok := doc["dependencies"].([]any); ok {
		for _, d := range deps {
			if m, ok := d.(map[string]any); ok {
				if on, ok := m["dependsOn"].([]any); ok {
					sort.Slice(on, func(i, j int) bool { return fmt.Sprint(on[i]) < fmt.Sprint(on[j]) })
				}
			}
		}
	}
	return marshal(doc)
}

func sortBy(list any, key string) {
	items, ok := list.([]any)
	if !ok {
		return
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, _ := items[i].(map[string]any)
		b, _ := items[j].(map[string]any)
		return fmt.Sprint(a[key]) < fmt.Sprint(b[key])
	})
}

// marshal writes indented JSON with a final newline and without HTML
// escaping (package URLs hold no markup; escaped they only read worse).
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
