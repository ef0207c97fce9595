#!/usr/bin/env python3
"""Compares two Google Benchmark JSON files (e.g. bench/results/ingest_bench.json before and
after a change) benchmark by benchmark.

    python3 bench/compare_results.py BASELINE.json CANDIDATE.json [--threshold 5]

Uses the median aggregate when the run had repetitions, else the single run. Prints a table
of wall time and throughput with the change in percent; exits 1 when any benchmark present in
both files got slower by more than --threshold percent.
"""
import argparse
import json
import sys


def medians(path):
    """run name -> row: the median aggregate if present, else the plain iteration row."""
    with open(path, encoding="utf-8") as handle:
        rows = json.load(handle)["benchmarks"]
    picked = {}
    for row in rows:
        name = row.get("run_name", row["name"])
        if row.get("run_type") == "aggregate":
            if row.get("aggregate_name") == "median":
                picked[name] = row
        elif name not in picked:
            picked[name] = row
    return picked


def change(old, new):
    return (new - old) / old * 100.0 if old else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("baseline")
    parser.add_argument("candidate")
    parser.add_argument("--threshold", type=float, default=5.0,
                        help="percent of extra wall time that counts as a regression")
    args = parser.parse_args()

    old, new = medians(args.baseline), medians(args.candidate)
    regressions = []
    print(f"{'benchmark':40} {'old':>12} {'new':>12} {'time':>8} {'old MB/s':>10} {'new MB/s':>10} {'rate':>8}")
    for name in sorted(old.keys() & new.keys()):
        a, b = old[name], new[name]
        unit = a.get("time_unit", "ns")
        time_change = change(a["real_time"], b["real_time"])
        line = f"{name:40} {a['real_time']:>10.3f}{unit:>2} {b['real_time']:>10.3f}{unit:>2} {time_change:>+7.1f}%"
        if "bytes_per_second" in a and "bytes_per_second" in b:
            line += (f" {a['bytes_per_second'] / 1e6:>10.1f} {b['bytes_per_second'] / 1e6:>10.1f}"
                     f" {change(a['bytes_per_second'], b['bytes_per_second']):>+7.1f}%")
        print(line)
        if time_change > args.threshold:
            regressions.append(name)
    for name in sorted(old.keys() ^ new.keys()):
        print(f"{name:40} only in {'baseline' if name in old else 'candidate'}")
    if regressions:
        print(f"slower by more than {args.threshold}%: {', '.join(regressions)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
