#!/usr/bin/env python3
"""Writes bench/results/ingest.md from the JSON results of one run_ingest_bench.sh run.

    python3 bench/ingest_report.py --ingest I.json --ledger L.json [--pandas P.json]
                                   --command "CMD" --out ingest.md

Medians over the repetitions; MB = 10^6 bytes. PASS/FAIL against the targets:
ingest (CSV bytes in, ledger file written) >= 300 MB/s, ledger load >= 2 GB/s.
"""
import argparse
import datetime
import json
import os
import platform
import subprocess

INGEST_TARGET_MBPS = 300.0
LOAD_TARGET_MBPS = 2000.0
UNIT_SECONDS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def load_json(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def aggregate(report, benchmark, name):
    """The aggregate row `name` (median, cv, ...) of one benchmark in a Google Benchmark JSON."""
    for row in report["benchmarks"]:
        if row.get("run_name", "").split("/")[0] == benchmark and row.get("aggregate_name") == name:
            return row
    raise SystemExit(f"ingest_report: no '{name}' aggregate for {benchmark} in the results")


def git(*args):
    try:
        return subprocess.run(["git", *args], check=True, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def machine_lines(load_before):
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    rev = git("rev-parse", "--short", "HEAD") or "no commit yet"
    if git("status", "--porcelain") or rev == "no commit yet":
        rev += " (working tree differs)"
    return [
        f"- date: {datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"- git: {rev}",
        f"- CPU: {cpu}; nproc {os.cpu_count()}; load average (1, 5, 15 min) before the run: {load_before}",
        f"- OS: {platform.platform()}",
    ]


def mbps(value):
    return f"{value / 1e6:,.1f}"


def rate(value):
    return f"{value:,.0f}"


def cpu_mbps(file_bytes, row):
    """Rate by the process's CPU time: what the code does when the other core is busy too."""
    seconds = row["cpu_time"] * UNIT_SECONDS[row["time_unit"]]
    return f"{file_bytes / seconds / 1e6:,.1f}"


def verdict(value_mbps, target):
    return "PASS" if value_mbps >= target else "FAIL"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ingest", required=True)
    parser.add_argument("--ledger", required=True)
    parser.add_argument("--pandas")
    parser.add_argument("--command", required=True, help="the command that produced the results")
    parser.add_argument("--out", required=True)
    parser.add_argument("--load-before", default="not recorded",
                        help="the load average when the benchmarks started (from /proc/loadavg)")
    args = parser.parse_args()

    ingest = load_json(args.ingest)
    ledger = load_json(args.ledger)
    pandas = load_json(args.pandas) if args.pandas else None
    context = ingest["context"]
    reps = ingest["benchmarks"][0].get("repetitions", "?")

    save = aggregate(ingest, "ingest_csv_and_save_ledger", "median")
    save_cv = aggregate(ingest, "ingest_csv_and_save_ledger", "cv")
    only = aggregate(ingest, "ingest_csv_only", "median")
    only_cv = aggregate(ingest, "ingest_csv_only", "cv")
    load = aggregate(ledger, "load_ledger", "median")
    load_cv = aggregate(ledger, "load_ledger", "cv")

    save_mbps = save["bytes_per_second"] / 1e6
    load_mbps = load["bytes_per_second"] / 1e6
    rows = int(save["rows"])
    csv_bytes = int(save["csv_bytes"])
    ledger_bytes = int(load["file_bytes"])

    def cv(row):
        return f"{row['real_time'] * 100:.1f} %"

    lines = [
        "# Ingest benchmark results",
        "",
        f"Input: {rows:,} rows, {csv_bytes:,} bytes of generated MoneyVis-shaped CSV "
        f"(`{os.path.basename(context.get('csv', '?'))}`); ledger file {ledger_bytes:,} bytes. "
        f"Single-threaded, files in the page cache, wall-clock time, median of {reps} repetitions. "
        "MB = 10^6 bytes; the ingest rate counts CSV bytes, the load rate ledger-file bytes.",
        "",
        "| measurement | median wall time | MB/s | rows/s | spread (cv) | MB/s by CPU time | target | result |",
        "|---|---:|---:|---:|---:|---:|---|---|",
        f"| fincoach ingest: CSV → ledger file (`ingest_csv_and_save_ledger`) | {save['real_time']:.1f} ms "
        f"| {mbps(save['bytes_per_second'])} | {rate(save['items_per_second'])} | {cv(save_cv)} "
        f"| {cpu_mbps(csv_bytes, save)} | ≥ {INGEST_TARGET_MBPS:.0f} MB/s "
        f"| **{verdict(save_mbps, INGEST_TARGET_MBPS)}** |",
        f"| fincoach ingest without writing the file (`ingest_csv_only`) | {only['real_time']:.1f} ms "
        f"| {mbps(only['bytes_per_second'])} | {rate(only['items_per_second'])} | {cv(only_cv)} "
        f"| {cpu_mbps(csv_bytes, only)} | – | – |",
        f"| fincoach ledger load (`load_ledger`) | {load['real_time']:.2f} ms | {mbps(load['bytes_per_second'])} "
        f"| {rate(load['items_per_second'])} | {cv(load_cv)} | {cpu_mbps(ledger_bytes, load)} "
        f"| ≥ {LOAD_TARGET_MBPS:.0f} MB/s | **{verdict(load_mbps, LOAD_TARGET_MBPS)}** |",
    ]
    if pandas:
        ratio = save_mbps / pandas["mb_per_second"]
        lines += [
            f"| pandas {pandas['pandas_version']} `read_csv` + `to_datetime(format='%d/%m/%Y')` "
            f"| {pandas['seconds_median'] * 1000:.1f} ms | {pandas['mb_per_second']:,.1f} "
            f"| {rate(pandas['rows_per_second'])} | – | – | – | – |",
            "",
            f"fincoach ingest (including the ledger file write) / pandas: **{ratio:.1f}×** "
            f"(median of {pandas['runs']} pandas runs after one warm-up; pandas does less work: "
            "no amount parsing to minor units, no category mapping, no validation, nothing written).",
        ]
    else:
        lines += ["", "pandas was not available (Debian's python3-pandas), so there is no comparison row."]
    lines += [
        "",
        "## Machine",
        "",
        *machine_lines(args.load_before),
        "",
        "The machine has 2 cores shared with other work. The targets are judged on wall time; "
        "the coefficient of variation (cv) and the CPU-time rate show how much contention "
        "there was (wall-time MB/s well below CPU-time MB/s means the process waited for a core "
        "or for the kernel, e.g. writing the file).",
        "",
        "## Reproduce",
        "",
        "```",
        args.command,
        "```",
        "",
        "Raw results: `ingest_bench.json`, `ledger_load_bench.json`"
        + (", `pandas_ingest.json`" if pandas else "")
        + " beside this file.",
        "",
    ]
    tmp = f"{args.out}.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
    os.replace(tmp, args.out)


if __name__ == "__main__":
    main()
