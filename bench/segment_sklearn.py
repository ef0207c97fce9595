#!/usr/bin/env python3
"""scikit-learn's side of the segmentation benchmark (bench/run_segment_bench.sh).

Reads the same .npy feature matrix as fincoach_segment_bench and times
KMeans(n_clusters=k, n_init=10) (Lloyd, greedy k-means++) and
silhouette_score(X, labels, sample_size=S), median of R runs after nothing is cached
but the file. Thread count: whatever OMP_NUM_THREADS says (the script prints it).

usage: segment_sklearn.py MATRIX.npy OUT.json [--k 5] [--n-init 10] [--sample 5000] [--reps 3]
"""
import argparse
import json
import os
import statistics
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("matrix")
    ap.add_argument("out")
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--n-init", type=int, default=10)
    ap.add_argument("--sample", type=int, default=5000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()

    x = np.load(a.matrix)
    fit_s, sil_s = [], []
    for rep in range(a.reps):
        t0 = time.perf_counter()
        km = KMeans(n_clusters=a.k, n_init=a.n_init, random_state=a.seed + rep).fit(x)
        fit_s.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        sil = silhouette_score(x, km.labels_, sample_size=min(a.sample, x.shape[0]), random_state=a.seed + rep)
        sil_s.append(time.perf_counter() - t0)
    result = {
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS", "(unset)"),
        "rows": int(x.shape[0]),
        "cols": int(x.shape[1]),
        "k": a.k,
        "n_init": a.n_init,
        "silhouette_sample": a.sample,
        "fit_seconds": statistics.median(fit_s),
        "silhouette_seconds": statistics.median(sil_s),
        "total_seconds": statistics.median(fit_s) + statistics.median(sil_s),
        "fit_seconds_all": fit_s,
        "inertia": float(km.inertia_),
        "n_iter_best": int(km.n_iter_),
        "silhouette": float(sil),
    }
    print(f"sklearn {sklearn.__version__} OMP_NUM_THREADS={result['omp_num_threads']}: fit {result['fit_seconds']:.3f} s "
          f"silhouette {result['silhouette_seconds']:.3f} s inertia {result['inertia']:.6g} silhouette {sil:.4f}")
    with open(a.out, "w") as f:
        json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
