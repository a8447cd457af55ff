"""Prints the table of bench/device/cpu-contention.sh: per copy, the median processor time per trial and trials/s."""
import json
import statistics
import sys
from collections import defaultdict

rows = defaultdict(list)
for line in open(sys.argv[1]):
    record = json.loads(line)
    if record.get("bench") == "throughput":
        rows[(record["sampler"], record["copies"])].append(record)

print("| sampler | copies | CPU ms/trial per copy (median) | trials/s per copy (median) | CPU per trial / 1 copy's |")
print("|---|---:|---:|---:|---:|")
base = {}
for (sampler, copies) in sorted(rows):
    records = rows[(sampler, copies)]
    cpu = statistics.median(r["client_cpu_s"] * 1000 / r["complete_trials"] for r in records)
    rate = statistics.median(r["trials_per_s"] for r in records)
    base.setdefault(sampler, cpu)
    print(f"| {sampler} | {copies} | {cpu:.4f} | {rate:.0f} | {cpu / base[sampler]:.2f}x |")
