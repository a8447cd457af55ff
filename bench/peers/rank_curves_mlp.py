#!/usr/bin/env python3
"""How early epochs rank the trials of the mlp benchmark: from `Hone.Bench mlp --curves` JSON lines (unpruned runs),
the Spearman correlation of each trial's validation accuracy after epoch e with its accuracy after the last epoch,
and how many of the final top third a cut to the top third after epoch e keeps, per seed and pooled by median.

Usage: rank_curves_mlp.py FILE... [--epochs 1,2,4,10,28,29]
"""

import json
import statistics
import sys

from scipy.stats import spearmanr


def main(argv):
    epochs = [1, 2, 4, 10, 28, 29]
    paths = []
    i = 0
    while i < len(argv):
        if argv[i] == "--epochs":
            epochs = [int(e) for e in argv[i + 1].split(",")]
            i += 2
        else:
            paths.append(argv[i])
            i += 1
    per_seed = []
    for path in paths:
        for line in open(path, encoding="utf-8"):
            if not line.startswith("{"):
                continue
            r = json.loads(line)
            if r.get("bench") != "mlp" or not r.get("trial_curves"):
                continue
            curves = [t["accuracy"] for t in r["trial_curves"] if t["state"] == "Complete"]
            last = len(curves[0])
            curves = [c for c in curves if len(c) == last]
            final = [c[-1] for c in curves]
            third = max(1, len(curves) // 3)
            top_final = set(sorted(range(len(curves)), key=lambda k: -final[k])[:third])
            best_final = max(range(len(curves)), key=lambda k: final[k])
            row = {"seed": r["seed"], "trials": len(curves)}
            for e in epochs:
                at = [c[e - 1] for c in curves]
                rho = spearmanr(at, final).statistic
                top_e = set(sorted(range(len(curves)), key=lambda k: -at[k])[:third])
                row[e] = (rho, len(top_e & top_final) / third, best_final in top_e)
            # Epoch-to-epoch noise of the final value: how far the last epoch's accuracy lies from the mean of the
            # last three, in points, over the top third (the trials a search keeps).
            row["noise"] = statistics.median(abs(curves[k][-1] - statistics.mean(curves[k][-3:])) * 100 for k in top_final)
            per_seed.append(row)
    print("| seed | trials | " + " | ".join(f"epoch {e}: ρ, top-third kept, best kept" for e in epochs) + " | last epoch vs mean of last 3, points |")
    print("|---:|---:|" + "---|" * len(epochs) + "---:|")
    for row in per_seed:
        print(f"| {row['seed']} | {row['trials']} | " + " | ".join(f"{row[e][0]:.2f}, {row[e][1]:.0%}, {'yes' if row[e][2] else 'no'}" for e in epochs) + f" | {row['noise']:.2f} |")
    if len(per_seed) > 1:
        print("| median | | " + " | ".join(
            f"{statistics.median(r[e][0] for r in per_seed):.2f}, {statistics.median(r[e][1] for r in per_seed):.0%}, {sum(r[e][2] for r in per_seed)}/{len(per_seed)}"
            for e in epochs) + f" | {statistics.median(r['noise'] for r in per_seed):.2f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
