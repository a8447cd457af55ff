#!/usr/bin/env python3
"""Markdown tables from the JSON lines of bench/run-mlp.sh: per strategy, medians over seeds, then the issue's targets.

Targets (issue 5): with the same trial count, the median pruner and ASHA use at most 50% of the epochs of unpruned TPE
and reach a best validation accuracy no more than 0.5 points lower; at equal epochs, Hyperband (and BOHB, or any other
strategy held to the epoch budget) beats unpruned random search and unpruned TPE. A strategy held to the trial count
whose name starts with "tpe-" is judged by the first target, a strategy held to the epoch budget by the second.
"""

import json
import statistics
import sys

from seed_stats import quartiles

BASELINE = "tpe"
UNPRUNED = ("random", "tpe")


def median(values):
    return statistics.median(values) if values else float("nan")


def main(path):
    runs, timings = {}, []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line.startswith("{"):
            continue
        record = json.loads(line)
        if record.get("bench") == "mlp":
            runs.setdefault(record["strategy"], []).append(record)
        elif record.get("bench") == "mlp-timing":
            timings.append(record)

    if timings:
        print("| network | parameters | train ms/epoch, wall median (min) | train ms/epoch, processor time | validation pass ms | accuracy | load |")
        print("|---|---:|---:|---:|---:|---:|---|")
        for t in timings:
            print(f"| {t['network']} | {t['parameters']} | {t['train_ms_median']:.1f} ({t['train_ms_min']:.1f}) | {t['process_ms_median']:.1f} "
                  f"| {t['validation_ms_median']:.2f} | {t['validation_accuracy']:.2%} | {' '.join((t.get('load') or '').split()[:3])} |")
        print()

    if not runs:
        return
    order = sorted(runs, key=lambda s: (s not in UNPRUNED, runs[s][0]["budget"], s))
    print("| strategy | held to | seeds | trials | pruned | epochs used | of trials × max | best accuracy, median | IQR | min..max | ms/epoch |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---|---|---:|")
    acc = {}
    for s in order:
        records = runs[s]
        best = [100 * r["best_accuracy"] for r in records if r["best_accuracy"] is not None]
        acc[s] = {r["seed"]: 100 * r["best_accuracy"] for r in records if r["best_accuracy"] is not None}
        lo, hi = quartiles(best)
        print(f"| {s} | {records[0]['budget']} | {len(records)} | {median([r['trials'] for r in records]):.0f} | {median([r['pruned'] for r in records]):.0f} "
              f"| {median([r['total_epochs'] for r in records]):.0f} | {median([r['epochs_fraction'] for r in records]):.0%} "
              f"| {median(best):.2f}% | {lo:.2f}..{hi:.2f} | {min(best):.2f}..{max(best):.2f} | {median([r['ms_per_epoch'] for r in records]):.1f} |")
    print()

    base = runs.get(BASELINE)
    print("| target | strategy | measure | result | paired median (seeds) | verdict |")
    print("|---|---|---|---:|---:|---|")
    for s in order:
        records = runs[s]
        if s in UNPRUNED:
            continue
        if records[0]["budget"] == "trials" and s.startswith("tpe-"):
            if not base:
                print(f"| ≤ 50% epochs, ≥ −0.5 points | {s} | needs the tpe rows | | | pending |")
                continue
            ratio = median([r["total_epochs"] for r in records]) / median([r["total_epochs"] for r in base])
            diff = median(list(acc[s].values())) - median(list(acc[BASELINE].values()))
            seeds = sorted(set(acc[s]) & set(acc[BASELINE]))
            paired_epochs = median([r["total_epochs"] / b["total_epochs"] for r in records for b in base if b["seed"] == r["seed"]])
            paired_diff = median([acc[s][k] - acc[BASELINE][k] for k in seeds])
            print(f"| epochs ≤ 50% of unpruned TPE | {s} | epochs ratio | {ratio:.0%} | {paired_epochs:.0%} | {'pass' if ratio <= 0.5 else 'FAIL'} |")
            print(f"| best accuracy ≥ unpruned TPE − 0.5 points | {s} | accuracy difference | {diff:+.2f} points | {paired_diff:+.2f} | {'pass' if diff >= -0.5 else 'FAIL'} |")
        elif records[0]["budget"] == "epochs":
            for other in UNPRUNED:
                if other not in runs:
                    print(f"| beats unpruned {other} at equal epochs | {s} | | needs the {other} rows | | pending |")
                    continue
                diff = median(list(acc[s].values())) - median(list(acc[other].values()))
                seeds = sorted(set(acc[s]) & set(acc[other]))
                paired_diff = median([acc[s][k] - acc[other][k] for k in seeds])
                equal = median([r["total_epochs"] for r in records]) <= median([r["total_epochs"] for r in runs[other]])
                verdict = "pass" if diff > 0 and equal else "FAIL"
                print(f"| beats unpruned {other} at equal epochs | {s} | accuracy difference | {diff:+.2f} points | {paired_diff:+.2f} | {verdict} |")


if __name__ == "__main__":
    main(sys.argv[1])
