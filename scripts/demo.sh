#!/usr/bin/env bash
# First command to try: installs what is missing, builds the fincoach CLI (release) and
# runs its demo. Arguments are passed on to `fincoach demo`.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

bash scripts/setup.sh

log=build/release-demo-build.log
mkdir -p build
echo "demo: building fincoach (release preset; the first build takes a few minutes, log in $log)" >&2
if ! { cmake --preset release && cmake --build --preset release --target fincoach -j2; } >"$log" 2>&1; then
  tail -n 60 "$log" >&2
  echo "demo: error: the build failed; full log in $log" >&2
  exit 1
fi

exec build/release/fincoach demo "$@"
