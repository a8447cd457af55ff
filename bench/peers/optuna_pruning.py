#!/usr/bin/env python3
"""Optuna peer of `Hone.Bench pruning`: the same synthetic learning curves, trials, steps and seeds.

The curves are defined again here exactly as in bench/Hone.Bench/LearningCurves.cs (a 32-bit LCG started from a
MurmurHash3 mix of the seed and the trial number), so trial i follows the same curve on both sides and only the
pruning decisions differ. `check` recomputes the sample points `Hone.Bench pruning --check` printed.
Pruner names match Hone.Bench: nop, median, successive-halving, hyperband (Optuna's defaults, as Hone's).
"""

import argparse
import json
import math
import statistics
import sys
import time

import optuna

MASK = 0xFFFFFFFF
NOISE = 0.02
TOLERANCE = 1e-12


class LearningCurves:
    def __init__(self, seed, steps):
        self.seed = seed
        self.steps = steps

    def _start(self, trial):
        h = ((self.seed * 0x9E3779B1) + (trial * 0x85EBCA77) + 0x165667B1) & MASK
        h ^= h >> 16
        h = (h * 0x85EBCA6B) & MASK
        h ^= h >> 13
        h = (h * 0xC2B2AE35) & MASK
        h ^= h >> 16
        return h

    @staticmethod
    def _next(state):
        state = ((1664525 * state) + 1013904223) & MASK
        return state, state / 4294967296.0

    def _draw(self, state):
        state, u = self._next(state)
        a = 0.1 + (0.8 * u)
        state, u = self._next(state)
        r = 0.02 + (0.18 * u)
        state, u = self._next(state)
        v0 = 1.0 + (0.1 * u)
        return state, a, r, v0

    def true(self, trial, step):
        _, a, r, v0 = self._draw(self._start(trial))
        return a + ((v0 - a) * math.exp(-r * step))

    def observed(self, trial):
        state, a, r, v0 = self._draw(self._start(trial))
        values = []
        for t in range(self.steps):
            state, u1 = self._next(state)
            state, u2 = self._next(state)
            noise = NOISE * (u1 + u2 - 1)
            values.append(a + ((v0 - a) * math.exp(-r * t)) + noise)
        return values

    def optimum(self, trials):
        return min(self.true(i, self.steps - 1) for i in range(trials))


PRUNERS = {
    "nop": optuna.pruners.NopPruner,
    "median": optuna.pruners.MedianPruner,
    "successive-halving": optuna.pruners.SuccessiveHalvingPruner,
    "hyperband": optuna.pruners.HyperbandPruner,
}


def run_one(pruner, seed, trials, steps, name="pruning"):
    curves = LearningCurves(seed, steps)
    study = optuna.create_study(study_name=name, sampler=optuna.samplers.RandomSampler(seed=seed), pruner=PRUNERS[pruner]())
    late = trials - (trials // 10)
    times = []
    late_times = []
    epochs = 0

    def objective(trial):
        nonlocal epochs
        values = curves.observed(trial.number)
        for t in range(steps):
            trial.report(values[t], t)
            epochs += 1
            start = time.perf_counter()
            prune = trial.should_prune()
            elapsed = time.perf_counter() - start
            times.append(elapsed)
            if trial.number >= late:
                late_times.append(elapsed)
            if prune:
                raise optuna.TrialPruned()
        return values[-1]

    clock = time.perf_counter()
    study.optimize(objective, n_trials=trials)
    seconds = time.perf_counter() - clock

    best = study.best_trial
    best_true = curves.true(best.number, steps - 1)
    optimum = curves.optimum(trials)
    states = [t.state for t in study.get_trials(deepcopy=False)]
    return {
        "bench": "pruning",
        "framework": "optuna",
        "pruner": pruner,
        "seed": seed,
        "study_name": name,
        "trials": trials,
        "steps": steps,
        "total_epochs": epochs,
        "epochs_fraction": epochs / (trials * steps),
        "pruned": states.count(optuna.trial.TrialState.PRUNED),
        "complete": states.count(optuna.trial.TrialState.COMPLETE),
        "best_trial": best.number,
        "best_value": best.value,
        "best_true_final": best_true,
        "optimum": optimum,
        "regret": best_true - optimum,
        "decisions": len(times),
        "decision_us_mean": sum(times) * 1e6 / len(times),
        "decision_us_median": statistics.median(times) * 1e6,
        "decision_us_late": sum(late_times) * 1e6 / len(late_times) if late_times else 0,
        "decision_us_late_median": statistics.median(late_times) * 1e6 if late_times else 0,
        "wall_s": seconds,
    }


def check(lines):
    """Recomputes every sample point Hone printed; prints one summary line, fails on any difference."""
    worst = 0.0
    count = 0
    for line in lines:
        record = json.loads(line)
        if record.get("bench") != "pruning-check":
            continue
        curves = LearningCurves(record["seed"], record["steps"])
        ours = curves.observed(record["trial"]) + [curves.true(record["trial"], record["steps"] - 1)]
        theirs = record["observed"] + [record["true"]]
        worst = max(worst, max(abs(a - b) for a, b in zip(ours, theirs)))
        count += 1
    ok = count > 0 and worst <= TOLERANCE
    print(json.dumps({"bench": "pruning-check", "framework": "optuna", "curves": count, "max_abs_difference": worst, "ok": ok}))
    return 0 if ok else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="recompute the curve points Hone.Bench pruning --check prints on stdin")
    run = sub.add_parser("run", help="every pruner x seed")
    run.add_argument("--pruners", default="nop,median,successive-halving,hyperband")
    run.add_argument("--seeds", type=int, default=5)
    run.add_argument("--trials", type=int, default=1000)
    run.add_argument("--steps", type=int, default=100)
    run.add_argument("--name-per-seed", action="store_true",
                     help="name each run's study pruning-SEED rather than pruning (Hyperband's bracket hash reads the name)")
    args = parser.parse_args()

    if args.command == "check":
        return check(sys.stdin)

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    pruners = [p for p in args.pruners.split(",") if p]
    unknown = [p for p in pruners if p not in PRUNERS]
    if unknown:
        parser.error(f"--pruners takes a comma-separated list of {', '.join(PRUNERS)}, but got unknown {', '.join(unknown)}")
    for pruner in pruners:
        for seed in range(1, args.seeds + 1):
            name = f"pruning-{seed}" if args.name_per_seed else "pruning"
            print(json.dumps(run_one(pruner, seed, args.trials, args.steps, name)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
