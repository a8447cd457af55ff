#!/usr/bin/env python3
"""Compares one sampler's final hypervolumes between JSON-lines files of `mo-suite` runs, seed by seed.

Usage: compare_mo_seeds.py --sampler tpe --seeds 1-30 --base OPTUNA_FILES... --other HONE_FILES... [--label NAME]

For every problem: the median and interquartile range of each side over the seeds both sides have, the ratio of the
medians (other / base), how many seeds the other side wins, ties and loses (same seed number on both sides; the seeds
of two samplers with different random generators are not paired runs, so the count is a sign of consistency, not a
paired test), and a two-sided Mann-Whitney U test of the two samples. The hypervolumes are those of summarize_mo.py
(Optuna 3.1's WFG, the same fixed reference points). With --other given several times, each group is compared with
the base in turn (one line per group and problem), so variants of one sampler line up against the same peer runs.
"""

import argparse
import json
import statistics
import sys

from scipy.stats import mannwhitneyu

from seed_stats import quartiles
from summarize_mo import PROBLEMS, REFERENCE, hypervolume


def seed_range(text):
    first, _, last = text.partition("-")
    return set(range(int(first), int(last or first) + 1))


def load(paths, sampler, seeds):
    """Hypervolume by (problem, seed); a later record of the same run replaces an earlier one."""
    found = {}
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if not line.startswith("{"):
                    continue
                record = json.loads(line)
                if record.get("bench") != "mo-suite" or record.get("sampler") != sampler or record["seed"] not in seeds:
                    continue
                found[(record["problem"], record["seed"])] = hypervolume(record["front"], REFERENCE[record["problem"]])
    return found


def fmt(value):
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sampler", default="tpe")
    parser.add_argument("--base-sampler", help="the base side's sampler name, when it differs (default: --sampler)")
    parser.add_argument("--seeds", default="1-30")
    parser.add_argument("--base", nargs="+", required=True, help="the reference side's files (Optuna)")
    parser.add_argument("--other", nargs="+", action="append", required=True, help="one compared group's files")
    parser.add_argument("--label", action="append", help="one name per --other group")
    args = parser.parse_args()
    seeds = seed_range(args.seeds)
    base = load(args.base, args.base_sampler or args.sampler, seeds)
    labels = args.label or [f"group {i + 1}" for i in range(len(args.other))]
    print("| Variant | Problem | Seeds | Other median (IQR) | Base median (IQR) | Ratio | Wins / ties / losses | Mann-Whitney p |")
    print("|---|---|---:|---|---|---:|---|---:|")
    for label, paths in zip(labels, args.other):
        other = load(paths, args.sampler, seeds)
        for problem in PROBLEMS:
            common = sorted(s for p, s in other if p == problem and (problem, s) in base)
            if not common:
                continue
            a = [other[(problem, s)] for s in common]
            b = [base[(problem, s)] for s in common]
            wins = sum(x > y for x, y in zip(a, b))
            losses = sum(x < y for x, y in zip(a, b))
            p = mannwhitneyu(a, b, alternative="two-sided").pvalue
            ma, mb = statistics.median(a), statistics.median(b)
            qa, qb = quartiles(a), quartiles(b)
            print(
                f"| {label} | {problem} | {len(common)} | {fmt(ma)} ({fmt(qa[0])}–{fmt(qa[1])}) | "
                f"{fmt(mb)} ({fmt(qb[0])}–{fmt(qb[1])}) | {ma / mb:.4f} | {wins} / {len(common) - wins - losses} / {losses} | "
                f"{p:.2f} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
