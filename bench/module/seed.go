package main

import (
	"time"

	"dagger/bench/dockerfile"
)

// seedVariants are the versions of the seed's Example 2 Dockerfile the
// benchmark builds (see package dockerfile for the edits).
type seedVariants struct {
	// verbatim is testdata/monorepo/Dockerfile as is.
	verbatim string
	// verbatimErr says why the verbatim file does not build on the fixture
	// ("" when it does); probe is how long the attempt took.
	verbatimErr string
	probed      bool
	probe       time.Duration
	// timed is what P1 to P3 time: the verbatim file when it builds, else
	// dockerfile.Buildable of it (the smallest change that builds).
	timed     string
	timedName string
	// fixed is dockerfile.Fixed of timed; P4 and the run checks compare
	// the module with it.
	fixed string
}

func seedFromDockerfile(verbatim string) (seedVariants, error) {
	if err := dockerfile.CheckSeed(verbatim); err != nil {
		return seedVariants{}, err
	}
	timed := dockerfile.Buildable(verbatim)
	return seedVariants{
		verbatim:  verbatim,
		timed:     timed,
		timedName: "verbatim + node_module[s] wildcard",
		fixed:     dockerfile.Fixed(timed),
	}, nil
}

// useVerbatim times the verbatim file: it builds.
func (s *seedVariants) useVerbatim() {
	s.timed, s.timedName = s.verbatim, "verbatim"
	s.fixed = dockerfile.Fixed(s.verbatim)
}

// seedStyle is dockerfile.SeedStyle for the synthetic workspace's apps.
func seedStyle(verbatim string, apps []synthApp) (string, error) {
	stages := make([]dockerfile.App, len(apps))
	for i, a := range apps {
		stages[i] = dockerfile.App{Stage: a.stage(), Dir: a.dir, Port: a.port}
	}
	return dockerfile.SeedStyle(verbatim, "libs", stages)
}

// buildError is an engine error as the report shows it.
func buildError(err error) string { return dockerfile.CleanError(err.Error()) }
