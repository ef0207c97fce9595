#!/usr/bin/env bash
# Measures ingest and ledger loading against their targets and writes bench/results/:
# builds the benchmark programs (release preset), generates the input CSV once per
# (rows, seed, generator source), runs both benchmarks and pandas side by side, and writes
# bench/results/ingest.md with the medians, the machine and PASS/FAIL.
#
# usage: bench/run_ingest_bench.sh [--rows N] [--seed S] [--repetitions R]
#                                  [--build-dir DIR] [--check]
#   --build-dir DIR  build in DIR (configured from the release preset) instead of build/release
#   --check          exit 1 when a target is missed
# Environment: BENCH_JOBS (parallel build jobs, default 2), PYTHON (interpreter with pandas).
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

rows=1000000
seed=42
repetitions=5
build_dir=build/release
check=0

usage() { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
die() { echo "run_ingest_bench: error: $*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --rows) rows=${2:?--rows needs a value}; shift 2 ;;
    --seed) seed=${2:?--seed needs a value}; shift 2 ;;
    --repetitions) repetitions=${2:?--repetitions needs a value}; shift 2 ;;
    --build-dir) build_dir=${2:?--build-dir needs a value}; shift 2 ;;
    --check) check=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" ;;
  esac
done
[[ $rows =~ ^[0-9]+$ && $rows -gt 0 ]] || die "--rows = '$rows' must be a positive whole number"
[[ $seed =~ ^[0-9]+$ ]] || die "--seed = '$seed' must be a whole number"
[[ $repetitions =~ ^[0-9]+$ && $repetitions -gt 0 ]] || die "--repetitions = '$repetitions' must be positive"

# Benchmarks and anything OpenMP must not spin against the other core.
export OMP_NUM_THREADS=1 OMP_WAIT_POLICY=passive

echo "== build ($build_dir)"
if [[ $build_dir == build/release ]]; then
  cmake --preset release >/dev/null
else
  cmake -S "$repo_root" -B "$build_dir" --preset release >/dev/null
fi
cmake --build "$build_dir" -j "${BENCH_JOBS:-2}" \
  --target fincoach_gen_csv fincoach_ingest_bench fincoach_ledger_load_bench
bin=$build_dir/bench

data_dir=build/bench-data
mkdir -p "$data_dir" bench/results
csv=$data_dir/moneyvis_${rows}rows_seed${seed}.csv
ledger=$data_dir/moneyvis_${rows}rows_seed${seed}.fcl
# The file is regenerated when the rows, the seed or the generator's source change.
params="rows=$rows seed=$seed generator=$(cat bench/csv_generator.hpp bench/csv_generator.cpp | sha256sum | cut -c1-16)"
if [[ -f $csv && -f $csv.params && $(<"$csv.params") == "$params" ]]; then
  echo "== input: $csv (already generated: $params)"
else
  echo "== input: generating $csv"
  "$bin/fincoach_gen_csv" --rows "$rows" --seed "$seed" --out "$csv"
  echo "$params" >"$csv.params"
fi

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
bench_flags=(--benchmark_repetitions="$repetitions" --benchmark_report_aggregates_only=true
             --benchmark_out_format=json)

echo "== fincoach ingest"
"$bin/fincoach_ingest_bench" --csv="$csv" --ledger-out="$ledger" "${bench_flags[@]}" \
  --benchmark_out=bench/results/ingest_bench.json
echo "== fincoach ledger load"
"$bin/fincoach_ledger_load_bench" --ledger="$ledger" "${bench_flags[@]}" \
  --benchmark_out=bench/results/ledger_load_bench.json

# Debian's python3-pandas lives under /usr/bin/python3, which another python3 on PATH may hide.
python=""
for candidate in ${PYTHON:+"$PYTHON"} /usr/bin/python3 python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import pandas' 2>/dev/null; then
    python=$candidate
    break
  fi
done
pandas_args=()
rm -f bench/results/pandas_ingest.json
if [[ -n $python ]]; then
  echo "== pandas ($python)"
  "$python" bench/pandas_ingest.py "$csv" --runs "$repetitions" --out bench/results/pandas_ingest.json
  pandas_args=(--pandas bench/results/pandas_ingest.json)
else
  echo "== pandas: not available (install python3-pandas); skipping the comparison"
fi

command_line="bench/run_ingest_bench.sh --rows $rows --seed $seed --repetitions $repetitions"
report_python=${python:-python3}
"$report_python" bench/ingest_report.py --ingest bench/results/ingest_bench.json \
  --ledger bench/results/ledger_load_bench.json "${pandas_args[@]}" \
  --command "$command_line" --load-before "$load_before" --out bench/results/ingest.md
echo "== wrote bench/results/ingest.md"
cat bench/results/ingest.md

if [[ $check -eq 1 ]] && grep -q '\*\*FAIL\*\*' bench/results/ingest.md; then
  die "a target was missed (see bench/results/ingest.md)"
fi
