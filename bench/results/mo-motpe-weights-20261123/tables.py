#!/usr/bin/env python3
"""Session 8's MOTPE weight tables from the raw files beside this script (run with /usr/bin/python3 from anywhere).

Usage: tables.py suite | heldout | b500. Quantiles are statistics.quantiles' (exclusive method); p10 is the 8th of 80
sorted values (the 4th of 40, the 3rd of 30); Mann-Whitney p is two-sided, against Hone's former default.
"""

import glob
import json
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(os.path.dirname(RESULTS), "peers"))
from scipy.stats import mannwhitneyu  # noqa: E402
from summarize_mo import REFERENCE, hypervolume  # noqa: E402

# Held-out problems (temporary, in mo-motpe-weights-variants-20261123.patch): references beyond every reachable point.
HELD_OUT = {"zdt4": [1.1, 420.0], "zdt6": [1.1, 11.0], "dtlz1": [600.0, 600.0, 600.0], "dtlz7": [1.1, 1.1, 34.0], "dtlz2m2": [2.5, 2.5]}


def load(paths, references, last_seed=80):
    found = {}
    for path in paths:
        for line in open(path, encoding="utf-8"):
            if line.startswith("{"):
                r = json.loads(line)
                if r.get("sampler") == "tpe" and r["seed"] <= last_seed:
                    found[(r["problem"], r["seed"])] = hypervolume(r["front"], references[r["problem"]])
    return found


def table(groups, problems, optuna=None):
    base = groups[0][1]
    print("| Problem | Variant | Seeds | p10 | Q1 | Median | Q3 | Ratio to former default | Ratio to Optuna 3.1 | Mann-Whitney p |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for problem in problems:
        fmt = (lambda x: f"{x:,.0f}") if problem == "srn" else (lambda x: f"{x:.5g}")
        bv = [v for (p, _), v in base.items() if p == problem]
        om = statistics.median([v for (p, _), v in optuna.items() if p == problem]) if optuna else None
        for name, data in groups:
            v = sorted(x for (p, _), x in data.items() if p == problem)
            q = statistics.quantiles(v, n=4)
            m = statistics.median(v)
            pv = f"{mannwhitneyu(v, bv).pvalue:.2f}" if data is not base else "—"
            ro = f"{m / om:.4f}" if om else "—"
            print(f"| {problem} | {name} | {len(v)} | {fmt(v[len(v) // 10])} | {fmt(q[0])} | {fmt(m)} | {fmt(q[2])} | "
                  f"{m / statistics.median(bv):.4f} | {ro} | {pv} |")


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else "suite"
    r = lambda name: os.path.join(RESULTS, name)  # noqa: E731
    h = lambda name: os.path.join(HERE, name)  # noqa: E731
    if what == "suite":
        former = load([r("mo-suite-hone-tpe-seeds1-50-20261123T0535Z.jsonl"), r("mo-suite-hone-tpe-zdt1-zdt2-seeds51-80-20261123.jsonl"),
                       h("default-zdt3-dtlz2-srn-seeds51-80.jsonl")], REFERENCE)
        optuna = load(glob.glob(r("mo-suite-optuna-tpe*.jsonl")), REFERENCE)
        groups = [("former default (h = 1)", former), ("Optuna 3.1", optuna),
                  ("new default (h = 0.5)", load([r("mo-suite-hone-tpe-hvweight05-seeds1-80-20261123T1048Z.jsonl")], REFERENCE))]
        for name, file in [("uniform (h = 0)", "uniform-seeds1-80.jsonl"), ("h = 0.25", "blend75-seeds1-80.jsonl"),
                           ("h = 0.75", "blend25-seeds1-80.jsonl"), ("sqrt contributions", "sqrtc-seeds1-80.jsonl"),
                           ("uniform, prior weight 2", "uniform-prior2-seeds1-80.jsonl"), ("uniform, prior weight 3", "uniform-prior3-seeds1-80.jsonl")]:
            groups.append((name, load([h(file)], REFERENCE)))
        table(groups, ["zdt1", "zdt2", "zdt3", "dtlz2", "srn"], optuna)
    elif what == "heldout":
        groups = [(n, load([h(f"heldout-{v}.jsonl")], HELD_OUT)) for n, v in
                  [("former default (h = 1)", "default"), ("uniform (h = 0)", "uniform"), ("new default (h = 0.5)", "blend")]]
        table(groups, list(HELD_OUT))
    else:
        groups = [(n, load([h(f"b500-{v}.jsonl")], REFERENCE)) for n, v in
                  [("former default (h = 1), γ capped", "default-cap"), ("h = 1, γ uncapped", "default-nocap"),
                   ("new default (h = 0.5), γ capped", "blend-cap"), ("h = 0.5, γ uncapped", "blend-nocap"),
                   ("uniform (h = 0), γ uncapped (Optuna v5)", "uniform-nocap")]]
        table(groups, ["zdt1", "zdt2", "zdt3", "dtlz2", "srn"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
