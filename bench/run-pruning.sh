#!/usr/bin/env bash
# Pruning benchmark: the synthetic learning curves of bench/Hone.Bench/LearningCurves.cs, every pruner x seed, Hone and
# Optuna side by side on the same curves (trial i follows curve i on both sides). Builds Hone.Bench in Release, checks
# that both sides compute the same curves, runs each pruner for Hone then Optuna (alternating which goes first), keeps
# the raw JSON lines and prints markdown tables: epochs used, best value, regret, and the time of each ShouldPrune
# decision (median and mean, overall and over the last tenth of the trials).
#
# Settings (environment): SEEDS (5), TRIALS (1000), STEPS (100), PRUNERS (nop,median,successive-halving,hyperband:
# the ones both sides have; Hone alone also has percentile, patient, wilcoxon), HONE_ONLY (extra Hone pruners, default
# none), NAME_PER_SEED (1: name each study pruning-SEED rather than pruning, so that Optuna's Hyperband, which assigns
# brackets by a hash of the study name, draws a new assignment each seed), PYTHON (default /usr/bin/python3), OUT (JSON
# lines file).
set -euo pipefail

cd "$(dirname "$0")/.."
SEEDS=${SEEDS:-5}
TRIALS=${TRIALS:-1000}
STEPS=${STEPS:-100}
PRUNERS=${PRUNERS:-nop,median,successive-halving,hyperband}
HONE_ONLY=${HONE_ONLY:-}
NAMES=()
if [[ "${NAME_PER_SEED:-0}" == 1 ]]; then NAMES=(--name-per-seed); fi
PYTHON=${PYTHON:-/usr/bin/python3}
OUT=${OUT:-bench/results/pruning-$(date -u +%Y%m%dT%H%M%SZ).jsonl}

if ! "$PYTHON" -c "import optuna" 2>/dev/null; then
  echo "run-pruning.sh: $PYTHON cannot import optuna; install Optuna 3.1 (Debian: apt-get install python3-optuna) or set PYTHON." >&2
  exit 2
fi

dotnet build bench/Hone.Bench/Hone.Bench.csproj -c Release -nologo -v quiet >&2
# After the build, Hone's side runs without tiered compilation (each method compiled optimized at its first call): a
# run of 1,000 trials lasts well under a second, too short on a busy machine for the runtime to move the decision path
# out of its first, unoptimized tier, while a study long enough to matter runs optimized code. Set
# DOTNET_TieredCompilation=1 to measure with tiering.
export DOTNET_TieredCompilation=${DOTNET_TieredCompilation:-0}
HONE=bench/Hone.Bench/bin/Release/net10.0/Hone.Bench
OPTUNA=("$PYTHON" bench/peers/optuna_pruning.py)
mkdir -p "$(dirname "$OUT")"
: > "$OUT"

run() {
  echo "  $*" >&2
  "$@" | tee -a "$OUT" >/dev/null
}

echo "check: both sides compute the same curves" >&2
"$HONE" pruning --check --steps "$STEPS" | tee -a "$OUT" | "${OPTUNA[@]}" check | tee -a "$OUT" >/dev/null

round=0
for pruner in $(echo "$PRUNERS" | tr ',' ' '); do
  round=$((round + 1))
  hone=("$HONE" pruning --pruners "$pruner" --seeds "$SEEDS" --trials "$TRIALS" --steps "$STEPS" "${NAMES[@]}")
  optuna=("${OPTUNA[@]}" run --pruners "$pruner" --seeds "$SEEDS" --trials "$TRIALS" --steps "$STEPS" "${NAMES[@]}")
  if (( round % 2 == 1 )); then run "${hone[@]}"; run "${optuna[@]}"; else run "${optuna[@]}"; run "${hone[@]}"; fi
done
if [[ -n "$HONE_ONLY" ]]; then
  run "$HONE" pruning --pruners "$HONE_ONLY" --seeds "$SEEDS" --trials "$TRIALS" --steps "$STEPS" "${NAMES[@]}"
fi

echo "raw results: $OUT" >&2
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(lscpu | sed -n 's/^Model name: *//p' | head -1); $(dotnet --version | sed 's/^/.NET SDK /'), DOTNET_TieredCompilation=$DOTNET_TieredCompilation; Optuna $("$PYTHON" -c 'import optuna; print(optuna.__version__)')"
echo
"$PYTHON" bench/peers/summarize_pruning.py "$OUT"
