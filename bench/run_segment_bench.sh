#!/usr/bin/env bash
# Measures the segmentation and writes bench/results/segment.md:
#  1. the real workload: N simulated users (12 months), enhanced state as the mean of 26 weekly
#     snapshots, scaled, the default blocks and weights -> .npy; fincoach (blocked and Hamerly
#     assignment, 1 and 2 threads) against scikit-learn KMeans(n_init=10) + silhouette_score
#     (sample_size=5000) on the same file, OMP_NUM_THREADS=1 and 2;
#  2. the large case: 1M x 46 synthetic persona-like blobs, k = 5, 10 inits, sampled
#     silhouette, 2 threads (and scikit-learn on 2 threads for reference);
#  3. quality against the simulator's true personas (5,000 users; the defaults on three seeds,
#     then one change at a time: a quarter's window, one snapshot, the goal block at weight 1,
#     wider trait spreads).
#
# usage: bench/run_segment_bench.sh [--users N] [--large-rows N] [--quality-users N]
#                                   [--reps R] [--build-dir DIR] [--skip-large] [--skip-quality]
# Environment: BENCH_JOBS (parallel build jobs, default 1), PYTHON (default /usr/bin/python3).
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

users=100000
large_rows=1000000
quality_users=5000
reps=3
build_dir=build/segment
skip_large=0
skip_quality=0
python=${PYTHON:-/usr/bin/python3}

die() { echo "run_segment_bench: error: $*" >&2; exit 1; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --users) users=${2:?}; shift 2 ;;
    --large-rows) large_rows=${2:?}; shift 2 ;;
    --quality-users) quality_users=${2:?}; shift 2 ;;
    --reps) reps=${2:?}; shift 2 ;;
    --build-dir) build_dir=${2:?}; shift 2 ;;
    --skip-large) skip_large=1; shift ;;
    --skip-quality) skip_quality=1; shift ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" ;;
  esac
done

cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" --target fincoach_segment_bench -j "${BENCH_JOBS:-1}" >/dev/null
bench="$build_dir/bench/fincoach_segment_bench"
data=build/bench-data/segment
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$data" bench/results
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

export OMP_NUM_THREADS=1
matrix="$data/simulated_${users}.npy"
# Regenerated every run: it follows the simulator and the segmentation defaults.
"$bench" --gen-simulated="$matrix" --users="$users"
# The machine is shared: the two sides alternate, one run each per round, and the report
# takes the median over rounds, so a burst of load hits both.
for round in $(seq 1 "$reps"); do
  "$bench" --matrix="$matrix" --threads=1,2 --assignment=blocked,hamerly --reps=1 --out="$out/ours_compare_$round.json"
  OMP_NUM_THREADS=1 "$python" bench/segment_sklearn.py "$matrix" "$out/sklearn_compare_1_$round.json" --reps 1
  OMP_NUM_THREADS=2 "$python" bench/segment_sklearn.py "$matrix" "$out/sklearn_compare_2_$round.json" --reps 1
done

if [[ $skip_large == 0 ]]; then
  large="$data/blobs_${large_rows}x46.npy"
  [[ -f $large ]] || "$bench" --gen-blobs="$large" --rows="$large_rows" --cols=46 --k=5
  "$bench" --matrix="$large" --threads=2 --assignment=hamerly,blocked --reps=1 --out="$out/ours_large.json"
  OMP_NUM_THREADS=2 "$python" bench/segment_sklearn.py "$large" "$out/sklearn_large_2.json" --reps 1
fi

if [[ $skip_quality == 0 ]]; then
  # Defaults on three seeds, then one change at a time.
  for seed in 42 7 2026; do
    "$bench" --quality=1 --users="$quality_users" --seed="$seed" --out="$out/quality_default_seed$seed.json"
  done
  "$bench" --quality=1 --users="$quality_users" --weeks=13 --out="$out/quality_13w.json"
  "$bench" --quality=1 --users="$quality_users" --weeks=1 --out="$out/quality_1w.json"
  "$bench" --quality=1 --users="$quality_users" --blocks=base,behavioural,goal --out="$out/quality_goal1.json"
  "$bench" --quality=1 --users="$quality_users" --spread=1.5 --out="$out/quality_s15.json"
  "$bench" --quality=1 --users="$quality_users" --spread=2.5 --out="$out/quality_s25.json"
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

"$python" bench/segment_report.py "$out" bench/results/segment.md \
  --command "bench/run_segment_bench.sh --users $users --large-rows $large_rows --quality-users $quality_users --reps $reps" \
  --load "$load_before -> $load_after"
rm -rf bench/results/segment
mkdir -p bench/results/segment
cp "$out"/*.json bench/results/segment/
echo "wrote bench/results/segment.md (raw numbers in bench/results/segment/)"
