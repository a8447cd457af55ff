#!/usr/bin/env bash
# MLP benchmark: hyperparameter and architecture search of the digits multilayer perceptron (examples/DigitsMlp.Training)
# with unpruned random search and TPE, TPE with the median pruner and with ASHA (same trial count), and TPE with
# Hyperband, BOHB and population-based training (held to the epochs of the unpruned runs), over seeds. Builds Hone.Bench in Release, times reference
# networks (ms per epoch), runs every strategy x seed, keeps the raw JSON lines and prints markdown tables: epochs used,
# best validation accuracy, and the issue's targets with a verdict.
#
# Settings (environment): SEEDS (5), FIRST_SEED (1), TRIALS (60), EPOCHS (30: the top fidelity), STRATEGIES (default:
# every one Hone.Bench registers; see bench/Hone.Bench/MlpStrategies.cs), FAST=1 (a quick look: 2 seeds, 12 trials,
# 8 epochs, unless set otherwise), VALIDATION (0.2: the share of each digit held out for validation; 0.4 makes one
# image 0.14 accuracy points instead of 0.28, so that close strategies tie less often), TEST (0: the share of each digit held out
# before validation and training split the rest; each run's best configuration is trained again and scored on it), PYTHON (default /usr/bin/python3, for the summary), OUT (JSON lines file).
set -euo pipefail

cd "$(dirname "$0")/.."
if [[ "${FAST:-0}" == 1 ]]; then
  SEEDS=${SEEDS:-2}; TRIALS=${TRIALS:-12}; EPOCHS=${EPOCHS:-8}
fi
SEEDS=${SEEDS:-5}
FIRST_SEED=${FIRST_SEED:-1}
TRIALS=${TRIALS:-60}
EPOCHS=${EPOCHS:-30}
VALIDATION=${VALIDATION:-0.2}
TEST=${TEST:-0}
STRATEGIES=${STRATEGIES:-}
PYTHON=${PYTHON:-/usr/bin/python3}
OUT=${OUT:-bench/results/mlp-$(date -u +%Y%m%dT%H%M%SZ).jsonl}

dotnet build bench/Hone.Bench/Hone.Bench.csproj -c Release -nologo -v quiet >&2
HONE=bench/Hone.Bench/bin/Release/net10.0/Hone.Bench
mkdir -p "$(dirname "$OUT")"
: > "$OUT"

echo "timing: ms per epoch of reference networks" >&2
"$HONE" mlp --timing | tee -a "$OUT" >/dev/null

if [[ -z "$STRATEGIES" ]]; then
  STRATEGIES=$("$HONE" mlp --list | "$PYTHON" -c 'import json, sys; print(",".join(json.loads(l)["strategy"] for l in sys.stdin))')
fi
for strategy in $(echo "$STRATEGIES" | tr ',' ' '); do
  echo "  $strategy: seeds $FIRST_SEED..$((FIRST_SEED + SEEDS - 1)), $TRIALS trials, $EPOCHS epochs" >&2
  "$HONE" mlp --strategies "$strategy" --seeds "$SEEDS" --first-seed "$FIRST_SEED" --trials "$TRIALS" --epochs "$EPOCHS" --validation "$VALIDATION" --test "$TEST" | tee -a "$OUT" >/dev/null
done

echo "raw results: $OUT" >&2
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(lscpu | sed -n 's/^Model name: *//p' | head -1); $(dotnet --version | sed 's/^/.NET SDK /'); seeds $FIRST_SEED..$((FIRST_SEED + SEEDS - 1)), $TRIALS trials, $EPOCHS epochs, validation share $VALIDATION, test share $TEST"
echo
"$PYTHON" bench/peers/summarize_mlp.py "$OUT"
