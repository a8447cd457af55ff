#!/usr/bin/env python3
"""Compares the strategies of several mlp benchmark files (JSON lines of `Hone.Bench mlp`) seed by seed.

Usage: compare_mlp.py [--seeds A-B] [--at E1,E2,...] [--test] [--suffix S] FILE... [--suffix S2 FILE...]; --suffix appends S
to the strategy names of the files after it (to tell runs of changed code from older ones); a later file replaces a
strategy's seed of an earlier one. Prints, per strategy: seeds, median trials and epochs, best validation accuracy
(median, IQR), and against unpruned random search and TPE the difference of medians, the paired median difference,
wins/ties/losses and the one-sided sign test's p (the chance of at least that many wins among the seeds that differ,
were both strategies equal). --at prints one table per epoch budget instead, each run's best complete trial among
those finished within that many epochs (read from its curve): the anytime comparison at equal epochs. --test compares
the test accuracy of each run's best configuration instead (runs of `mlp --test`; others are left out).
"""

import json
import math
import statistics
import sys

from seed_stats import quartiles


def sign_test(wins, losses):
    """One-sided sign test: P(at least `wins` of wins + losses fair coin flips)."""
    n = wins + losses
    return sum(math.comb(n, k) for k in range(wins, n + 1)) / 2 ** n if n else 1.0


def best_within(run, epochs):
    """The run's best complete accuracy among trials finished within `epochs` epochs; 0 before its first."""
    best = 0.0
    for used, accuracy in run["curve"]:
        if used <= epochs:
            best = accuracy
    return best


def main(argv):
    seeds, suffix, paths, budgets, metric = None, "", [], [None], "best_accuracy"
    i = 0
    while i < len(argv):
        if argv[i] == "--test":
            metric = "test_accuracy"
            i += 1
        elif argv[i] == "--at":
            budgets = [int(e) for e in argv[i + 1].split(",")]
            i += 2
        elif argv[i] == "--seeds":
            a, b = argv[i + 1].split("-")
            seeds = range(int(a), int(b) + 1)
            i += 2
        elif argv[i] == "--suffix":
            suffix = argv[i + 1]
            i += 2
        else:
            paths.append((argv[i], suffix))
            i += 1
    if metric == "test_accuracy" and budgets != [None]:
        sys.exit("--test and --at do not combine: only the whole run's best configuration is tested.")
    runs = {}
    for path, tag in paths:
        for line in open(path, encoding="utf-8"):
            if not line.startswith("{"):
                continue
            r = json.loads(line)
            if r.get("bench") != "mlp" or r.get(metric) is None:
                continue
            if seeds is not None and r["seed"] not in seeds:
                continue
            name = r["strategy"] + tag
            runs.setdefault(name, {})[r["seed"]] = r
    for budget in budgets:
        if budget is not None:
            print(f"\nWithin {budget} epochs:\n")
        acc = {s: {k: 100 * (r[metric] if budget is None else best_within(r, budget)) for k, r in by.items()} for s, by in runs.items()}
        table(runs, acc)


def table(runs, acc):
    print("| strategy | seeds | trials | complete | epochs | accuracy, median | IQR | vs random: median, paired, W/T/L, p | vs TPE: median, paired, W/T/L, p |")
    print("|---|---:|---:|---:|---:|---:|---|---|---|")
    for s in sorted(runs, key=lambda s: (s not in ("random", "tpe"), s)):
        values = list(acc[s].values())
        lo, hi = quartiles(values)
        cells = []
        for other in ("random", "tpe"):
            if other == s or other not in acc:
                cells.append("—")
                continue
            common = sorted(set(acc[s]) & set(acc[other]))
            diffs = [acc[s][k] - acc[other][k] for k in common]
            w = sum(d > 1e-9 for d in diffs)
            l = sum(d < -1e-9 for d in diffs)
            cells.append(f"{statistics.median(values) - statistics.median([acc[other][k] for k in common]):+.2f}, "
                         f"{statistics.median(diffs):+.2f}, {w}/{len(diffs) - w - l}/{l}, {sign_test(w, l):.3f}")
        by = runs[s].values()
        print(f"| {s} | {len(values)} | {statistics.median([r['trials'] for r in by]):.0f} | {statistics.median([r['complete'] for r in by]):.0f} "
              f"| {statistics.median([r['total_epochs'] for r in by]):.0f} | {statistics.median(values):.2f}% | {lo:.2f}..{hi:.2f} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main(sys.argv[1:])
