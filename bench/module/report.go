package main

import (
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

// results are the timings of one run, in seconds, by measure.
type results struct {
	order []string
	vals  map[string][]float64
}

func newResults() *results { return &results{vals: map[string][]float64{}} }

func (r *results) addValue(name string, v float64) {
	if _, ok := r.vals[name]; !ok {
		r.order = append(r.order, name)
	}
	r.vals[name] = append(r.vals[name], v)
}

func (r *results) add(name string, d time.Duration) { r.addValue(name, d.Seconds()) }

// addSeconds records figures measured outside the engine ("1.2,1.3").
func (r *results) addSeconds(name, csv string) error {
	for _, f := range strings.Split(csv, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return fmt.Errorf("%s: %q is not a number of seconds", name, f)
		}
		r.addValue(name, v)
	}
	return nil
}

func (r *results) median(name string) (float64, bool) {
	v := append([]float64(nil), r.vals[name]...)
	if len(v) == 0 {
		return 0, false
	}
	sort.Float64s(v)
	if len(v)%2 == 1 {
		return v[len(v)/2], true
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2, true
}

// cell is a median with its range: "12.3 s (11.9–13.0)".
func (r *results) cell(name string) string {
	m, ok := r.median(name)
	if !ok {
		return "–"
	}
	v := r.vals[name]
	if len(v) == 1 {
		return secs(m)
	}
	lo, hi := v[0], v[0]
	for _, x := range v {
		lo, hi = min(lo, x), max(hi, x)
	}
	return fmt.Sprintf("%s (%s–%s)", secs(m), num(lo), num(hi))
}

func num(s float64) string {
	if s < 10 {
		return strconv.FormatFloat(s, 'f', 2, 64)
	}
	return strconv.FormatFloat(s, 'f', 1, 64)
}

func secs(s float64) string { return num(s) + " s" }

// mb is a size in MB (10^6 bytes), or kB below 1 MB.
func mb(n int64) string {
	if n < 1e6 {
		return strconv.FormatFloat(float64(n)/1e3, 'f', 1, 64) + " kB"
	}
	return strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) + " MB"
}

// ratio of two medians, and whether it meets "<= target".
func (r *results) ratio(a, b string) (float64, bool) {
	x, ok1 := r.median(a)
	y, ok2 := r.median(b)
	if !ok1 || !ok2 || y == 0 {
		return 0, false
	}
	return x / y, true
}

func verdict(v, target float64) string {
	if v <= target {
		return "met"
	}
	return "**missed**"
}

// report is the run's table in Markdown, ready for the README.
func (b *bench) report() string {
	var w strings.Builder
	r := b.res
	fmt.Fprintf(&w, "Run of %s, Dagger engine %s, %s/%s, %d CPUs (%s), load average %s at the start; %d repetition(s), median (min–max); %s in all.\n",
		b.started.Format("2006-01-02 15:04 MST"), orUnknown(b.engine), runtime.GOOS, runtime.GOARCH, cpus(), machine(), b.load, b.reps,
		b.finished.Sub(b.started).Round(time.Second))
	fmt.Fprintf(&w, "Every side builds on node:%s-slim with the pnpm version the workspace pins", b.nodeVersion)
	if b.seed.probed {
		fmt.Fprintf(&w, "; seed = %s", b.seed.timedName)
	}
	w.WriteString(".\n\n")

	// The rows first: with P7 alone there are none, and no table.
	var rows strings.Builder
	row := func(id, what, mod, seed, ratio, target, ok string) {
		fmt.Fprintf(&rows, "| %s | %s | %s | %s | %s | %s | %s |\n", id, what, mod, seed, ratio, target, ok)
	}
	if v, ok := r.ratio("P1 module", "P1 seed"); ok {
		row("P1", "cold build, app1 + app2 (`build-all`: one batch)", r.cell("P1 module"), r.cell("P1 seed"), fmt.Sprintf("%.2f module / seed", v), "≤ 1.0 (aim 0.8)", verdict(v, 1.0))
	}
	if v, ok := r.ratio("P1s module", "P1 seed"); ok {
		row("P1", "cold build, app1 + app2 (`build-all --separately`: the per-app chains of `build`, which P2 and P3 reuse)", r.cell("P1s module"), r.cell("P1 seed"), fmt.Sprintf("%.2f module / seed", v), "≤ 1.0 (aim 0.8)", verdict(v, 1.0))
	}
	for _, p := range []struct {
		id, what string
		target   float64
	}{{"P2", "app2 edited: rebuild app1", 0.05}, {"P3", "app2 edited: rebuild app2", 0.3}} {
		if v, ok := r.ratio(p.id+" module", "P1s module"); ok {
			s, _ := r.ratio(p.id+" module", p.id+" seed")
			row(p.id, p.what, r.cell(p.id+" module"), r.cell(p.id+" seed"),
				fmt.Sprintf("%.3f of module cold, separately (%.2f module / seed)", v, s), fmt.Sprintf("≤ %.2g of cold", p.target), verdict(v, p.target))
		}
	}
	for _, a := range monorepoApps {
		fixed, okf := b.image("seed " + a.name + " (fixed)")
		if !okf {
			continue
		}
		for _, v := range []struct{ name, label string }{
			{"module " + a.name, a.name + " image"},
			{"module " + a.name + " (--runtime minimal)", a.name + " image, `--runtime minimal`"},
		} {
			mod, ok := b.image(v.name)
			if !ok {
				continue
			}
			c := float64(mod.compressed) / float64(fixed.compressed)
			u := float64(mod.uncompressed) / float64(fixed.uncompressed)
			row("P4", v.label+": compressed / uncompressed, layers",
				fmt.Sprintf("%s / %s, %d", mb(mod.compressed), mb(mod.uncompressed), mod.layers),
				fmt.Sprintf("%s / %s, %d (fixed)", mb(fixed.compressed), mb(fixed.uncompressed), fixed.layers),
				fmt.Sprintf("%.2f / %.2f", c, u), "≤ 0.6", verdict(max(c, u), 0.6))
		}
	}
	if _, ok := r.median("P5 module analysis"); ok {
		goBench := "–"
		if ns, err := strconv.ParseFloat(b.goBenchNs, 64); err == nil {
			goBench = fmt.Sprintf("Go model alone: %s ms", strconv.FormatFloat(ns/1e6, 'f', 1, 64))
		}
		row("P5", fmt.Sprintf("analysis (`apps`), %d packages, %d apps", b.synthPackages, b.synthApps), r.cell("P5 module analysis"), "–", goBench, "", "")
		for _, p := range []struct{ id, what string }{
			{"P5 cold", fmt.Sprintf("cold build of the %d apps", b.synthApps)},
			{"P5 leaf edit", fmt.Sprintf("one leaf edited (in %d of %d closures): rebuild all", b.synthLeafOf, b.synthApps)},
		} {
			ratio, target, met := "", "", ""
			if v, ok := r.ratio(p.id+" module", p.id+" seed"); ok {
				ratio = fmt.Sprintf("%.2f module / seed-style", v)
				if p.id == "P5 cold" {
					target, met = "≤ 1.0", verdict(v, 1.0)
				}
			}
			seed := r.cell(p.id + " seed")
			if seed != "–" {
				seed += " (seed-style)"
			}
			row("P5", p.what, r.cell(p.id+" module"), seed, ratio, target, met)
		}
	}
	if v, ok := r.ratio("P6 module", "P6 native"); ok {
		row("P6", "common edited: rebuild app1 + app2, warm", r.cell("P6 module"), "native "+r.cell("P6 native"),
			fmt.Sprintf("%.2f module / native", v), "≤ 1.5", verdict(v, 1.5))
	} else if _, ok := r.median("P6 module"); ok {
		row("P6", "common edited: rebuild app1 + app2, warm", r.cell("P6 module"), "native: not measured", "", "≤ 1.5", "")
	}
	if rows.Len() > 0 {
		w.WriteString("| | measure | module | seed Dockerfile | ratio | target | |\n|---|---|--:|--:|--:|---|---|\n")
		w.WriteString(rows.String())
		w.WriteString("\n")
	}
	b.reportP7(&w)

	if len(b.images) > 0 {
		w.WriteString("| image | compressed | uncompressed | layers | above the node image | runs |\n|---|--:|--:|--:|--:|---|\n")
		for _, im := range b.images {
			runs := ""
			for _, c := range b.checks {
				if c.name == im.name {
					runs = "no: " + c.detail
					if c.ok {
						runs = "yes: " + strconv.Quote(c.detail)
					}
				}
			}
			above := "–"
			if !im.base {
				above = fmt.Sprintf("%s / %s, %d layers", mb(im.size.appCompressed), mb(im.size.appUncompressed), im.size.appLayers)
			}
			fmt.Fprintf(&w, "| %s | %s | %s | %d | %s | %s |\n", im.name, mb(im.size.compressed), mb(im.size.uncompressed), im.size.layers, above, runs)
		}
	}

	w.WriteString("\nWhere the time goes:\n\n")
	if _, ok := r.median("one exec"); ok {
		fmt.Fprintf(&w, "- the engine's fixed costs, paid by both sides: one more `withExec` in a chain (an empty one, on the node image) %s; one evaluation of a chain (`sync`, as in every module function call and every stage the module syncs) %s.\n",
			r.cell("one exec"), r.cell("one evaluation"))
	}
	if _, ok := r.median("module first call"); ok {
		fmt.Fprintf(&w, "- the module's first call in the session (`apps` on the first workspace built: starts the module's runtime; `dagger call` users pay it as \"load module\"): %s, once, in no other figure.\n", r.cell("module first call"))
	}
	if b.synthApps > 0 {
		fmt.Fprintf(&w, "- P5: build-all builds the %d apps as one batch, the union of their closures: %d packages (%d package builds if each app were built on its own, `--separately`), where the seed-style Dockerfile's `pnpm -r build` builds all %d.\n",
			b.synthApps, b.synthUnion, b.synthClosureBuilds, b.synthPackages)
	}
	w.WriteString("- Per-step timings (pnpm's own output included): bench/out/last.log, `dagger --progress=plain`.\n")

	w.WriteString("\nNotes:\n")
	switch {
	case !b.seed.probed: // P5 only: the monorepo's seed was not built
	case b.seed.verbatimErr != "":
		fmt.Fprintf(&w, "- The seed Dockerfile as written does not build on testdata/monorepo (target app1, after %s): %s. The timed seed is the same file with `node_modules/` → `node_module[s]/` in its `COPY --from=prod-deps` lines, so that a package without runtime dependencies is skipped.\n",
			secs(b.seed.probe.Seconds()), b.seed.verbatimErr)
	default:
		w.WriteString("- The seed Dockerfile builds as written; P1–P3 time it verbatim.\n")
	}
	if b.seed.probed {
		w.WriteString("- \"fixed\" = the timed seed plus `COPY --from=prod-deps /app/node_modules /app/node_modules` in each app stage: P4 compares the module with it, the one seed variant whose images start.\n")
	}
	for _, n := range b.notes {
		fmt.Fprintf(&w, "- %s\n", n)
	}
	if b.nativeNote != "" {
		fmt.Fprintf(&w, "- P6 native: %s\n", b.nativeNote)
	}

	if len(b.p7.errors) > 0 {
		w.WriteString("\nP7 builds that failed, the engine's message in full:\n\n```\n")
		w.WriteString(strings.Join(b.p7.errors, "\n\n"))
		w.WriteString("\n```\n")
	}

	w.WriteString("\nRaw figures (seconds, one per repetition, in order):\n\n```\n")
	for _, name := range r.order {
		var f []string
		for _, v := range r.vals[name] {
			f = append(f, strconv.FormatFloat(v, 'f', 2, 64))
		}
		fmt.Fprintf(&w, "%-24s %s\n", name, strings.Join(f, " "))
	}
	if len(b.phases) > 0 {
		fmt.Fprintf(&w, "%-24s %s\n", "(bench phases)", strings.Join(b.phases, ", "))
	}
	w.WriteString("```\n")
	return w.String()
}

// p7Targets are issue 10's targets for P7: module / turbo and module /
// seed-style, by step (0: no target).
var p7Targets = map[string][2]float64{
	"P7 cold":       {0.8, 0.8},
	"P7 api edit":   {0.8, 0},
	"P7 admin edit": {1.0, 0},
}

// reportP7 is P7's table: each step's medians on the three sides and the
// module's ratio to each Dockerfile, with its target.
func (b *bench) reportP7(w *strings.Builder) {
	if !b.p7.ran {
		return
	}
	r := b.res
	w.WriteString("| P7 | realistic workspace, one app (api) | module | turbo prune (Dockerfile.turbo) | seed-style | module / turbo | module / seed-style |\n|---|---|--:|--:|--:|---|---|\n")
	ratio := func(step, who string, target float64) string {
		v, ok := r.ratio(step+" module", step+" "+who)
		switch {
		case !ok:
			return "–"
		case target == 0:
			return fmt.Sprintf("%.2f", v)
		}
		return fmt.Sprintf("%.2f (target ≤ %.1f: %s)", v, target, verdict(v, target))
	}
	for _, s := range []struct{ key, what string }{
		{"P7 cold", "cold build of api"},
		{"P7 api edit", "api edited (`" + p7APISrc + "`): rebuild api"},
		{"P7 admin edit", "admin edited (`" + p7AdminSrc + "`): rebuild api"},
	} {
		t := p7Targets[s.key]
		fmt.Fprintf(w, "| P7 | %s | %s | %s | %s | %s | %s |\n", s.what, r.cell(s.key+" module"), r.cell(s.key+" turbo"), r.cell(s.key+" seed-style"),
			ratio(s.key, "turbo", t[0]), ratio(s.key, "seed-style", t[1]))
	}
	size := func(who string) (imageSize, string) {
		im, ok := b.image(p7ImageName(who))
		if !ok {
			return im, "–"
		}
		return im, fmt.Sprintf("%s / %s, %d", mb(im.compressed), mb(im.uncompressed), im.layers)
	}
	mod, modCell := size("module")
	cells := []string{modCell}
	var ratios []string
	for _, who := range []string{"turbo", "seed-style"} {
		im, cell := size(who)
		cells = append(cells, cell)
		if modCell == "–" || cell == "–" {
			ratios = append(ratios, "–")
			continue
		}
		ratios = append(ratios, fmt.Sprintf("%.2f / %.2f", float64(mod.compressed)/float64(im.compressed), float64(mod.uncompressed)/float64(im.uncompressed)))
	}
	fmt.Fprintf(w, "| P7 | api image: compressed / uncompressed, layers | %s | %s | %s | %s | %s |\n\n", cells[0], cells[1], cells[2], ratios[0], ratios[1])
}

func (b *bench) image(name string) (imageSize, bool) {
	for _, im := range b.images {
		if im.name == name {
			return im.size, true
		}
	}
	return imageSize{}, false
}

func orUnknown(s string) string {
	if s == "" {
		return "(version unknown)"
	}
	return s
}
