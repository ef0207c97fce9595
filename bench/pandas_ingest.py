#!/usr/bin/env python3
"""Reference point for the ingest benchmark: pandas read_csv + to_datetime on the same file.

    python3 bench/pandas_ingest.py FILE [--runs 5] [--out RESULT.json]

Each run reads the whole CSV with pandas' default (C) parser and converts the
'Transaction Date' column with format '%d/%m/%Y'. Prints and optionally writes JSON with the
median over the runs: seconds, rows/s and MB/s (MB = 10^6 bytes of the CSV file).
"""
import argparse
import json
import os
import platform
import statistics
import sys
import time

import pandas as pd

DATE_COLUMN = "Transaction Date"
DATE_FORMAT = "%d/%m/%Y"


def one_run(path):
    start = time.perf_counter()
    frame = pd.read_csv(path)
    frame[DATE_COLUMN] = pd.to_datetime(frame[DATE_COLUMN], format=DATE_FORMAT)
    seconds = time.perf_counter() - start
    return seconds, len(frame)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", help="MoneyVis-shaped CSV (e.g. from fincoach_gen_csv)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs; the median is reported")
    parser.add_argument("--out", help="write the JSON result here as well")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error(f"--runs = {args.runs} must be at least 1")

    size = os.path.getsize(args.csv)
    one_run(args.csv)  # warm-up: page cache and pandas' lazy imports
    timings = []
    rows = 0
    for _ in range(args.runs):
        seconds, rows = one_run(args.csv)
        timings.append(seconds)
    median = statistics.median(timings)
    result = {
        "tool": "pandas.read_csv + to_datetime",
        "csv": args.csv,
        "csv_bytes": size,
        "rows": rows,
        "runs": args.runs,
        "seconds_all": timings,
        "seconds_median": median,
        "rows_per_second": rows / median,
        "mb_per_second": size / median / 1e6,
        "pandas_version": pd.__version__,
        "python_version": platform.python_version(),
        "python": sys.executable,
    }
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        tmp = f"{args.out}.tmp-{os.getpid()}"
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
        os.replace(tmp, args.out)


if __name__ == "__main__":
    main()
