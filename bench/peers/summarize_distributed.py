#!/usr/bin/env python3
"""Reads the JSON lines of bench/run-distributed.sh and prints its markdown tables (medians over runs).

Three tables: throughput per (storage, sampler, workers) for Hone and Optuna with their ratio (target: Hone >= 20x
Optuna at every worker count); scaling from 1 to 8 workers (target on PostgreSQL: 8 workers >= 4x one worker); and
the time per trial as one study grows (target: flat from 1,000 to 100,000 trials). Throughput is the steady rate
(trials stored between the 10th and 90th percentile of completion times, over that span) unless --whole is given.
"""

import argparse
import json
import statistics
import sys

TARGET_RATIO = 20
TARGET_SCALING = 4
FLAT_LIMIT = 1.2
STORAGES = [("postgres", "PostgreSQL"), ("sqlite", "SQLite")]


def fmt(value):
    if value is None:
        return "n/a"
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}" if value >= 1 else f"{value:.2f}"


def spread(values):
    if not values:
        return "n/a"
    return f"{fmt(statistics.median(values))} ({fmt(min(values))}–{fmt(max(values))}, n={len(values)})"


def load(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.startswith("{")]


def throughput_runs(records):
    return [r for r in records if r.get("bench") == "throughput" and not r.get("windows")]


def flatness_runs(records):
    return [r for r in records if r.get("bench") == "throughput" and r.get("windows")]


def rate(record, whole):
    steady = record.get("steady_trials_per_s")
    return record["trials_per_s"] if whole or steady is None else steady


def select(runs, peer, storage, sampler, processes):
    return [r for r in runs if r["peer"] == peer and r["storage"] == storage and r.get("sampler", "random") == sampler
            and r["processes"] == processes]


def counts(runs):
    values = sorted({r["trials"] for r in runs})
    return "/".join(f"{v:,}" for v in values) if values else "–"


def verdict(value, target):
    if value is None:
        return "n/a"
    return "yes" if value >= target else "no"


def print_context(records):
    context = [r for r in records if r.get("bench") == "context"]
    loads = [r["load1"] for r in records if r.get("bench") == "load"]
    if context:
        c = context[0]
        print(f"Started {c['date']}; {c['machine']}; {c['software']}; PostgreSQL: {c['postgres']}.")
    if loads:
        print(f"Load average (1 min) before each run: median {statistics.median(loads):.1f}, "
              f"min {min(loads):.1f}, max {max(loads):.1f} (n={len(loads)}).")
    failed = [r for r in records if r.get("bench") == "failed"]
    for r in failed:
        print(f"FAILED: {r['peer']} {r['storage']} {r['sampler']} {r['processes']} worker(s), exit {r['exit']}: {r['error']}")
    print()


def print_throughput(runs, whole):
    samplers = sorted({r.get("sampler", "random") for r in runs}, key=lambda s: (s != "random", s))
    workers = sorted({r["processes"] for r in runs})
    kind = "whole-run" if whole else "steady"
    print(f"### Throughput ({kind} trials/s, median over runs)")
    print()
    print(f"| Storage | Sampler | Workers | Trials per run (Hone / Optuna) | Hone | Optuna 3.1 | Hone / Optuna | Target | Met? |")
    print("|---|---|---:|---|---:|---:|---:|---|---|")
    details = []
    for storage, label in STORAGES:
        for sampler in samplers:
            for processes in workers:
                hone = select(runs, "hone", storage, sampler, processes)
                optuna = select(runs, "optuna", storage, sampler, processes)
                if not hone and not optuna:
                    continue
                h = [rate(r, whole) for r in hone]
                o = [rate(r, whole) for r in optuna]
                ratio = statistics.median(h) / statistics.median(o) if h and o else None
                print(f"| {label} | {sampler} | {processes} | {counts(hone)} / {counts(optuna)} "
                      f"| {fmt(statistics.median(h)) if h else 'n/a'} | {fmt(statistics.median(o)) if o else 'n/a'} "
                      f"| {fmt(ratio) + '×' if ratio else 'n/a'} | ≥ {TARGET_RATIO}× | {verdict(ratio, TARGET_RATIO)} |")
                details.append((label, sampler, processes, hone, optuna))
    print()
    print("Median (min–max, number of runs), trials/s, steady and whole run:")
    print()
    print("| Storage | Sampler | Workers | Hone steady | Hone whole run | Optuna steady | Optuna whole run |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for label, sampler, processes, hone, optuna in details:
        print(f"| {label} | {sampler} | {processes} "
              f"| {spread([rate(r, False) for r in hone])} | {spread([r['trials_per_s'] for r in hone])} "
              f"| {spread([rate(r, False) for r in optuna])} | {spread([r['trials_per_s'] for r in optuna])} |")
    print()


def print_scaling(runs, whole):
    workers = sorted({r["processes"] for r in runs})
    if len(workers) < 2 or workers[0] != 1:
        return
    top = workers[-1]
    samplers = sorted({r.get("sampler", "random") for r in runs}, key=lambda s: (s != "random", s))
    print(f"### Scaling with workers (median trials/s; {top} workers over 1)")
    print()
    print("| Storage | Sampler | Peer | " + " | ".join(f"{w} worker{'s' if w > 1 else ''}" for w in workers)
          + f" | {top} / 1 | Target | Met? |")
    print("|---|---|---|" + "---:|" * len(workers) + "---:|---|---|")
    for storage, label in STORAGES:
        for sampler in samplers:
            for peer in ("hone", "optuna"):
                medians = {}
                for w in workers:
                    values = [rate(r, whole) for r in select(runs, peer, storage, sampler, w)]
                    medians[w] = statistics.median(values) if values else None
                if all(v is None for v in medians.values()):
                    continue
                scaling = medians[top] / medians[1] if medians[1] and medians[top] else None
                # The issue sets the scaling target for Hone on PostgreSQL; the other rows are for reference.
                targeted = peer == "hone" and storage == "postgres"
                print(f"| {label} | {sampler} | {'Hone' if peer == 'hone' else 'Optuna'} | "
                      + " | ".join(fmt(medians[w]) for w in workers)
                      + f" | {fmt(scaling) + '×' if scaling else 'n/a'} | {'≥ ' + str(TARGET_SCALING) + '×' if targeted else '–'} "
                      f"| {verdict(scaling, TARGET_SCALING) if targeted else '–'} |")
    print()


def print_cpu(runs):
    """Processor time per trial on each side of the connection, and the cores a run kept busy: what bounds scaling on
    a machine with few cores (workers and server share them)."""
    rows = [r for r in runs if r.get("client_cpu_s") is not None]
    if not rows:
        return
    print("### Processor time per trial (ms, median over runs), cores kept busy (client + server CPU / wall time), disk")
    print()
    print("| Storage | Sampler | Workers | Peer | Client (all workers) | Database server | Cores busy | Disk fsyncs/s (SQLite) |")
    print("|---|---|---:|---|---:|---:|---:|---:|")
    keys = sorted({(r["storage"], r.get("sampler", "random"), r["processes"], r["peer"]) for r in rows},
                  key=lambda k: (k[0] != "postgres", k[1] != "random", k[1], k[2], k[3] != "hone"))
    for storage, sampler, processes, peer in keys:
        chosen = select(rows, peer, storage, sampler, processes)
        client = statistics.median(1000 * r["client_cpu_s"] / r["trials"] for r in chosen)
        servers = [r for r in chosen if r.get("server_cpu_s") is not None]
        server = statistics.median(1000 * r["server_cpu_s"] / r["trials"] for r in servers) if servers else None
        busy = statistics.median((r["client_cpu_s"] + (r.get("server_cpu_s") or 0)) / r["seconds"] for r in chosen)
        # The probe taken before and after each SQLite run: the floor under a durable commit at that time.
        probes = [(r["disk_fsyncs_per_s"] + r["disk_fsyncs_per_s_after"]) / 2 for r in chosen if r.get("disk_fsyncs_per_s")]
        disk = fmt(statistics.median(probes)) if probes else "–"
        print(f"| {dict(STORAGES)[storage]} | {sampler} | {processes} | {'Hone' if peer == 'hone' else 'Optuna'} "
              f"| {client:.3g} | {f'{server:.3g}' if server is not None else 'n/a'} | {busy:.2f} | {disk} |")
    print()


def print_flatness(runs):
    if not runs:
        return
    print("### Time per trial as one study grows (ms per trial, median of the window, median over runs)")
    print()
    groups = sorted({(r["peer"], r["storage"], r.get("sampler", "random"), r["processes"]) for r in runs},
                    key=lambda g: (g[0] != "hone", g[1] != "postgres", g[2], g[3]))
    marks = sorted({w["trials"] for r in runs for w in r["windows"]})
    print("| Peer | Storage | Sampler | Workers | Runs | Window | " + " | ".join(f"at {m:,}" for m in marks)
          + f" | Last / first | Flat (≤ {FLAT_LIMIT}×)? |")
    print("|---|---|---|---:|---:|---:|" + "---:|" * len(marks) + "---:|---|")
    for peer, storage, sampler, processes in groups:
        chosen = [r for r in runs if (r["peer"], r["storage"], r.get("sampler", "random"), r["processes"]) == (peer, storage, sampler, processes)]
        per_mark = {}
        for m in marks:
            values = [w["median_ms"] for r in chosen for w in r["windows"] if w["trials"] == m]
            per_mark[m] = statistics.median(values) if values else None
        present = [m for m in marks if per_mark[m] is not None]
        growth = per_mark[present[-1]] / per_mark[present[0]] if len(present) > 1 else None
        size = chosen[0]["windows"][-1]["size"]
        label = dict(STORAGES)[storage]
        if growth is None:
            tail = "n/a | n/a"
        else:
            # The issue sets flatness as Hone's target; Optuna's growth is for reference.
            tail = f"{growth:.2f}× | " + (("yes" if growth <= FLAT_LIMIT else "no") if peer == "hone" else "–")
        print(f"| {'Hone' if peer == 'hone' else 'Optuna'} | {label} | {sampler} | {processes} | {len(chosen)} | {size} | "
              + " | ".join(f"{per_mark[m]:.3g}" if per_mark[m] is not None else "–" for m in marks)
              + f" | {tail} |")
    print()
    print("Window means, wall time / client processor time (ms per trial, median over runs): the wall-time mean shows what")
    print("the median hides (pauses, checkpoints, lock waits); the processor time of the client, which other programs'")
    print("load moves much less than the wall time, shows whether the client's own work per trial grows:")
    print()
    print("| Peer | Storage | Workers | " + " | ".join(f"at {m:,}" for m in marks) + " | CPU last / first |")
    print("|---|---|---:|" + "---:|" * (len(marks) + 1))
    for peer, storage, sampler, processes in groups:
        chosen = [r for r in runs if (r["peer"], r["storage"], r.get("sampler", "random"), r["processes"]) == (peer, storage, sampler, processes)]
        cells = []
        cpus = []
        for m in marks:
            means = [w["mean_ms"] for r in chosen for w in r["windows"] if w["trials"] == m]
            cpu = [w["cpu_mean_ms"] for r in chosen for w in r["windows"] if w["trials"] == m and "cpu_mean_ms" in w]
            if cpu:
                cpus.append(statistics.median(cpu))
            cells.append((f"{statistics.median(means):.3g}" if means else "–") + (f" / {statistics.median(cpu):.3g}" if cpu else ""))
        growth = f"{cpus[-1] / cpus[0]:.2f}×" if len(cpus) > 1 and cpus[0] > 0 else "n/a"
        print(f"| {'Hone' if peer == 'hone' else 'Optuna'} | {dict(STORAGES)[storage]} | {processes} | " + " | ".join(cells) + f" | {growth} |")
    print()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", help="JSON lines written by bench/run-distributed.sh")
    parser.add_argument("--whole", action="store_true", help="use whole-run throughput instead of the steady part")
    args = parser.parse_args()
    records = [r for path in args.files for r in load(path)]
    bad = [r for r in records if r.get("bench") == "throughput" and r.get("complete_trials") != r.get("trials")]
    if bad:
        sys.exit(f"{len(bad)} run(s) stored fewer complete trials than they ran, e.g. {bad[0]['peer']} {bad[0]['storage']} "
                 f"{bad[0]['processes']} workers: {bad[0]['complete_trials']} of {bad[0]['trials']}; the figures are not valid.")
    print_context(records)
    runs = throughput_runs(records)
    if runs:
        print_throughput(runs, args.whole)
        print_scaling(runs, args.whole)
        print_cpu(runs)
    print_flatness(flatness_runs(records))


if __name__ == "__main__":
    main()
