#!/usr/bin/env python3
"""Optuna peer of `Hone.Bench mo-problems`, `mo-suite` and `mo-overhead`: the same problems, budgets and seeds.

The problems are defined again here, term by term in the same order as bench/Hone.Bench/Problems/, and `check`
recomputes them at the points `Hone.Bench mo-problems --check` printed (through optuna's FixedTrial, so the
suggestions are checked too). Sampler names match Hone.Bench's SamplerRegistry, which is how the summary pairs them:
random, tpe (TPESampler, multi-objective since Optuna 2.9), tpe-multivariate, nsga2 (NSGAIISampler). Every sampler
runs with its defaults (TPE: 10 startup trials, as Hone's; NSGA-II: population 50, as Hone's); the constrained
problem passes its constraints to the samplers that take them (TPE and NSGA-II; RandomSampler ignores them, as
Hone's does).
"""

import argparse
import gc
import json
import math
import statistics
import sys
import time
import warnings

import optuna

TOLERANCE = 1e-12
WINDOW = 100
CONSTRAINTS_KEY = "constraints"


class Problem:
    """Real parameters x0, x1, ..., each uniform on its own interval; all objectives minimized."""

    constraints = 0
    # Hone.Bench's MoProblem.TpeBudget: MOTPE is meant for small budgets, and Optuna 3.1's costs about half a second
    # per trial by 250 trials of a 30-variable problem; comparisons are within a family, each at one budget.
    tpe_budget = 200

    def __init__(self, lows, highs):
        self.names = [f"x{i}" for i in range(len(lows))]
        self.lows = lows
        self.highs = highs
        self.dimension = len(lows)

    def suggest(self, trial):
        return [trial.suggest_float(n, lo, hi) for n, lo, hi in zip(self.names, self.lows, self.highs)]

    def point(self, trial):
        return [trial.params[n] for n in self.names]

    def constraint_values(self, point):
        return []

    def budget_for(self, sampler):
        return self.tpe_budget if sampler.startswith("tpe") else self.budget


class Zdt(Problem):
    """ZDT (Zitzler, Deb & Thiele 2000) with 30 variables in [0, 1]: f1 = x0, g = 1 + 9 * sum(x1..x29) / 29."""

    objectives = 2
    budget = 1000

    def __init__(self):
        super().__init__([0] * 30, [1] * 30)

    def values(self, p):
        f1 = p[0]
        total = 0.0
        for x in p[1:]:
            total += x
        g = 1 + (9 * total / (len(p) - 1))
        return [f1, g * self.h(f1, g)]


class Zdt1(Zdt):
    name = "zdt1"

    def h(self, f1, g):
        return 1 - math.sqrt(f1 / g)


class Zdt2(Zdt):
    name = "zdt2"

    def h(self, f1, g):
        ratio = f1 / g
        return 1 - (ratio * ratio)


class Zdt3(Zdt):
    name = "zdt3"

    def h(self, f1, g):
        ratio = f1 / g
        return 1 - math.sqrt(ratio) - (ratio * math.sin(10 * math.pi * f1))


class Dtlz2(Problem):
    """DTLZ2 (Deb, Thiele, Laumanns & Zitzler 2005) with M = 3 objectives and n = 12 variables in [0, 1]."""

    name = "dtlz2"
    objectives = 3
    budget = 1000

    def __init__(self):
        super().__init__([0] * 12, [1] * 12)

    def values(self, p):
        g = 0.0
        for x in p[2:]:
            d = x - 0.5
            g += d * d
        a = p[0] * math.pi / 2
        b = p[1] * math.pi / 2
        return [(1 + g) * math.cos(a) * math.cos(b), (1 + g) * math.cos(a) * math.sin(b), (1 + g) * math.sin(a)]


class Srn(Problem):
    """SRN (Srinivas & Deb 1994, after Chankong & Haimes 1983): two constraints, about 16% of the box feasible."""

    name = "srn"
    objectives = 2
    constraints = 2
    budget = 500

    def __init__(self):
        super().__init__([-20, -20], [20, 20])

    def values(self, p):
        dx = p[0] - 2
        dy = p[1] - 1
        return [2 + (dx * dx) + (dy * dy), (9 * p[0]) - (dy * dy)]

    def constraint_values(self, p):
        return [(p[0] * p[0]) + (p[1] * p[1]) - 225, p[0] - (3 * p[1]) + 10]


PROBLEMS = {p.name: p for p in (Zdt1(), Zdt2(), Zdt3(), Dtlz2(), Srn())}


def stored_constraints(trial):
    """The constraints the objective stored on the trial, for the samplers' constraints_func."""
    return trial.user_attrs[CONSTRAINTS_KEY]


def make_sampler(name, seed, problem):
    constraints = stored_constraints if problem is not None and problem.constraints else None
    if name == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    if name == "tpe":
        return optuna.samplers.TPESampler(seed=seed, constraints_func=constraints)
    if name == "tpe-multivariate":
        return optuna.samplers.TPESampler(seed=seed, multivariate=True, constraints_func=constraints,
                                          warn_independent_sampling=False)
    if name == "nsga2":
        return optuna.samplers.NSGAIISampler(seed=seed, constraints_func=constraints)
    raise KeyError(name)


SAMPLERS = ["random", "tpe", "tpe-multivariate", "nsga2"]
DEFAULT_SAMPLERS = ["random", "tpe", "nsga2"]


def emit(record):
    print(json.dumps(record), flush=True)


def names(text, known, option):
    items = [item.strip() for item in text.split(",") if item.strip()]
    unknown = [item for item in items if item not in known]
    if not items or unknown:
        raise SystemExit(f"optuna_mo_suite.py: {option} takes a comma-separated list of {', '.join(known)}, but got '{text}'"
                         + (f" ({', '.join(unknown)} unknown)." if unknown else "."))
    return list(dict.fromkeys(items))


def front(points):
    """The points no other point dominates (all objectives minimized)."""
    kept = []
    for i, p in enumerate(points):
        if not any(all(a <= b for a, b in zip(q, p)) and any(a < b for a, b in zip(q, p))
                   for j, q in enumerate(points) if j != i):
            kept.append(p)
    return kept


def front_2d(points):
    """The same for two objectives in O(n log n): sorted by f1 then f2, a point survives when its f2 beats all before."""
    kept = []
    best = math.inf
    for p in sorted(points):
        if p[1] < best or (kept and p == kept[-1]):
            kept.append(p)
            best = min(best, p[1])
    return kept


def run_problems(args):
    for p in PROBLEMS.values():
        emit({"bench": "mo-problem", "peer": "optuna", "problem": p.name, "dimension": p.dimension,
              "objectives": p.objectives, "constraints": p.constraints, "budget": p.budget, "tpe_budget": p.tpe_budget})


def run_check(args):
    """Compares Hone's listing and points (JSON lines on standard input or in a file) with the definitions here."""
    with (open(args.file, encoding="utf-8") if args.file != "-" else sys.stdin) as handle:
        records = [json.loads(line) for line in handle if line.startswith("{")]
    problems = []
    seen = set()
    points = 0
    largest = 0.0
    for record in records:
        p = PROBLEMS.get(record["problem"])
        if p is None:
            problems.append(f"Hone has a problem '{record['problem']}' that optuna_mo_suite.py does not define.")
            continue
        seen.add(p.name)
        if record["bench"] == "mo-problem":
            for key in ("dimension", "objectives", "constraints", "budget", "tpe_budget"):
                if record[key] != getattr(p, key):
                    problems.append(f"{p.name}: {key} is {record[key]!r} in Hone but {getattr(p, key)!r} here.")
        elif record["bench"] == "mo-point":
            points += 1
            point = p.suggest(optuna.trial.FixedTrial(record["params"]))
            ours = p.values(point) + p.constraint_values(point)
            theirs = record["values"] + record["constraints"]
            if len(ours) != len(theirs):
                problems.append(f"{p.name}: Hone gives {len(theirs)} values and constraints, here {len(ours)}.")
                continue
            for a, b in zip(ours, theirs):
                difference = abs(a - b) / max(1.0, abs(b))
                largest = max(largest, difference)
                if not difference <= TOLERANCE:
                    problems.append(f"{p.name} at {record['params']}: Hone {theirs!r}, here {ours!r} (relative difference {difference:.3g}).")
                    break
    missing = sorted(set(PROBLEMS) - seen)
    if missing:
        problems.append(f"Hone's listing lacks {', '.join(missing)}.")
    emit({"bench": "mo-check", "peer": "optuna", "problems": len(seen), "points": points,
          "max_relative_difference": largest, "tolerance": TOLERANCE, "ok": not problems})
    for problem in problems:
        print("optuna_mo_suite.py check: " + problem, file=sys.stderr)
    if problems:
        raise SystemExit(1)


def run_one(p, sampler, seed, budget):
    study = optuna.create_study(sampler=make_sampler(sampler, seed, p), directions=["minimize"] * p.objectives)
    objective_seconds = 0.0

    def objective(trial):
        nonlocal objective_seconds
        point = p.suggest(trial)
        start = time.perf_counter()
        values = p.values(point)
        objective_seconds += time.perf_counter() - start
        if p.constraints:
            trial.set_user_attr(CONSTRAINTS_KEY, p.constraint_values(point))
        return values

    start = time.perf_counter()
    study.optimize(objective, n_trials=budget, show_progress_bar=False)
    seconds = time.perf_counter() - start
    trials = study.get_trials(deepcopy=False)
    complete = [t for t in trials if t.state == optuna.trial.TrialState.COMPLETE]
    feasible = [t.values for t in complete if all(c <= 0 for c in t.user_attrs.get(CONSTRAINTS_KEY, []))]
    return {
        "bench": "mo-suite", "peer": "optuna", "sampler": sampler, "problem": p.name, "seed": seed,
        "trials": len(trials), "complete": len(complete), "feasible": len(feasible),
        "front": front_2d(feasible) if p.objectives == 2 else front(feasible),
        "seconds": seconds, "objective_seconds": objective_seconds,
        "overhead_ms_per_trial": (seconds - objective_seconds) * 1000 / budget,
    }


def run_suite(args):
    for name in names(args.problems, list(PROBLEMS), "--problems"):
        p = PROBLEMS[name]
        for sampler in names(args.samplers, SAMPLERS, "--samplers"):
            budget = max(1, round(p.budget_for(sampler) * args.budget_scale))
            for seed in range(args.first_seed, args.first_seed + args.seeds):
                emit(run_one(p, sampler, seed, budget))


OVERHEAD_NAMES = [f"x{i}" for i in range(10)]


def two_sums_of_squares(trial):
    """Hone.Bench's SumOfSquares.EvaluateTwo: ten floats in [-5, 5], the sums of x^2 and of (x - 1)^2."""
    total = 0.0
    shifted = 0.0
    for name in OVERHEAD_NAMES:
        x = trial.suggest_float(name, -5, 5)
        total += x * x
        shifted += (x - 1) * (x - 1)
    return total, shifted


def run_overhead(args):
    counts = [int(c) for c in args.trials.split(",")]
    if any(c < WINDOW for c in counts) or counts != sorted(set(counts)):
        raise SystemExit(f"optuna_mo_suite.py: --trials takes increasing integers >= {WINDOW} separated by commas, like 100,1000, but got '{args.trials}'.")
    # The same warm-up as Hone.Bench's: throwaway studies until the time is up, then their garbage is collected.
    warming = time.perf_counter()
    round_ = 1
    while args.warmup and (round_ == 1 or time.perf_counter() - warming < args.warmup_seconds):
        optuna.create_study(sampler=make_sampler(args.sampler, args.seed + round_, None), directions=["minimize"] * 2).optimize(
            two_sums_of_squares, n_trials=args.warmup, show_progress_bar=False)
        round_ += 1
    gc.collect()
    total = counts[-1]
    ends = [0.0] * (total + 1)
    # The process's CPU time at each window's bounds, as Hone.Bench records it.
    bounds = {b for c in counts for b in (c - WINDOW, c)}
    cpu = {}

    def record_end(done):
        ends[done] = time.perf_counter()
        if done in bounds:
            cpu[done] = time.process_time()

    study = optuna.create_study(sampler=make_sampler(args.sampler, args.seed, None), directions=["minimize"] * 2)
    record_end(0)
    study.optimize(two_sums_of_squares, n_trials=total, callbacks=[lambda s, trial: record_end(trial.number + 1)],
                   show_progress_bar=False)
    complete = len(study.get_trials(deepcopy=False, states=(optuna.trial.TrialState.COMPLETE,)))
    emit({"bench": "mo-overhead", "peer": "optuna", "sampler": args.sampler, "seed": args.seed, "params": 10,
          "objectives": 2, "trials": counts, "ms_per_trial": [(ends[c] - ends[c - WINDOW]) * 1000 / WINDOW for c in counts],
          "median_trial_ms": [statistics.median((ends[t] - ends[t - 1]) * 1000 for t in range(c - WINDOW + 1, c + 1)) for c in counts],
          "cpu_ms_per_trial": [(cpu[c] - cpu[c - WINDOW]) * 1000 / WINDOW for c in counts],
          "complete_trials": complete, "seconds": ends[total] - ends[0]})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("problems", help="list the problems as JSON lines")
    check = sub.add_parser("check", help="compare with the output of `Hone.Bench mo-problems --check`")
    check.add_argument("file", nargs="?", default="-", help="Hone's JSON lines (default: standard input)")
    suite = sub.add_parser("suite", help="every sampler x problem x seed, final Pareto fronts")
    suite.add_argument("--samplers", default=",".join(DEFAULT_SAMPLERS))
    suite.add_argument("--problems", default=",".join(PROBLEMS))
    suite.add_argument("--seeds", type=int, default=10, help="how many seeds, from --first-seed on")
    suite.add_argument("--first-seed", type=int, default=1, help="the first seed, to split a suite between processes")
    suite.add_argument("--budget-scale", type=float, default=1.0, help="multiplies every problem's budget")
    overhead = sub.add_parser("overhead", help="two objectives: ms per trial over the last 100 trials before each count")
    overhead.add_argument("--sampler", choices=SAMPLERS, default="random")
    overhead.add_argument("--trials", default="100,1000")
    overhead.add_argument("--seed", type=int, default=1)
    overhead.add_argument("--warmup", type=int, default=200, help="trials of each throwaway study run first")
    overhead.add_argument("--warmup-seconds", type=float, default=1.0, help="throwaway studies run until this much time has passed")
    args = parser.parse_args()
    if args.command == "suite" and (args.seeds < 1 or args.first_seed < 1 or not args.budget_scale > 0):
        parser.error(f"--seeds and --first-seed must be >= 1 and --budget-scale > 0, but got {args.seeds}, {args.first_seed} and {args.budget_scale}.")
    if args.command == "overhead" and (args.seed < 1 or args.warmup < 0):
        parser.error(f"--seed must be >= 1 and --warmup >= 0, but got {args.seed} and {args.warmup}.")

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    # Multi-objective TPE's constraints, multivariate TPE and NSGA-II's constraints are experimental in Optuna 3.1.
    warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
    {"problems": run_problems, "check": run_check, "suite": run_suite, "overhead": run_overhead}[args.command](args)


if __name__ == "__main__":
    main()
