#!/usr/bin/env python3
"""Markdown table from the JSON lines of bench/run-budgets.sh: per strategy, medians over seeds of the epochs used and
of the noise-free final loss of the configuration picked, with quartiles, and each strategy's wins against unpruned
random search and TPE on the same seeds."""

import json
import statistics
import sys

from seed_stats import quartiles


def main(path):
    runs = {}
    optimum = None
    for line in open(path, encoding="utf-8"):
        if line.startswith("{"):
            record = json.loads(line)
            if record.get("bench") == "budgets":
                runs.setdefault(record["strategy"], {})[record["seed"]] = record
                optimum = record["optimum"]
    print(f"best loss any configuration reaches in 27 steps: {optimum:.4f}")
    print()
    print("| strategy | seeds | trials | epochs used | final loss, median | IQR | beats random (seeds) | beats tpe (seeds) |")
    print("|---|---:|---:|---:|---:|---|---:|---:|")
    for strategy, by_seed in runs.items():
        losses = [r["final_loss"] for r in by_seed.values()]
        lo, hi = quartiles(losses)

        def wins(other):
            if other not in runs or other == strategy:
                return "-"
            common = [s for s in by_seed if s in runs[other]]
            return f"{sum(by_seed[s]['final_loss'] < runs[other][s]['final_loss'] for s in common)}/{len(common)}"

        print(f"| {strategy} | {len(by_seed)} | {statistics.median(r['trials'] for r in by_seed.values()):.0f} "
              f"| {statistics.median(r['total_epochs'] for r in by_seed.values()):.0f} | {statistics.median(losses):.4f} "
              f"| {lo:.4f}..{hi:.4f} | {wins('random')} | {wins('tpe')} |")


if __name__ == "__main__":
    main(sys.argv[1])
