#!/usr/bin/env python3
"""Markdown tables from the JSON lines of bench/run-pruning.sh: per framework and pruner, the medians over seeds."""

import json
import statistics
import sys


def main(path):
    runs = {}
    for line in open(path, encoding="utf-8"):
        record = json.loads(line)
        if record.get("bench") == "pruning":
            runs.setdefault((record["pruner"], record["framework"]), []).append(record)
    print("| pruner | framework | seeds | epochs used | pruned | best value | regret | decision µs median | late median | mean | late mean |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (pruner, framework), records in sorted(runs.items()):
        def med(key):
            return statistics.median(r[key] for r in records)
        print(f"| {pruner} | {framework} | {len(records)} | {med('epochs_fraction'):.1%} | {med('pruned'):.0f} | {med('best_value'):.4f} | {med('regret'):.4f} "
              f"| {med('decision_us_median'):.2f} | {med('decision_us_late_median'):.2f} | {med('decision_us_mean'):.2f} | {med('decision_us_late'):.2f} |")
    print()
    print("| pruner | Optuna / Hone, decision median | late median | mean | late mean |")
    print("|---|---:|---:|---:|---:|")
    for pruner in sorted({p for p, _ in runs}):
        hone, optuna = runs.get((pruner, "hone")), runs.get((pruner, "optuna"))
        if not hone or not optuna:
            continue
        ratios = []
        for key in ("decision_us_median", "decision_us_late_median", "decision_us_mean", "decision_us_late"):
            h = statistics.median(r[key] for r in hone)
            o = statistics.median(r[key] for r in optuna)
            ratios.append(f"{o / h:.0f}x" if h > 0 else "n/a")
        print(f"| {pruner} | " + " | ".join(ratios) + " |")
    print()
    # Seed by seed: both sides follow the same curves for a seed, so each seed is a paired comparison.
    print("| pruner | paired seeds | Hone epochs <= Optuna | regret Hone < / = / > Optuna | best value Hone <= Optuna |")
    print("|---|---:|---:|---:|---:|")
    for pruner in sorted({p for p, _ in runs}):
        hone = {r["seed"]: r for r in runs.get((pruner, "hone"), [])}
        optuna = {r["seed"]: r for r in runs.get((pruner, "optuna"), [])}
        seeds = sorted(set(hone) & set(optuna))
        if not seeds:
            continue
        epochs = sum(hone[s]["total_epochs"] <= optuna[s]["total_epochs"] for s in seeds)
        lower = sum(hone[s]["regret"] < optuna[s]["regret"] for s in seeds)
        equal = sum(hone[s]["regret"] == optuna[s]["regret"] for s in seeds)
        best = sum(hone[s]["best_value"] <= optuna[s]["best_value"] for s in seeds)
        print(f"| {pruner} | {len(seeds)} | {epochs} | {lower} / {equal} / {len(seeds) - lower - equal} | {best} |")


if __name__ == "__main__":
    main(sys.argv[1])
