#!/usr/bin/env bash
# Framework overhead of `hone run` per trial with a trivial program (/bin/echo printing its result).
# Usage: bench/run-overhead.sh            (N=300 trials, parallelism 1)
#        N=1000 bench/run-overhead.sh
# Prints two figures:
#   stored: median over trials of (completed - started) - process run time, from the trial timestamps (from the trial's
#           start in the storage to its result being recorded, less the time from process start to exit);
#   wall:   (wall time of the run - wall time of a run with nothing to do) / N - median process run time, which also
#           counts what happens after the timestamps (the final commit, the progress line).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-300}
PYTHON=${PYTHON:-python3}
dotnet build -c Release src/Hone.Cli -v q -nologo >/dev/null
HONE=(dotnet "$PWD/src/Hone.Cli/bin/Release/net10.0/Hone.Cli.dll")
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
cat > "$DIR/study.yaml" <<YAML
name: overhead
storage: sqlite:///hone.db
direction: minimize
sampler: {type: random, seed: 1}
trials: $N
parameters:
  x: {type: float, low: 0, high: 1}
command: [/bin/echo, "hone: result {x}"]
YAML
# Warm the file system cache and the runtime once, on a throwaway study.
sed 's/name: overhead/name: warmup/' "$DIR/study.yaml" > "$DIR/warmup.yaml"
"${HONE[@]}" run "$DIR/warmup.yaml" --trials 20 >/dev/null 2>&1
start=$(date +%s.%N)
"${HONE[@]}" run "$DIR/study.yaml" >/dev/null 2>&1
end=$(date +%s.%N)
start_idle=$(date +%s.%N)
"${HONE[@]}" run "$DIR/study.yaml" >/dev/null 2>&1
end_idle=$(date +%s.%N)
"${HONE[@]}" export overhead --format json --storage "sqlite:///$DIR/hone.db" > "$DIR/export.json"
"$PYTHON" - "$DIR/export.json" "$N" "$start" "$end" "$start_idle" "$end_idle" <<'PY'
import json, statistics, sys
from datetime import datetime
path, n, start, end, start_idle, end_idle = sys.argv[1], int(sys.argv[2]), *map(float, sys.argv[3:])
data = json.load(open(path))
trials = [t for t in data["trials"] if t["state"] == "Complete"]
assert len(trials) == n, f"{len(trials)} complete trials of {n}"
def seconds(t, key):
    return datetime.fromisoformat(t[key].replace("Z", "+00:00")).timestamp()
process = [t["system_attrs"]["run:process_seconds"] for t in trials]
stored = [seconds(t, "completed") - seconds(t, "started") - p for t, p in zip(trials, process)]
wall = ((end - start) - (end_idle - start_idle)) / n - statistics.median(process)
print(f"trials: {n}, parallelism 1, program /bin/echo")
print(f"process run time (start to exit), median: {statistics.median(process) * 1000:.2f} ms")
print(f"overhead per trial, stored timestamps: median {statistics.median(stored) * 1000:.2f} ms, p90 {sorted(stored)[int(0.9 * n)] * 1000:.2f} ms")
print(f"overhead per trial, wall clock: {wall * 1000:.2f} ms (run {end - start:.2f} s, idle run {end_idle - start_idle:.2f} s)")
PY
