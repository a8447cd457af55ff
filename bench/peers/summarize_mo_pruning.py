#!/usr/bin/env python3
"""Markdown table from the JSON lines of bench/run-mo-pruning.sh: per pruner, the medians over seeds of the epochs used
and of the hypervolume lost, computed with Optuna's WFG (optuna._hypervolume) on the noise-free final values of the
complete trials' front, against the optimum (every trial of the run completed, which is what no pruning gets), and
against running fewer trials to the end with the same epochs (no pruning, same budget)."""

import json
import statistics
import sys

import numpy as np
from optuna._hypervolume import WFG

# Both curves start near 1.0-1.1 and only fall: every final value lies below 1.2.
REFERENCE = np.array([1.2, 1.2])


def hypervolume(front):
    return WFG().compute(np.array(front, dtype=float), REFERENCE) if front else 0.0


def main(path):
    runs = {}
    for line in open(path, encoding="utf-8"):
        record = json.loads(line)
        if record.get("bench") == "mo-pruning":
            optimum = hypervolume(record["optimum_front"])
            record["hv"] = hypervolume(record["front"])
            record["hv_loss"] = 1 - record["hv"] / optimum
            record["budget_hv_loss"] = 1 - hypervolume(record["same_budget_front"]) / optimum
            runs.setdefault(record["pruner"], []).append(record)
    print("| pruner | seeds | epochs used | pruned | complete | front size | hypervolume | HV lost | HV lost without pruning, same epochs | decision µs median |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for pruner, records in sorted(runs.items(), key=lambda kv: -statistics.median(r["epochs_fraction"] for r in kv[1])):
        def med(key):
            return statistics.median(r[key] for r in records)
        print(f"| {pruner} | {len(records)} | {med('epochs_fraction'):.1%} | {med('pruned'):.0f} | {med('complete'):.0f} | {statistics.median(len(r['front']) for r in records):.0f} "
              f"| {med('hv'):.4f} | {med('hv_loss'):.2%} | {med('budget_hv_loss'):.2%} | {med('decision_us_median'):.2f} |")


if __name__ == "__main__":
    main(sys.argv[1])
