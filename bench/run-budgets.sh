#!/usr/bin/env bash
# Budgets benchmark: BOHB, Hyperband with random and TPE sampling, unpruned random search and TPE, and population-based
# training, at equal epochs on synthetic learning curves (bench/Hone.Bench/HyperparameterCurves.cs), over seeds. Builds
# Hone.Bench in Release, keeps the raw JSON lines and prints a markdown table of medians.
#
# Settings (environment): SEEDS (10), TRIALS (60: the budget is TRIALS x 27 epochs), STRATEGIES (default: all),
# PYTHON (default /usr/bin/python3, for the summary), OUT (JSON lines file).
set -euo pipefail

cd "$(dirname "$0")/.."
SEEDS=${SEEDS:-10}
TRIALS=${TRIALS:-60}
STRATEGIES=${STRATEGIES:-random,tpe,hb-random,hb-tpe,bohb,pbt}
PYTHON=${PYTHON:-/usr/bin/python3}
OUT=${OUT:-bench/results/budgets-$(date -u +%Y%m%dT%H%M%SZ).jsonl}

dotnet build bench/Hone.Bench/Hone.Bench.csproj -c Release -nologo -v quiet >&2
mkdir -p "$(dirname "$OUT")"
bench/Hone.Bench/bin/Release/net10.0/Hone.Bench budgets --strategies "$STRATEGIES" --seeds "$SEEDS" --trials "$TRIALS" | tee "$OUT" >/dev/null

echo "raw results: $OUT" >&2
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); seeds 1..$SEEDS, budget $TRIALS x 27 epochs"
echo
"$PYTHON" bench/peers/summarize_budgets.py "$OUT"
