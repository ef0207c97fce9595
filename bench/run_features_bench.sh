#!/usr/bin/env bash
# Measures feature extraction and compares it with the seed's extractor re-implemented in
# pandas (bench/python/features_pandas.py), writing raw results to bench/results/features/:
# builds fincoach and fincoach_features_bench (Release), simulates populations of each size
# (12 months), times legacy17, the enhanced state, the weekly panel, the series and the
# recurring streams at 1 and 2 threads, and runs pandas on the same transactions CSV for the
# sizes in --pandas-users. bench/results/features.md discusses the numbers.
#
# usage: bench/run_features_bench.sh [--users 1000,10000,100000] [--pandas-users 1000,10000]
#                                    [--seed S] [--build-dir DIR] [--work DIR]
# Environment: BENCH_JOBS (parallel build jobs, default 1); PYTHON (default /usr/bin/python3,
# Debian's, which has python3-pandas); OMP_NUM_THREADS is set to 1.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

users_list=1000,10000,100000
pandas_list=1000,10000
seed=42
build_dir=build/features
work=$(mktemp -d -t fincoach-features-bench-XXXXXX)

usage() { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
die() { echo "run_features_bench: error: $*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --users) users_list=${2:?--users needs a value}; shift 2 ;;
    --pandas-users) pandas_list=${2:?--pandas-users needs a value}; shift 2 ;;
    --seed) seed=${2:?--seed needs a value}; shift 2 ;;
    --build-dir) build_dir=${2:?--build-dir needs a value}; shift 2 ;;
    --work) work=${2:?--work needs a value}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" ;;
  esac
done

export OMP_NUM_THREADS=1
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" --target fincoach fincoach_features_bench -j"${BENCH_JOBS:-1}" >/dev/null
out=bench/results/features
mkdir -p "$out" "$work"
python=${PYTHON:-/usr/bin/python3}
"$python" -c 'import pandas' 2>/dev/null || echo "run_features_bench: pandas not installed, skipping the comparison" >&2

IFS=, read -ra sizes <<<"$users_list"
for n in "${sizes[@]}"; do
  pop="$work/pop_$n"
  csv_flag=--no-csv
  [[ ",$pandas_list," == *",$n,"* ]] && csv_flag=
  if [[ ! -f "$pop/ledger.fcl" ]]; then
    "$build_dir/fincoach" --no-progress --seed "$seed" --threads 2 simulate --users "$n" --months 12 \
      --out "$pop" $csv_flag >/dev/null
  fi
  echo "== fincoach, $n users"
  "$build_dir/bench/fincoach_features_bench" --population="$pop" --threads=1,2 --reps=3 \
    --json="$out/fincoach_${n}.json" | tee "$out/fincoach_${n}.md"
  if [[ -z $csv_flag ]] && "$python" -c 'import pandas' 2>/dev/null; then
    echo "== pandas, $n users"
    "$python" bench/python/features_pandas.py "$pop/transactions.csv" --json "$out/pandas_${n}.json"
  fi
done
echo "raw results in $out; populations in $work"
