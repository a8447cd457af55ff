#!/usr/bin/env python3
"""Optuna peer of `Hone.Bench functions`, `suite` and `overhead`: the same test functions, budgets and seeds.

The functions are defined again here, term by term in the same order as bench/Hone.Bench/Functions/, and
`check` recomputes them at the points `Hone.Bench functions --check` printed (through optuna's FixedTrial, so the
suggestions are checked too). Sampler names match Hone.Bench's SamplerRegistry, which is how the summary pairs
them: random, tpe, tpe-multivariate, cmaes, cmaes-ipop, qmc-sobol.
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

from optuna_throughput import objective as sum_of_squares

TOLERANCE = 1e-12
WINDOW = 100


class BoxFunction:
    """Real parameters x0, x1, ..., each uniform on its own interval."""

    budget = 100

    def __init__(self, lows, highs, minimizer):
        self.names = [f"x{i}" for i in range(len(lows))]
        self.lows = lows
        self.highs = highs
        self.dimension = len(lows)
        self.minimizer = dict(zip(self.names, minimizer))

    def suggest(self, trial):
        return [trial.suggest_float(n, lo, hi) for n, lo, hi in zip(self.names, self.lows, self.highs)]


class Branin(BoxFunction):
    name = "branin"
    known_minimum = 5 / (4 * math.pi)
    B = 5.1 / (4 * math.pi * math.pi)
    C = 5 / math.pi
    T = 1 / (8 * math.pi)

    def __init__(self):
        super().__init__([-5, 0], [10, 15], [math.pi, 2.275])

    def value(self, p):
        x1, x2 = p[0], p[1]
        u = x2 - (self.B * x1 * x1) + (self.C * x1) - 6
        return (u * u) + (10 * (1 - self.T) * math.cos(x1)) + 10


class Hartmann(BoxFunction):
    ALPHA = [1.0, 1.2, 3.0, 3.2]

    def __init__(self, a, p, minimizer):
        super().__init__([0] * len(minimizer), [1] * len(minimizer), minimizer)
        self.a = a
        self.p = p

    def value(self, point):
        total = 0.0
        for i in range(4):
            inner = 0.0
            for j in range(len(point)):
                d = point[j] - self.p[i][j]
                inner += self.a[i][j] * d * d
            total += self.ALPHA[i] * math.exp(-inner)
        return -total


class Hartmann3(Hartmann):
    name = "hartmann3"
    known_minimum = -3.862779787332663

    def __init__(self):
        super().__init__(
            [[3.0, 10, 30], [0.1, 10, 35], [3.0, 10, 30], [0.1, 10, 35]],
            [[0.3689, 0.1170, 0.2673], [0.4699, 0.4387, 0.7470], [0.1091, 0.8732, 0.5547], [0.0381, 0.5743, 0.8828]],
            [0.11458889205236769, 0.5556488942074893, 0.8525469851680214])


class Hartmann6(Hartmann):
    name = "hartmann6"
    known_minimum = -3.322368011415515

    def __init__(self):
        super().__init__(
            [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]],
            [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886], [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
             [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650], [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]],
            [0.20168951225087292, 0.15001069220868873, 0.4768739756318567, 0.27533243064248886, 0.3116516155063413,
             0.657300533200966])


class Rosenbrock(BoxFunction):
    name = "rosenbrock10"
    known_minimum = 0
    budget = 200

    def __init__(self):
        super().__init__([-5] * 10, [10] * 10, [1] * 10)

    def value(self, p):
        total = 0.0
        for i in range(len(p) - 1):
            valley = p[i + 1] - (p[i] * p[i])
            offset = p[i] - 1
            total += (100 * valley * valley) + (offset * offset)
        return total


class Ackley(BoxFunction):
    name = "ackley5"
    known_minimum = 0

    def __init__(self):
        super().__init__([-32.768] * 5, [32.768] * 5, [0] * 5)

    def value(self, p):
        squares = 0.0
        cosines = 0.0
        for x in p:
            squares += x * x
            cosines += math.cos(2 * math.pi * x)
        return (-20 * math.exp(-0.2 * math.sqrt(squares / len(p)))) - math.exp(cosines / len(p)) + 20 + math.e


class Rastrigin(BoxFunction):
    name = "rastrigin6"
    known_minimum = 0

    def __init__(self):
        super().__init__([-5.12] * 6, [5.12] * 6, [0] * 6)

    def value(self, p):
        total = 10.0 * len(p)
        for x in p:
            total += (x * x) - (10 * math.cos(2 * math.pi * x))
        return total


class Mixed:
    """Hone.Bench's MixedFunction: floats (one log), integers and a categorical that moves the optimum."""

    name = "mixed"
    dimension = 5
    known_minimum = 0
    budget = 100
    minimizer = {"x": 1.5, "lr": 0.01, "n": 12, "k": -3, "kind": "a"}
    KINDS = ("a", "b", "c")
    OPTIMA = [[1.5, -2, 12, -3, 0], [-2.5, -4, 5, 4, 0.4], [3, -1, 17, 0, 0.8]]

    def suggest(self, trial):
        return [trial.suggest_float("x", -5, 5), trial.suggest_float("lr", 1e-5, 1, log=True),
                trial.suggest_int("n", 1, 20), trial.suggest_int("k", -8, 8),
                self.KINDS.index(trial.suggest_categorical("kind", self.KINDS))]

    def value(self, p):
        optimum = self.OPTIMA[int(p[4])]
        dx = (p[0] - optimum[0]) / 2
        dl = math.log10(p[1]) - optimum[1]
        dn = (p[2] - optimum[2]) / 4
        return optimum[4] + (dx * dx) + (0.5 * dl * dl) + (dn * dn) + (abs(p[3] - optimum[3]) / 4)


class Conditional:
    """Hone.Bench's ConditionalFunction: a branch picks a smooth trap or the rippled bowl holding the minimum."""

    name = "conditional"
    dimension = 4
    known_minimum = 0
    budget = 100
    minimizer = {"branch": "oscillating", "o_x": -1.0, "o_y": 2.0, "o_n": 3}
    BRANCHES = ("quadratic", "oscillating")

    def suggest(self, trial):
        branch = self.BRANCHES.index(trial.suggest_categorical("branch", self.BRANCHES))
        if branch == 0:
            return [branch, trial.suggest_float("q_x", -5, 5), trial.suggest_float("q_scale", 1e-3, 1e3, log=True), 0]
        return [branch, trial.suggest_float("o_x", -5, 5), trial.suggest_float("o_y", -5, 5), trial.suggest_int("o_n", 0, 10)]

    def value(self, p):
        if p[0] == 0:
            dq = (p[1] - 2) / 2
            ds = (math.log10(p[2]) - 1) / 2
            return 1 + (dq * dq) + (ds * ds)
        dx = p[1] + 1
        dy = p[2] - 2
        return (((dx * dx) + (dy * dy)) / 4) + (abs(p[3] - 3) / 4) + (0.5 * (1 - math.cos(2 * math.pi * dx)))


class Shifted(BoxFunction):
    """Hone.Bench's ShiftedFunction: f(x - s) on the same box, the minimiser moved off the centre to s."""

    def __init__(self, inner, offset):
        super().__init__(inner.lows, inner.highs, offset)
        self.inner = inner
        self.offset = offset
        self.name = inner.name + "-shifted"
        self.known_minimum = inner.known_minimum

    def value(self, p):
        return self.inner.value([x - o for x, o in zip(p, self.offset)])


FUNCTIONS = {f.name: f for f in (Branin(), Hartmann3(), Hartmann6(), Rosenbrock(), Ackley(), Rastrigin(), Mixed(), Conditional(),
                                 Shifted(Ackley(), [13.1, -21.7, 6.4, -9.3, 24.5]),
                                 Shifted(Rastrigin(), [2.1, -3.3, 1.2, -0.7, 3.9, -2.6]))}

# Optuna 3.1's samplers under the names Hone.Bench uses. QMC is scrambled (Optuna's default is not) so that the seed
# matters, as in Hone's QmcSampler; the independent-sampling warnings are off because the conditional and mixed
# functions trigger them on every trial.
SAMPLERS = {
    "random": lambda seed: optuna.samplers.RandomSampler(seed=seed),
    "tpe": lambda seed: optuna.samplers.TPESampler(seed=seed),
    "tpe-multivariate": lambda seed: optuna.samplers.TPESampler(seed=seed, multivariate=True, warn_independent_sampling=False),
    "cmaes": lambda seed: optuna.samplers.CmaEsSampler(seed=seed, warn_independent_sampling=False),
    "cmaes-ipop": lambda seed: optuna.samplers.CmaEsSampler(seed=seed, restart_strategy="ipop", warn_independent_sampling=False),
    "qmc-sobol": lambda seed: optuna.samplers.QMCSampler(qmc_type="sobol", scramble=True, seed=seed, warn_independent_sampling=False),
}


def emit(record):
    print(json.dumps(record), flush=True)


def names(text, known, option):
    items = [item.strip() for item in text.split(",") if item.strip()]
    unknown = [item for item in items if item not in known]
    if not items or unknown:
        raise SystemExit(f"optuna_suite.py: {option} takes a comma-separated list of {', '.join(known)}, but got '{text}'"
                         + (f" ({', '.join(unknown)} unknown)." if unknown else "."))
    return list(dict.fromkeys(items))


def run_functions(args):
    for f in FUNCTIONS.values():
        emit({"bench": "function", "peer": "optuna", "function": f.name, "dimension": f.dimension,
              "known_minimum": f.known_minimum, "minimizer": f.minimizer, "budget": f.budget})


def run_check(args):
    """Compares Hone's listing and points (JSON lines on standard input or in a file) with the definitions here."""
    with (open(args.file, encoding="utf-8") if args.file != "-" else sys.stdin) as handle:
        records = [json.loads(line) for line in handle if line.startswith("{")]
    problems = []
    seen = set()
    at_minimizer = set()
    points = 0
    largest = 0.0
    for record in records:
        f = FUNCTIONS.get(record["function"])
        if f is None:
            problems.append(f"Hone has a function '{record['function']}' that optuna_suite.py does not define.")
            continue
        seen.add(f.name)
        if record["bench"] == "function":
            for key in ("dimension", "known_minimum", "budget", "minimizer"):
                if record[key] != getattr(f, key):
                    problems.append(f"{f.name}: {key} is {record[key]!r} in Hone but {getattr(f, key)!r} here.")
        elif record["bench"] == "point":
            points += 1
            ours = f.value(f.suggest(optuna.trial.FixedTrial(record["params"])))
            difference = abs(ours - record["value"]) / max(1.0, abs(record["value"]))
            largest = max(largest, difference)
            if not difference <= TOLERANCE:
                problems.append(f"{f.name} at {record['params']}: Hone {record['value']!r}, here {ours!r} (relative difference {difference:.3g}).")
            if record["params"] == f.minimizer:
                at_minimizer.add(f.name)
                if not abs(record["value"] - f.known_minimum) <= TOLERANCE * max(1.0, abs(f.known_minimum)):
                    problems.append(f"{f.name}: the value at the minimiser, {record['value']!r}, is not the known minimum {f.known_minimum!r}.")
    missing = sorted(set(FUNCTIONS) - seen)
    if missing:
        problems.append(f"Hone's listing lacks {', '.join(missing)}.")
    unchecked = sorted(seen - at_minimizer)
    if unchecked:
        problems.append(f"No point at the minimiser for {', '.join(unchecked)}: run `Hone.Bench functions --check`, which evaluates it first.")
    emit({"bench": "check", "peer": "optuna", "functions": len(seen), "points": points,
          "max_relative_difference": largest, "tolerance": TOLERANCE, "ok": not problems})
    for problem in problems:
        print("optuna_suite.py check: " + problem, file=sys.stderr)
    if problems:
        raise SystemExit(1)


def run_one(f, sampler, seed, budget):
    study = optuna.create_study(sampler=SAMPLERS[sampler](seed))
    objective_seconds = 0.0

    def objective(trial):
        nonlocal objective_seconds
        point = f.suggest(trial)
        start = time.perf_counter()
        value = f.value(point)
        objective_seconds += time.perf_counter() - start
        return value

    start = time.perf_counter()
    study.optimize(objective, n_trials=budget, show_progress_bar=False)
    seconds = time.perf_counter() - start
    trials = study.get_trials(deepcopy=False)
    curve = []
    best = math.inf
    for trial in trials:
        if trial.value < best:
            best = trial.value
            curve.append([trial.number + 1, best])
    return {
        "bench": "suite", "peer": "optuna", "sampler": sampler, "function": f.name, "seed": seed, "trials": len(trials),
        "known_minimum": f.known_minimum, "best_value": best, "regret": best - f.known_minimum, "curve": curve,
        "seconds": seconds, "objective_seconds": objective_seconds,
        "overhead_ms_per_trial": (seconds - objective_seconds) * 1000 / budget,
    }


def run_suite(args):
    for name in names(args.functions, list(FUNCTIONS), "--functions"):
        f = FUNCTIONS[name]
        budget = max(1, round(f.budget * args.budget_scale))
        for sampler in names(args.samplers, list(SAMPLERS), "--samplers"):
            # Seeds from 1: QMCSampler takes seed 0 for "no seed" (`seed or random`), which would not repeat.
            for seed in range(1, args.seeds + 1):
                emit(run_one(f, sampler, seed, budget))


def run_overhead(args):
    counts = [int(c) for c in args.trials.split(",")]
    if any(c < WINDOW for c in counts) or counts != sorted(set(counts)):
        raise SystemExit(f"optuna_suite.py: --trials takes increasing integers >= {WINDOW} separated by commas, like 100,1000,5000, but got '{args.trials}'.")
    # The same warm-up as Hone.Bench's: throwaway studies until the time is up (Python has no JIT, but imports and
    # caches warm up alike), then their garbage is collected before the timed study.
    warming = time.perf_counter()
    round_ = 1
    while args.warmup and (round_ == 1 or time.perf_counter() - warming < args.warmup_seconds):
        optuna.create_study(sampler=SAMPLERS[args.sampler](args.seed + round_)).optimize(
            sum_of_squares, n_trials=args.warmup, show_progress_bar=False)
        round_ += 1
    gc.collect()
    total = counts[-1]
    ends = [0.0] * (total + 1)

    def record_end(study, trial):
        ends[trial.number + 1] = time.perf_counter()

    study = optuna.create_study(sampler=SAMPLERS[args.sampler](args.seed))
    ends[0] = time.perf_counter()
    study.optimize(sum_of_squares, n_trials=total, callbacks=[record_end], show_progress_bar=False)
    complete = len(study.get_trials(deepcopy=False, states=(optuna.trial.TrialState.COMPLETE,)))
    emit({"bench": "overhead", "peer": "optuna", "sampler": args.sampler, "seed": args.seed, "params": 10,
          "trials": counts, "ms_per_trial": [(ends[c] - ends[c - WINDOW]) * 1000 / WINDOW for c in counts],
          "median_trial_ms": [statistics.median((ends[t] - ends[t - 1]) * 1000 for t in range(c - WINDOW + 1, c + 1)) for c in counts],
          "complete_trials": complete, "seconds": ends[total] - ends[0]})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("functions", help="list the functions as JSON lines")
    check = sub.add_parser("check", help="compare with the output of `Hone.Bench functions --check`")
    check.add_argument("file", nargs="?", default="-", help="Hone's JSON lines (default: standard input)")
    suite = sub.add_parser("suite", help="every sampler x function x seed, best-so-far curves")
    suite.add_argument("--samplers", default=",".join(SAMPLERS))
    suite.add_argument("--functions", default=",".join(FUNCTIONS))
    suite.add_argument("--seeds", type=int, default=10, help="seeds 1..N")
    suite.add_argument("--budget-scale", type=float, default=1.0, help="multiplies every function's budget")
    overhead = sub.add_parser("overhead", help="ms per trial over the last 100 trials before each count")
    overhead.add_argument("--sampler", choices=list(SAMPLERS), default="random")
    overhead.add_argument("--trials", default="100,1000,5000")
    overhead.add_argument("--seed", type=int, default=1)
    overhead.add_argument("--warmup", type=int, default=200, help="trials of each throwaway study run first")
    overhead.add_argument("--warmup-seconds", type=float, default=1.0, help="throwaway studies run until this much time has passed")
    args = parser.parse_args()
    if args.command == "suite" and (args.seeds < 1 or not args.budget_scale > 0):
        parser.error(f"--seeds must be >= 1 and --budget-scale > 0, but got {args.seeds} and {args.budget_scale}.")
    if args.command == "overhead" and (args.seed < 1 or args.warmup < 0):
        parser.error(f"--seed must be >= 1 and --warmup >= 0, but got {args.seed} and {args.warmup}.")

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    # Multivariate TPE, QMCSampler and CMA-ES restarts are experimental in Optuna 3.1 and warn once per sampler.
    warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
    {"functions": run_functions, "check": run_check, "suite": run_suite, "overhead": run_overhead}[args.command](args)


if __name__ == "__main__":
    main()
