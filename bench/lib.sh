# bench/lib.sh - what the bench scripts share; source it.

# use_engine: the engine of $_EXPERIMENTAL_DAGGER_RUNNER_HOST, else
# hack/engine's.
use_engine() {
  [ -n "${_EXPERIMENTAL_DAGGER_RUNNER_HOST:-}" ] || eval "$("$REPO/hack/engine" env)"
}

# median: the median of the numbers on stdin (separated by spaces or lines).
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# side_medians FILE WHAT: for a file of "<side> <seconds>" lines from rounds
# that took turns, the median of the sides "without" and "with".
side_medians() {
  local side
  for side in without with; do
    printf 'median %s the compile cache: %s s (%s)\n' "$side" "$(grep "^$side " "$1" | cut -d' ' -f2 | median)" "$2"
  done
}
