#!/usr/bin/env bash
# Multi-objective pruning benchmark: the synthetic two-objective learning curves of
# bench/Hone.Bench/TwoObjectiveCurves.cs (two task losses that trade off), every pruner x seed. No peer has pruning for
# several objectives, so the figure is the epochs a pruner saves against the hypervolume it loses: builds Hone.Bench in
# Release, runs each pruner, keeps the raw JSON lines and prints a markdown table (medians over seeds) of the epochs
# used and the hypervolume lost, computed with Optuna's WFG, against completing every trial and against running fewer
# trials with the same epochs.
#
# Settings (environment): SEEDS (10), TRIALS (500), STEPS (100), PRUNERS (nop,pareto-median,pareto-asha; also
# pareto-median-warmup, pareto-asha-patient), PYTHON (default /usr/bin/python3, with Optuna for the hypervolume),
# OUT (JSON lines file).
set -euo pipefail

cd "$(dirname "$0")/.."
SEEDS=${SEEDS:-10}
TRIALS=${TRIALS:-500}
STEPS=${STEPS:-100}
PRUNERS=${PRUNERS:-nop,pareto-median,pareto-asha}
PYTHON=${PYTHON:-/usr/bin/python3}
OUT=${OUT:-bench/results/mo-pruning-$(date -u +%Y%m%dT%H%M%SZ).jsonl}

if ! "$PYTHON" -c "from optuna._hypervolume import WFG" 2>/dev/null; then
  echo "run-mo-pruning.sh: $PYTHON cannot import optuna._hypervolume; install Optuna 3.1 (Debian: apt-get install python3-optuna) or set PYTHON." >&2
  exit 2
fi

dotnet build bench/Hone.Bench/Hone.Bench.csproj -c Release -nologo -v quiet >&2
HONE=bench/Hone.Bench/bin/Release/net10.0/Hone.Bench
mkdir -p "$(dirname "$OUT")"
: > "$OUT"

for pruner in $(echo "$PRUNERS" | tr ',' ' '); do
  echo "  $HONE mo-pruning --pruners $pruner --seeds $SEEDS --trials $TRIALS --steps $STEPS" >&2
  "$HONE" mo-pruning --pruners "$pruner" --seeds "$SEEDS" --trials "$TRIALS" --steps "$STEPS" >> "$OUT"
done

echo "raw results: $OUT" >&2
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(lscpu | sed -n 's/^Model name: *//p' | head -1); $(dotnet --version | sed 's/^/.NET SDK /'); Optuna $("$PYTHON" -c 'import optuna; print(optuna.__version__)')"
echo
"$PYTHON" bench/peers/summarize_mo_pruning.py "$OUT"
