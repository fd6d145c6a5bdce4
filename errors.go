package main

import (
	"errors"
	"fmt"
	"strings"

	"dagger/pnpm/internal/dagger"
	"dagger/pnpm/internal/hints"
)

// stageMarkers name the stage of a failed command by a word of it.
var stageMarkers = []struct{ marker, stage string }{
	{"pnpm install", "install"},
	{"npm install", "base"},
	{"$DEPLOY_COUNT", "build and deploy"},
	{" run ", "build"},
}

// explain turns a failed exec into an error that names the stage and the
// app, followed by pnpm's own output (its errors go to stdout or stderr
// depending on the reporter, so both tails are kept), then the fix that
// hint (when not nil) reads in that output.
func explain(err error, app string, hint func(output string) string) error {
	var exec *dagger.ExecError
	if !errors.As(err, &exec) {
		return fmt.Errorf("app %q: %w", app, err)
	}
	cmd := strings.Join(exec.Cmd, " ")
	stage := "image"
	for _, s := range stageMarkers {
		if strings.Contains(cmd, s.marker) {
			stage = s.stage
			break
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "app %q: the %s stage failed (exit code %d): %s",
		app, stage, exec.ExitCode, shown(exec.Cmd))
	for _, out := range []string{exec.Stdout, exec.Stderr} {
		if tail := lastLines(out, 30); tail != "" {
			b.WriteString("\n" + tail)
		}
	}
	// Why only there: downloads happen in the install (a deploy that
	// fetches fails with pnpm's ERR_PNPM_FETCH_*); a build's own log may
	// show a 401 or 403 of the app's API.
	out := exec.Stdout + "\n" + exec.Stderr
	if stage == "install" || strings.Contains(out, "ERR_PNPM_FETCH_") {
		b.WriteString(hints.Registry(out))
	}
	if hint != nil {
		b.WriteString(hint(out))
	}
	return errors.New(b.String())
}

// shown is a command as an error shows it. A step's shell script comes
// second, on one line and shortened; its arguments (the build command)
// come first, in full.
func shown(cmd []string) string {
	if len(cmd) < 3 || cmd[0] != "sh" || cmd[1] != "-c" {
		return strings.Join(cmd, " ")
	}
	script := strings.Join(strings.Fields(strings.ReplaceAll(cmd[2], "\n", "; ")), " ")
	if len(script) > 80 {
		script = script[:80] + "..."
	}
	if len(cmd) > 4 {
		return strings.Join(cmd[4:], " ") + ", in: sh -c '" + script + "'"
	}
	return "sh -c '" + script + "'"
}

// lastLines keeps the end of a long output, where pnpm prints its error.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// withOutput adds a failed command's output to its error.
func withOutput(err error) error {
	var exec *dagger.ExecError
	if !errors.As(err, &exec) {
		return err
	}
	return fmt.Errorf("exit code %d\n%s", exec.ExitCode, lastLines(exec.Stdout+"\n"+exec.Stderr, 40))
}

// errorf names the module in errors that are about the caller's arguments.
func errorf(format string, args ...any) error {
	return fmt.Errorf("pnpm module: "+format, args...)
}
