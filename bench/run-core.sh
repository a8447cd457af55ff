#!/usr/bin/env bash
# Core benchmarks: ask/tell throughput of Hone and Optuna side by side, and Hone's memory per trial.
# Builds Hone.Bench in Release once, runs every case R times (Hone and Optuna alternating, the order flipped
# on every other round to cancel drift), keeps the raw JSON lines, and prints markdown tables of medians.
#
# Settings (environment): R (rounds, default 5), PYTHON (default /usr/bin/python3), OUT (JSON lines file),
# HONE_MEMORY_TRIALS, HONE_SQLITE_TRIALS, OPTUNA_MEMORY_TRIALS, OPTUNA_SQLITE_TRIALS, MEMORY_TRIALS, BENCH_DIR
# (folder for the SQLite files; default: the temp folder).
set -euo pipefail

cd "$(dirname "$0")/.."
R=${R:-5}
PYTHON=${PYTHON:-/usr/bin/python3}
HONE_MEMORY_TRIALS=${HONE_MEMORY_TRIALS:-200000}
HONE_SQLITE_TRIALS=${HONE_SQLITE_TRIALS:-5000}
OPTUNA_MEMORY_TRIALS=${OPTUNA_MEMORY_TRIALS:-5000}
OPTUNA_SQLITE_TRIALS=${OPTUNA_SQLITE_TRIALS:-300}
MEMORY_TRIALS=${MEMORY_TRIALS:-100000}
OUT=${OUT:-bench/results/core-$(date -u +%Y%m%dT%H%M%SZ).jsonl}
DIR_ARGS=()
if [[ -n "${BENCH_DIR:-}" ]]; then DIR_ARGS=(--dir "$BENCH_DIR"); fi

if ! "$PYTHON" -c "import optuna" 2>/dev/null; then
  echo "run-core.sh: $PYTHON cannot import optuna; install Optuna 3.1 or set PYTHON to an interpreter that has it." >&2
  exit 2
fi

dotnet build bench/Hone.Bench/Hone.Bench.csproj -c Release -nologo -v quiet >&2
HONE=bench/Hone.Bench/bin/Release/net10.0/Hone.Bench
OPTUNA=("$PYTHON" bench/peers/optuna_throughput.py)
mkdir -p "$(dirname "$OUT")"
: > "$OUT"

run() {
  echo "  $*" >&2
  "$@" | tee -a "$OUT" >/dev/null
}

hone() { run "$HONE" throughput "$@" "${DIR_ARGS[@]}"; }
optuna() { run "${OPTUNA[@]}" throughput "$@" "${DIR_ARGS[@]}"; }

# One case: Hone's two loops and Optuna's, in an order that flips with the round.
case_pair() {
  local round=$1 storage=$2 processes=$3 hone_trials=$4 optuna_trials=$5
  if (( round % 2 == 1 )); then
    hone --storage "$storage" --processes "$processes" --trials "$hone_trials" --mode optimize
    hone --storage "$storage" --processes "$processes" --trials "$hone_trials" --mode asktell
    optuna --storage "$storage" --processes "$processes" --trials "$optuna_trials"
  else
    optuna --storage "$storage" --processes "$processes" --trials "$optuna_trials"
    hone --storage "$storage" --processes "$processes" --trials "$hone_trials" --mode asktell
    hone --storage "$storage" --processes "$processes" --trials "$hone_trials" --mode optimize
  fi
}

for (( round = 1; round <= R; round++ )); do
  echo "round $round of $R" >&2
  case_pair "$round" memory 1 "$HONE_MEMORY_TRIALS" "$OPTUNA_MEMORY_TRIALS"
  case_pair "$round" sqlite 1 "$HONE_SQLITE_TRIALS" "$OPTUNA_SQLITE_TRIALS"
  case_pair "$round" sqlite 2 "$HONE_SQLITE_TRIALS" "$OPTUNA_SQLITE_TRIALS"
  run "$HONE" memory --trials "$MEMORY_TRIALS"
done

echo "raw results: $OUT" >&2
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1); $(dotnet --version | sed 's/^/.NET SDK /'); Optuna $("$PYTHON" -c 'import optuna; print(optuna.__version__)')"
echo
"$PYTHON" bench/peers/summarize_core.py "$OUT"
