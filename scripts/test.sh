#!/usr/bin/env bash
# The project's test command: installs what is missing, starts the test database,
# configures, builds and runs the whole test suite. Exits non-zero on any failure.
#
#   scripts/test.sh            release preset (build/release)
#   CI=true scripts/test.sh    ci preset: release with warnings as errors (build/ci)
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

if [[ ${CI:-} == true ]]; then preset=ci; else preset=release; fi

# OpenMP code must not spin on a shared 2-core machine: one thread, passive waits.
export OMP_NUM_THREADS=1
export OMP_WAIT_POLICY=passive

phases=()
phase_seconds=()
print_timing() {
  local status=$? i line="test.sh timing:"
  for i in "${!phases[@]}"; do
    line+=" ${phases[$i]} ${phase_seconds[$i]}s"
  done
  echo "$line (preset $preset, exit $status)"
}
trap print_timing EXIT

# Runs "$@" as the phase named $1 and records its wall time in whole seconds, failed or not.
run_phase() {
  local name=$1 start=$SECONDS rc=0
  shift
  echo "== $name: $*"
  "$@" || rc=$?
  phases+=("$name")
  phase_seconds+=("$((SECONDS - start))")
  return "$rc"
}

start_database() {
  if bash scripts/start-postgres.sh; then
    return 0
  fi
  if [[ ${CI:-} == true ]]; then
    echo "test.sh: error: could not start PostgreSQL; tests that need it would fail" >&2
    return 1
  fi
  echo "test.sh: warning: could not start PostgreSQL; database tests will fail or skip" >&2
}

run_phase setup bash scripts/setup.sh
run_phase postgres start_database
run_phase configure cmake --preset "$preset"
run_phase build cmake --build --preset "$preset" -j2
run_phase test ctest --preset "$preset" --no-tests=error
