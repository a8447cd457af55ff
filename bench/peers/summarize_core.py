#!/usr/bin/env python3
"""Reads the JSON lines of bench/run-core.sh and prints the markdown tables of bench/RESULTS.md (medians over runs)."""

import json
import statistics
import sys

TARGET_RATE = {"memory": 50_000, "sqlite": 1_000}
TARGET_RATIO = 50
CASES = [("memory", 1, "In memory"), ("sqlite", 1, "SQLite, durable, 1 process"), ("sqlite", 2, "SQLite, durable, 2 processes (total)")]


def rates(records, peer, storage, processes, mode):
    return [r["trials_per_s"] for r in records
            if r.get("bench") == "throughput" and r["peer"] == peer and r["storage"] == storage
            and r["processes"] == processes and r["mode"] == mode]


def disk(records, peer, storage, processes):
    """Median over runs of the disk probe (fsyncs/s), each run the mean of its probes before and after."""
    probes = [(r["disk_fsyncs_per_s"] + r.get("disk_fsyncs_per_s_after", r["disk_fsyncs_per_s"])) / 2 for r in records
              if r.get("bench") == "throughput" and r["peer"] == peer and r["storage"] == storage
              and r["processes"] == processes and r.get("disk_fsyncs_per_s")]
    return fmt(statistics.median(probes)) if probes else "n/a"


def paired(hone, optuna):
    """The median of per-round ratios: the k-th run of each side ran in the same round, minutes apart at most."""
    return statistics.median(h / o for h, o in zip(hone, optuna))


def fmt(value):
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def spread(values):
    return f"{fmt(statistics.median(values))} ({fmt(min(values))}–{fmt(max(values))}, n={len(values)})"


def main(path):
    with open(path, encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.startswith("{")]
    bad = [r for r in records if r.get("complete_trials", r.get("trials")) != r.get("trials")]
    if bad:
        sys.exit(f"{len(bad)} run(s) stored fewer complete trials than they ran, e.g. {bad[0]}; the figures are not valid.")

    print("| Case | Hone `study.Optimize` (trials/s) | Hone Ask/Tell loop (trials/s) | Optuna 3.1 `study.optimize` (trials/s) "
          "| Ratio, Optimize | Ratio, Ask/Tell | Target | Met? |")
    print("|---|---:|---:|---:|---:|---:|---|---|")
    details = []
    for storage, processes, label in CASES:
        optuna = rates(records, "optuna", storage, processes, "optimize")
        hone = {mode: rates(records, "hone", storage, processes, mode) for mode in ("optimize", "asktell")}
        if not optuna or not all(hone.values()):
            continue
        optuna_median = statistics.median(optuna)
        medians = {mode: statistics.median(values) for mode, values in hone.items()}
        ratios = {mode: medians[mode] / optuna_median for mode in medians}
        misses = [f"{'Optimize' if mode == 'optimize' else 'Ask/Tell'} {what}"
                  for mode in medians
                  for what, ok in (("rate", medians[mode] >= TARGET_RATE[storage]), ("ratio", ratios[mode] >= TARGET_RATIO))
                  if not ok]
        target = f"≥ {TARGET_RATE[storage]:,} trials/s and ≥ {TARGET_RATIO}× Optuna"
        met = "yes" if not misses else "no: " + ", ".join(misses)
        print(f"| {label} | {fmt(medians['optimize'])} | {fmt(medians['asktell'])} | {fmt(optuna_median)} "
              f"| {ratios['optimize']:,.0f}× | {ratios['asktell']:,.0f}× | {target} | {met} |")
        details.append((label, storage, processes, hone["optimize"], hone["asktell"], optuna))

    print()
    print("Median (min–max, number of runs), trials/s:")
    print()
    print("| Case | Hone Optimize | Hone Ask/Tell | Optuna optimize | Per-round ratio, Optimize / Ask/Tell "
          "| Disk fsyncs/s in Hone runs / Optuna runs |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, storage, processes, optimize, asktell, optuna in details:
        print(f"| {label} | {spread(optimize)} | {spread(asktell)} | {spread(optuna)} "
              f"| {paired(optimize, optuna):,.0f}× / {paired(asktell, optuna):,.0f}× "
              f"| {disk(records, 'hone', storage, processes)} / {disk(records, 'optuna', storage, processes)} |")

    memory = [r for r in records if r.get("bench") == "memory"]
    if memory:
        first = [r["first_block_us"] for r in memory]
        last = [r["last_block_us"] for r in memory]
        blocks = len(memory[0]["block_microseconds_per_trial"])
        per_block = [statistics.median(r["block_microseconds_per_trial"][i] for r in memory) for i in range(blocks)]
        mib = 1024 * 1024
        print()
        print(f"Memory: one in-memory study of {memory[0]['trials']:,} trials, Hone `study.Optimize`, RandomSampler, "
              f"10 floats (median of {len(memory)} runs):")
        print()
        print("| Figure | Value |")
        print("|---|---:|")
        print(f"| Managed heap per trial (GC.GetTotalMemory(true) delta / trials) | {statistics.median(r['bytes_per_trial'] for r in memory):,.0f} bytes |")
        print(f"| Managed heap delta, whole study | {statistics.median(r['heap_delta_bytes'] for r in memory) / mib:,.1f} MiB |")
        print(f"| Process working set before the study | {statistics.median(r['working_set_before_bytes'] for r in memory) / mib:,.0f} MiB |")
        print(f"| Process working set after the study | {statistics.median(r['working_set_bytes'] for r in memory) / mib:,.0f} MiB |")
        print(f"| Peak working set | {statistics.median(r['peak_working_set_bytes'] for r in memory) / mib:,.0f} MiB |")
        print(f"| Time per trial, first {memory[0]['block']:,} trials | {statistics.median(first):.2f} µs |")
        print(f"| Time per trial, last {memory[0]['block']:,} trials | {statistics.median(last):.2f} µs |")
        print(f"| Last / first (median of the per-run ratios) | {statistics.median(r['last_over_first'] for r in memory):.2f} |")
        print()
        print(f"Time per trial for each block of {memory[0]['block']:,} trials, in order (median over runs, µs): "
              + ", ".join(f"{v:.2f}" for v in per_block))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: summarize_core.py RESULTS.jsonl")
    main(sys.argv[1])
