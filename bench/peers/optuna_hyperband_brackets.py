#!/usr/bin/env python3
"""Diagnostic: Optuna's HyperbandPruner on the pruning benchmark's curves with its bracket assignment replaced.

Optuna assigns trial n to a bracket by CRC-32 of "<study name>_<n>" modulo the sum of the bracket budgets; Hone by its
own rule. Replacing Optuna's rule with Hone's and getting Hone's runs back, seed for seed (epochs, pruned trials, best
trial), shows that the two pruners differ in the assignment alone. Modes:
  hash   Hone's rule before Session 6: SplitMix64 of (FNV-1a of the study name + n), modulo the budget sum.
  order  Hone's rule since Session 6: the smooth weighted round-robin order of the budgets, trial n at place n mod sum.
Usage: optuna_hyperband_brackets.py MODE SEEDS (e.g. order 1,2,3,4,5); prints bench/run-pruning.sh's JSON lines with
framework "optuna-MODE".
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import optuna  # noqa: E402
import optuna_pruning  # noqa: E402
from optuna.pruners import HyperbandPruner  # noqa: E402

MASK = (1 << 64) - 1


def fnv1a(text):
    h = 14695981039346656037
    for b in text.encode():
        h = ((h ^ b) * 1099511628211) & MASK
    return h


def splitmix(x):
    x = (x + 0x9E3779B97F4A7C15) & MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK
    return x ^ (x >> 31)


def round_robin(budgets):
    total = sum(budgets)
    credit = [0] * len(budgets)
    order = []
    for _ in range(total):
        for b, w in enumerate(budgets):
            credit[b] += w
        chosen = max(range(len(budgets)), key=lambda b: (credit[b], -b))
        credit[chosen] -= total
        order.append(chosen)
    return order


def main():
    mode, seeds = sys.argv[1], [int(s) for s in sys.argv[2].split(",")]
    if mode not in ("hash", "order"):
        sys.exit(f"mode must be hash or order, but got {mode}")
    orders = {}

    def bracket_id(self, study, trial):
        if len(self._pruners) == 0:
            return 0
        budgets, total = self._trial_allocation_budgets, self._total_trial_allocation_budget
        if mode == "order":
            key = tuple(budgets)
            if key not in orders:
                orders[key] = round_robin(list(budgets))
            return orders[key][trial.number % total]
        n = splitmix((fnv1a(study.study_name) + trial.number) & MASK) % total
        for b, w in enumerate(budgets):
            n -= w
            if n < 0:
                return b
        raise AssertionError("unreachable")

    HyperbandPruner._get_bracket_id = bracket_id
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    for seed in seeds:
        record = optuna_pruning.run_one("hyperband", seed, 1000, 100)
        record["framework"] = "optuna-" + mode
        print(json.dumps(record), flush=True)


if __name__ == "__main__":
    main()
