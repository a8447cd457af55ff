#!/usr/bin/env python3
"""Optuna 3.1's multi-objective TPE: CPU time per trial over the last WINDOW trials before 1,000.

Usage: optuna_motpe_window.py SEED WINDOW. One JSON line (bench "mo-overhead-window"). The problem is that of
`optuna_mo_suite.py overhead` (ten floats in [-5, 5], the sums of x^2 and of (x - 1)^2). A whole study of 1,000 MOTPE
trials costs about ten minutes of CPU time, quadratic in the trials, which a loaded machine stretches to hours, so the
first 1,000 - WINDOW trials are added with uniform random parameters (add_trials) and only the window is sampled by
TPE: its cost per trial depends on how many trials it ranks, not on where they came from.
"""

import json
import random
import statistics
import sys
import time

import optuna
from optuna.distributions import FloatDistribution
from optuna.trial import create_trial

optuna.logging.set_verbosity(optuna.logging.WARNING)
NAMES = [f"x{i}" for i in range(10)]
TOTAL = 1000


def values(p):
    return [sum(v * v for v in p), sum((v - 1) * (v - 1) for v in p)]


def objective(trial):
    return values([trial.suggest_float(n, -5, 5) for n in NAMES])


def main():
    seed, window = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    study = optuna.create_study(directions=["minimize"] * 2, sampler=optuna.samplers.TPESampler(seed=seed))
    distributions = {n: FloatDistribution(-5, 5) for n in NAMES}
    rows = []
    for _ in range(TOTAL - window):
        params = {n: rng.uniform(-5, 5) for n in NAMES}
        rows.append(create_trial(params=params, distributions=distributions, values=values(list(params.values()))))
    study.add_trials(rows)
    ends = [time.perf_counter()]
    cpu = time.process_time()
    study.optimize(objective, n_trials=window, callbacks=[lambda s, t: ends.append(time.perf_counter())])
    cpu = time.process_time() - cpu
    print(json.dumps({"bench": "mo-overhead-window", "peer": "optuna", "sampler": "tpe", "seed": seed, "params": 10,
                      "objectives": 2, "history": TOTAL - window, "window": window,
                      "ms_per_trial": (ends[-1] - ends[0]) * 1000 / window,
                      "median_trial_ms": statistics.median((ends[i] - ends[i - 1]) * 1000 for i in range(1, len(ends))),
                      "cpu_ms_per_trial": cpu * 1000 / window}), flush=True)


if __name__ == "__main__":
    main()
