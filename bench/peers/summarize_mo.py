#!/usr/bin/env python3
"""Reads the JSON lines of bench/run-mo.sh and prints the markdown tables of the multi-objective benchmark.

Quality: the hypervolume of every run's final front (the objective vectors of its complete, feasible, non-dominated
trials), computed here for both peers with one implementation, Optuna 3.1's exact WFG algorithm
(`optuna._hypervolume.WFG`), against one fixed reference point per problem (REFERENCE below). Points that do not
dominate the reference add nothing and are dropped before the computation (WFG requires it). For every problem, each
sampler family's Hone row beside its Optuna row: median and interquartile range over seeds, the Hone/Optuna ratio of
the medians, the target (Hone's median >= Optuna's for the same family) and whether it is met, and a verdict (a tie
when either median lies inside the other side's interquartile range, else a win or a loss for Hone). Random sampling
is the baseline and has no target: both peers draw uniformly, so their difference is the seeds' noise. Families Hone
does not register yet read "pending".
Overhead: milliseconds per trial over the last 100 trials before 100 and 1,000 trials, ten floats and two objectives
(median over studies), as wall time (mean and median trial) and as process CPU time, with the target of at least 50x
below Optuna at 1,000 trials.
"""

import json
import statistics
import sys

import numpy as np
from optuna._hypervolume import WFG

# Fixed reference points, all objectives minimized. ZDT1-3 (30 variables): f1 = x0 lies in [0, 1] and f2 = g*h <= 11
# (g <= 10, and ZDT3's h <= 1 + f1/g); (1.1, 11) is beyond every reachable point, so every complete trial counts, and
# short budgets, whose fronts sit far above the true one (g near 1), still measure. DTLZ2 (3 objectives, 12 variables):
# each objective lies in [0, 1 + g] with g <= 2.5; (2.5, 2.5, 2.5) is beyond the fronts these budgets reach (g of a
# few tenths) without dwarfing them. SRN: the feasible Pareto front runs from about (10, 2) to (224, -218) (found by
# dense sampling); (250, 50) is just beyond it, so feasible points near the front count.
REFERENCE = {
    "zdt1": [1.1, 11.0],
    "zdt2": [1.1, 11.0],
    "zdt3": [1.1, 11.0],
    "dtlz2": [2.5, 2.5, 2.5],
    "srn": [250.0, 50.0],
}
PROBLEMS = ["zdt1", "zdt2", "zdt3", "dtlz2", "srn"]
FAMILIES = ["random", "tpe", "tpe-multivariate", "nsga2", "nsga3"]
LABELS = {
    "random": ("RandomSampler", "RandomSampler"),
    "tpe": ("TpeSampler (MOTPE)", "TPESampler"),
    "tpe-multivariate": ("TpeSampler, Multivariate", "TPESampler(multivariate=True)"),
    "nsga2": ("NsgaIISampler", "NSGAIISampler"),
    "nsga3": ("NsgaIIISampler", None),
}
# Optuna 3.1 has no NSGA-III: Hone's row stands alone.
HONE_ONLY = {"nsga3"}
# Uniform sampling on both sides: a reference for the others, with no target of its own.
BASELINES = {"random"}
# The issue's reference: Optuna 3.1's NSGA-II costs 3.7 ms per trial at 1,000 trials (10 parameters, 2 objectives).
ISSUE_OPTUNA_MS = {"nsga2": 3.7}
TARGET_RATIO = 50


def hypervolume(front, reference):
    kept = [p for p in front if all(v < r for v, r in zip(p, reference))]
    if not kept:
        return 0.0
    return float(WFG().compute(np.asarray(kept, dtype=float), np.asarray(reference, dtype=float)))


def quartiles(values):
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, median, q3


def fmt(value):
    if value == 0:
        return "0"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.4g}"


def fmt_ms(value):
    return "—" if value is None else f"{value:,.1f}" if value >= 100 else f"{value:.3g}"


def verdict(hone, optuna):
    """Win, tie or loss for Hone (larger hypervolume is better): a tie when either median lies inside the other's IQR."""
    (h1, hm, h3), (o1, om, o3) = quartiles(hone), quartiles(optuna)
    if o1 <= hm <= o3 or h1 <= om <= h3:
        return "tie"
    return "win" if hm > om else "loss"


def ratio(hone, optuna):
    if optuna == 0:
        return "1" if hone == 0 else "∞"
    return f"{hone / optuna:.3f}"


def runs_by(records):
    runs = {}
    for r in records:
        if r.get("bench") == "mo-suite":
            if r["problem"] not in REFERENCE:
                sys.exit(f"summarize_mo.py: no reference point for problem '{r['problem']}'; add one to REFERENCE.")
            r["hypervolume"] = hypervolume(r["front"], REFERENCE[r["problem"]])
            runs.setdefault((r["problem"], r["sampler"], r["peer"]), []).append(r)
    return runs


def quality_tables(runs, problems, shapes):
    results = {}
    for problem in problems:
        seeds = max(len(rs) for key, rs in runs.items() if key[0] == problem)
        dimension, objectives, constraints = shapes.get(problem, ("?", "?", 0))
        print(f"#### {problem} ({dimension} parameters, {objectives} objectives"
              + (f", {constraints} constraints" if constraints else "")
              + f"; {seeds} seed{'s' if seeds != 1 else ''}; reference point "
              + f"({', '.join(fmt(v) for v in REFERENCE[problem])}))")
        print()
        print("| Sampler | Peer | Trials | Hypervolume, median | IQR | Front size, median | Feasible trials, median "
              "| Hone / Optuna | Target | Met? | Hone vs Optuna |")
        print("|---|---|---:|---:|---|---:|---:|---:|---|---|---|")
        for family in FAMILIES:
            hone = runs.get((problem, family, "hone"))
            optuna = runs.get((problem, family, "optuna"))
            if not hone and not optuna:
                continue
            for peer, peer_runs in (("hone", hone), ("optuna", optuna)):
                if peer == "optuna" and family in HONE_ONLY:
                    continue
                label = LABELS[family][0 if peer == "hone" else 1]
                name = "Hone" if peer == "hone" else "Optuna 3.1"
                if not peer_runs:
                    print(f"| {label} | {name} | | pending | | | | | | | |")
                    continue
                volumes = [r["hypervolume"] for r in peer_runs]
                q1, median, q3 = quartiles(volumes)
                sizes = statistics.median(len(r["front"]) for r in peer_runs)
                feasible = statistics.median(r["feasible"] for r in peer_runs)
                compared = " | | | |"
                if peer == "hone" and optuna:
                    optuna_volumes = [r["hypervolume"] for r in optuna]
                    optuna_median = statistics.median(optuna_volumes)
                    baseline = family in BASELINES
                    met = "—" if baseline else "yes" if median >= optuna_median else "no"
                    result = verdict(volumes, optuna_volumes)
                    results[(problem, family)] = (met, result, median, optuna_median)
                    target = "— (baseline)" if baseline else "≥ Optuna's median"
                    compared = f" {ratio(median, optuna_median)} | {target} | {met} | **{result}** |"
                trials = "/".join(str(t) for t in sorted({r["trials"] for r in peer_runs}))
                print(f"| {label} | {name} | {trials} | {fmt(median)} | {fmt(q1)} – {fmt(q3)} | {fmt(sizes)} | {fmt(feasible)} |"
                      + compared)
        print()
    return results


def overview(problems, results, families_present):
    families = [f for f in FAMILIES if f in families_present and f not in HONE_ONLY]
    print("#### Hone vs Optuna 3.1, final hypervolume (target met?, verdict, Hone/Optuna ratio of medians)")
    print()
    print("| Problem | " + " | ".join(families) + " |")
    print("|---|" + "---|" * len(families))
    for problem in problems:
        cells = []
        for family in families:
            if (problem, family) in results:
                met, result, hm, om = results[(problem, family)]
                cells.append(f"{met}, {result} ({ratio(hm, om)})")
            else:
                cells.append("pending")
        print(f"| {problem} | " + " | ".join(cells) + " |")
    tallies = []
    for family in families:
        rows = [results[(p, family)] for p in problems if (p, family) in results]
        if not rows:
            tallies.append("pending")
            continue
        met = sum(1 for r in rows if r[0] == "yes")
        counts = {k: sum(1 for r in rows if r[1] == k) for k in ("win", "tie", "loss")}
        target = "no target" if family in BASELINES else f"target met on {met} of {len(rows)}"
        tallies.append(f"{target}; {counts['win']} / {counts['tie']} / {counts['loss']}")
    print("| **target met; wins / ties / losses** | " + " | ".join(tallies) + " |")
    print()


def suite_overhead(runs, problems):
    print("#### Per-trial overhead during the suite (ms per trial outside the objectives' computation, median over seeds)")
    print()
    print("| Sampler | Peer | " + " | ".join(problems) + " |")
    print("|---|---|" + "---:|" * len(problems))
    for family in FAMILIES:
        for peer in ("hone", "optuna"):
            cells = [runs.get((p, family, peer)) for p in problems]
            if not any(cells):
                continue
            values = [fmt_ms(statistics.median(r["overhead_ms_per_trial"] for r in c)) if c else "—" for c in cells]
            print(f"| {LABELS[family][0 if peer == 'hone' else 1]} | {'Hone' if peer == 'hone' else 'Optuna 3.1'} | "
                  + " | ".join(values) + " |")
    print()


def overhead_table(records, key, title):
    rows = [r for r in records if r.get("bench") == "mo-overhead" and key in r]
    if not rows:
        return
    bad = [r for r in rows if r["complete_trials"] != r["trials"][-1]]
    if bad:
        sys.exit(f"{len(bad)} overhead run(s) completed fewer trials than they ran, e.g. {bad[0]}; the figures are not valid.")
    counts = sorted({c for r in rows for c in r["trials"]})

    def cell(family, peer, count):
        values = [r[key][r["trials"].index(count)] for r in rows
                  if r["sampler"] == family and r["peer"] == peer and count in r["trials"]]
        return (statistics.median(values), len(values)) if values else (None, 0)

    repeats = {p: max(cell(f, p, c)[1] for f in FAMILIES for c in counts) for p in ("hone", "optuna")}
    print(f"#### {title} (10 floats, 2 objectives; each cell the median of up to {repeats['hone']} Hone and "
          f"{repeats['optuna']} Optuna studies)")
    print()
    print("| Sampler | " + " | ".join(f"Hone @{c:,}" for c in counts) + " | " + " | ".join(f"Optuna @{c:,}" for c in counts)
          + " | " + " | ".join(f"Optuna / Hone @{c:,}" for c in counts) + " | Issue's Optuna @1,000 | Target | Met? |")
    print("|---|" + "---:|" * (3 * len(counts) + 1) + "---|---|")
    for family in FAMILIES:
        hone = {c: cell(family, "hone", c)[0] for c in counts}
        optuna = {c: cell(family, "optuna", c)[0] for c in counts}
        if not any(hone.values()) and not any(optuna.values()):
            continue
        ratios = [f"{optuna[c] / hone[c]:,.0f}×" if hone[c] and optuna[c] else "—" for c in counts]
        target = f"≥ {TARGET_RATIO}× below Optuna @1,000" if family != "random" else "—"
        h, o = hone.get(1000), optuna.get(1000)
        if family == "random":
            met = "—"
        elif not any(hone.values()):
            met = "pending"
        elif h is None or o is None:
            met = "not measured"
        else:
            met = "yes" if o / h >= TARGET_RATIO else "no"
        hone_cells = [fmt_ms(hone[c]) if any(hone.values()) else "pending" for c in counts]
        print(f"| {family} | " + " | ".join(hone_cells) + " | " + " | ".join(fmt_ms(optuna[c]) for c in counts)
              + " | " + " | ".join(ratios) + f" | {ISSUE_OPTUNA_MS.get(family, '—')} | {target} | {met} |")
    print()


def main(paths):
    records = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            records += [json.loads(line) for line in handle if line.startswith("{")]

    for check in (r for r in records if r.get("bench") == "mo-check"):
        state = "agree" if check["ok"] else "DISAGREE"
        print(f"Cross-check of the definitions: Hone and Python {state} at {check['points']} points of "
              f"{check['problems']} problems (largest relative difference {check['max_relative_difference']:.3g}, "
              f"tolerance {check['tolerance']:g}).")
        print()

    shapes = {r["problem"]: (r["dimension"], r["objectives"], r["constraints"]) for r in records if r.get("bench") == "mo-problem"}
    runs = runs_by(records)
    problems = [p for p in PROBLEMS if any(key[0] == p for key in runs)]
    if problems:
        results = quality_tables(runs, problems, shapes)
        families_present = {key[1] for key in runs}
        overview(problems, results, families_present)
        suite_overhead(runs, problems)
    overhead_table(records, "ms_per_trial", "Multi-objective sampler overhead: ms per trial over the last 100 trials "
                   "before each count (mean of the 100)")
    overhead_table(records, "median_trial_ms", "The same windows, median trial (ms)")
    overhead_table(records, "cpu_ms_per_trial", "The same windows, process CPU time per trial (ms): what a loaded machine "
                   "changes least")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: summarize_mo.py RESULTS.jsonl [MORE.jsonl ...]")
    main(sys.argv[1:])
