package workspace

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/Masterminds/semver/v3"
)

// Versions is the Node and pnpm a build uses.
type Versions struct {
	Node NodeVersion
	Pnpm PnpmVersion
}

type NodeVersion struct {
	Major  int    // one of SupportedNodeMajors
	Source string // e.g. `package.json engines.node ">=20"` or "default (newest supported)"
}

type PnpmVersion struct {
	Spec   string // what to `npm install -g pnpm@<Spec>`: an exact version when pinned, else a major or range ("10", "^9.5")
	Major  int
	Source string // e.g. `package.json packageManager "pnpm@10.12.1+sha512..."` or `pnpm-lock.yaml lockfileVersion 9.0`
}

// SupportedNodeMajors are the Node majors with official images that pnpm 9
// to 12 run on.
var SupportedNodeMajors = []int{20, 22, 24, 26}

// newestNode is the newest release of each supported major (from the npm
// registry's "node" package, November 2026). A major satisfies a range when
// its newest release does, because that is what the node:<major> image runs.
var newestNode = map[int]string{20: "20.20.2", 22: "22.23.3", 24: "24.21.0", 26: "26.10.0"}

// pnpmRelease describes one pnpm major: its newest release and the Node it
// needs (package.json engines.node of that release). pnpm 11 needs Node
// 22.13. pnpm 12 is a native executable whose npm package declares
// node >=18, and runs on Node 20 (checked with 12.21.0).
type pnpmRelease struct {
	major  int
	newest string
	node   string
}

var pnpmReleases = []pnpmRelease{ // newest first
	{12, "12.21.0", ">=18"},
	{11, "11.28.11", ">=22.13"},
	{10, "10.34.9", ">=18.12"},
	{9, "9.15.9", ">=18.12"},
}

// firstInjectedDeploy is the first pnpm 10 whose deploy takes
// --config.inject-workspace-packages=true over a lockfile written without
// it (pnpm/pnpm#10294); 10.0 to 10.25 fail with
// ERR_PNPM_LOCKFILE_CONFIG_MISMATCH (checked on the engine: 10.0.0,
// 10.4.1, 10.11.1, 10.24.0, 10.25.0 fail, 10.26.0 deploys).
var firstInjectedDeploy = semver.MustParse("10.26.0")

// DeploysInjected reports whether this pnpm can deploy from the workspace
// lockfile with workspace packages injected by a command-line setting,
// whatever the lockfile was written with: pnpm 10.26 and later. A range
// counts by the version npm installs for it, the newest that matches.
func (v PnpmVersion) DeploysInjected() bool {
	if v.Major != 10 {
		return v.Major > 10
	}
	if exact, err := semver.StrictNewVersion(v.Spec); err == nil {
		return !exact.LessThan(firstInjectedDeploy)
	}
	c, err := semver.NewConstraint(v.Spec)
	r, known := pnpmReleaseOf(10)
	return err == nil && known && c.Check(semver.MustParse(r.newest))
}

const defaultNodeSource = "default (newest supported)"

// ResolveVersions picks Node and pnpm. Explicit arguments (may be "")
// override the workspace.
//
// Node: explicit > devEngines.runtime > engines.node > .nvmrc/.node-version;
// the newest supported major that satisfies every requirement and the
// chosen pnpm.
//
// pnpm: explicit > packageManager > devEngines.packageManager > engines.pnpm
// > the lockfile. With no pin, the lockfile's default major is used (pnpm 10
// for 9.0, see lockfileFormat) on an allowed Node. A pnpm that cannot read
// the lockfile is a conflict.
//
// Every conflict is an *Error naming both sources.
func (w *Workspace) ResolveVersions(node, pnpm string) (Versions, error) {
	var nodeReqs []requirement
	if node != "" {
		r, err := parseNodeRequirement(fmt.Sprintf("explicit Node version %q", node), "", node)
		if err != nil {
			return Versions{}, errorf("", 0, "pass a Node major such as 22", "explicit Node version: %v", err)
		}
		nodeReqs = []requirement{r}
	} else {
		var err error
		if nodeReqs, err = w.nodeRequirements(); err != nil {
			return Versions{}, err
		}
	}
	nodeMajors, err := narrowNode(nodeReqs)
	if err != nil {
		return Versions{}, err
	}
	pv, pnpmFile, err := w.resolvePnpm(pnpm, nodeMajors)
	if err != nil {
		return Versions{}, err
	}
	needs := pnpmNodeRange(pv.Major)
	c, _ := semver.NewConstraint(needs)
	var fit []int
	for _, m := range nodeMajors {
		if c.Check(nodeNewest(m)) {
			fit = append(fit, m)
		}
	}
	nodeSource, nodeFile := defaultNodeSource, pnpmFile
	if len(nodeReqs) > 0 {
		nodeSource, nodeFile = nodeReqs[0].source, nodeReqs[0].file
	}
	if len(fit) == 0 {
		return Versions{}, errorf(nodeFile, 0, "allow a newer Node, choose an older pnpm, or pass both versions explicitly",
			"pnpm %d (%s) needs Node %s, but %s allows only Node %s", pv.Major, pv.Source, needs, nodeSource, joinInts(nodeMajors))
	}
	return Versions{Node: NodeVersion{Major: fit[len(fit)-1], Source: nodeSource}, Pnpm: pv}, nil
}

// narrowNode intersects the requirements over the supported majors and,
// when that leaves nothing, names the requirement (or pair) at fault.
func narrowNode(reqs []requirement) ([]int, error) {
	cands := SupportedNodeMajors
	for i, r := range reqs {
		next := filterNode(cands, r)
		if len(next) > 0 {
			cands = next
			continue
		}
		alone := filterNode(SupportedNodeMajors, r)
		if len(alone) == 0 {
			return nil, errorf(r.file, r.line, "require a supported Node major ("+joinInts(SupportedNodeMajors)+")",
				"%s: no supported Node major satisfies it (newest releases: %s)", r.source, newestList())
		}
		for _, o := range reqs[:i] {
			if len(filterNode(alone, o)) == 0 {
				return nil, errorf(r.file, r.line, "make the two agree, or pass a Node version explicitly",
					"Node version conflict: %s allows Node %s, but %s allows Node %s",
					o.source, joinInts(filterNode(SupportedNodeMajors, o)), r.source, joinInts(alone))
			}
		}
		return nil, errorf(r.file, r.line, "make them agree, or pass a Node version explicitly",
			"Node version conflict: %s allows Node %s, which none of the other requirements allow", r.source, joinInts(alone))
	}
	return cands, nil
}

func filterNode(majors []int, r requirement) []int {
	var out []int
	for _, m := range majors {
		if r.allowsNode(m) {
			out = append(out, m)
		}
	}
	return out
}

// resolvePnpm applies the pnpm precedence and checks the pick against every
// other source, the lockfile included. It returns the file to blame if the
// Node check fails later.
func (w *Workspace) resolvePnpm(explicit string, nodeMajors []int) (PnpmVersion, string, error) {
	lock := lockfileFormat(w.Lockfile.Version)
	lockSource := fmt.Sprintf("%s lockfileVersion %s", lockFile, w.Lockfile.Version)
	var reqs []requirement
	if explicit != "" {
		r, err := pnpmRequirement(fmt.Sprintf("explicit pnpm version %q", explicit), "", 0, explicit)
		if err != nil {
			return PnpmVersion{}, "", err
		}
		reqs = []requirement{r}
	} else {
		var err error
		if reqs, err = w.pnpmRequirements(); err != nil {
			return PnpmVersion{}, "", err
		}
	}
	if len(reqs) == 0 {
		return defaultPnpm(lock, lockSource, nodeMajors), lockFile, nil
	}
	lockReq := requirement{source: fmt.Sprintf("%s (written by %s)", lockSource, lock.writers), file: lockFile}
	lockReq.c, _ = semver.NewConstraint(">=" + lock.minPnpm)
	chosen, others := reqs[0], append(reqs[1:], lockReq)
	conflict := func(o requirement) error {
		if o.file == lockFile {
			return errorf(chosen.file, chosen.line, "pin a pnpm that reads the lockfile (pnpm "+lock.minPnpm+" or newer), or regenerate the lockfile with the pinned pnpm",
				"pnpm version conflict: %s cannot read %s", chosen.source, o.source)
		}
		file, line := o.file, o.line
		if file == "" {
			file, line = chosen.file, chosen.line
		}
		return errorf(file, line, "make them agree, or pass a pnpm version explicitly",
			"pnpm version conflict: %s does not satisfy %s", chosen.source, o.source)
	}
	if v := chosen.exact(); v != nil {
		for _, o := range others {
			if !o.c.Check(v) {
				return PnpmVersion{}, "", conflict(o)
			}
		}
		return PnpmVersion{Spec: strings.TrimPrefix(chosen.text, "v"), Major: int(v.Major()), Source: chosen.source}, chosen.file, nil
	}
	texts := []string{chosen.text}
	for _, o := range others {
		texts = append(texts, o.text, lock.minPnpm)
	}
	for _, m := range pnpmMajorsFor(texts) {
		for _, p := range pnpmProbes(m, texts) {
			if satisfiesAll(p, append([]requirement{chosen}, others...)) {
				return PnpmVersion{Spec: chosen.text, Major: m, Source: chosen.source}, chosen.file, nil
			}
		}
	}
	for _, o := range others {
		if !anyProbe(texts, chosen, o) {
			return PnpmVersion{}, "", conflict(o)
		}
	}
	return PnpmVersion{}, "", errorf(chosen.file, chosen.line, "require a released pnpm, e.g. ^10",
		"%s: no pnpm release satisfies it together with the other requirements", chosen.source)
}

// defaultPnpm: the first of the lockfile's default majors that runs on an
// allowed Node.
func defaultPnpm(lock lockfileInfo, source string, nodeMajors []int) PnpmVersion {
	pick := lock.pnpm[0]
	for _, m := range lock.pnpm {
		c, _ := semver.NewConstraint(pnpmNodeRange(m))
		ok := false
		for _, n := range nodeMajors {
			ok = ok || c.Check(nodeNewest(n))
		}
		if ok {
			pick = m
			break
		}
	}
	spec := strconv.Itoa(pick)
	if v := semver.MustParse(lock.minPnpm); int(v.Major()) == pick && (v.Minor() > 0 || v.Patch() > 0) {
		spec = "^" + lock.minPnpm // e.g. 13.0 needs pnpm >= 12.19
	}
	return PnpmVersion{Spec: spec, Major: pick, Source: source}
}

// pnpmNodeRange is the Node a pnpm major needs; a major newer than the table
// is assumed to need what the newest known one does.
func pnpmNodeRange(major int) string {
	if r, ok := pnpmReleaseOf(major); ok {
		return r.node
	}
	return pnpmReleases[0].node
}

// pnpmReleaseOf is the known release of a pnpm major.
func pnpmReleaseOf(major int) (pnpmRelease, bool) {
	for _, r := range pnpmReleases {
		if r.major == major {
			return r, true
		}
	}
	return pnpmRelease{}, false
}

var versionLiteral = regexp.MustCompile(`\d+(?:\.\d+){0,2}`)

// pnpmMajorsFor lists candidate majors, newest first: the known ones plus
// any newer major a range names explicitly.
func pnpmMajorsFor(texts []string) []int {
	var majors []int
	newest := pnpmReleases[0].major
	seen := map[int]bool{}
	for _, t := range texts {
		for _, lit := range versionLiteral.FindAllString(t, -1) {
			if v, err := semver.NewVersion(lit); err == nil && int(v.Major()) > newest && !seen[int(v.Major())] {
				seen[int(v.Major())] = true
				majors = append(majors, int(v.Major()))
			}
		}
	}
	sortDesc(majors)
	for _, r := range pnpmReleases {
		majors = append(majors, r.major)
	}
	return majors
}

// pnpmProbes are versions of major m worth testing a set of ranges against:
// its newest release, its first, and every version the ranges name (and
// the patch after it, for ">x.y.z"). npm resolves the range itself; the
// probes only decide which major it lands in and whether the ranges can
// agree at all.
func pnpmProbes(m int, texts []string) []*semver.Version {
	var probes []*semver.Version
	if r, ok := pnpmReleaseOf(m); ok {
		probes = append(probes, semver.MustParse(r.newest))
	}
	probes = append(probes, semver.New(uint64(m), 0, 0, "", ""))
	for _, t := range texts {
		for _, lit := range versionLiteral.FindAllString(t, -1) {
			if v, err := semver.NewVersion(lit); err == nil && int(v.Major()) == m {
				next := v.IncPatch()
				probes = append(probes, v, &next)
			}
		}
	}
	return probes
}

func satisfiesAll(v *semver.Version, reqs []requirement) bool {
	for _, r := range reqs {
		if !r.c.Check(v) {
			return false
		}
	}
	return true
}

func anyProbe(texts []string, a, b requirement) bool {
	for _, m := range pnpmMajorsFor(texts) {
		for _, p := range pnpmProbes(m, texts) {
			if a.c.Check(p) && b.c.Check(p) {
				return true
			}
		}
	}
	return false
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ", ")
}

func newestList() string {
	s := make([]string, len(SupportedNodeMajors))
	for i, m := range SupportedNodeMajors {
		s[i] = newestNode[m]
	}
	return strings.Join(s, ", ")
}

func sortDesc(xs []int) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] > xs[j-1]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}
