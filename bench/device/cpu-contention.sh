#!/usr/bin/env bash
# Asks whether a many-core machine slows each process down as more of them run at once, with no storage shared: K
# independent copies of an in-memory study (nothing to contend for in software) run together, K = 1, 2, 4, 8, 16. If
# each copy's processor time per trial grows with K, the machine (shared physical cores, a lower all-core clock, the
# shared cache) and not Hone sets the limit on how far PostgreSQL workers scale (run-distributed.sh).
# Needs devicepack/ as run-distributed.sh describes it (only its .NET part is used). Results: $OUT/cpu-contention.jsonl,
# one line per copy with "copies" added; bench/peers/summarize_contention.py prints the table.
# Settings: COPIES ("1 2 4 8 16"), SAMPLERS ("random tpe"), TRIALS_random (100000), TRIALS_tpe (1000), ROUNDS ("1 2").
set -euo pipefail
source bench/device/setup.sh
O=$OUT/cpu-contention.jsonl
printf '{"bench":"context","date":"%s","machine":"%s cores, %s","threads_per_core":"%s"}\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(nproc)" "$(lscpu | sed -n 's/^Model name: *//p' | head -1)" "$(lscpu | sed -n 's/^Thread(s) per core: *//p' | head -1)" > "$O"
for round in ${ROUNDS:-1 2}; do
  for sampler in ${SAMPLERS:-random tpe}; do
    trials_var="TRIALS_$sampler"
    trials="${!trials_var:-$([[ $sampler == random ]] && echo 100000 || echo 1000)}"
    warmup=$([[ $sampler == random ]] && echo 50000 || echo 200)
    for k in ${COPIES:-1 2 4 8 16}; do
      dir=$(mktemp -d)
      for i in $(seq "$k"); do
        dotnet devicepack/bench/Hone.Bench.dll throughput --storage memory --sampler "$sampler" --trials "$trials" --warmup "$warmup" --seed "$i" > "$dir/$i.json" 2>>"$OUT/errors.txt" &
      done
      wait
      for i in $(seq "$k"); do
        tail -n 1 "$dir/$i.json" | sed "s/^{/{\"copies\":$k,\"round\":$round,/" >> "$O"
      done
      rm -rf "$dir"
    done
  done
done
