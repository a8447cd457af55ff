#!/usr/bin/env bash
# Multi-objective benchmark: final hypervolume on ZDT1-3, DTLZ2 and SRN, and overhead per trial with two objectives,
# Hone and Optuna side by side. Builds Hone.Bench in Release once, checks that both sides define the same problems,
# runs the suite (every sampler x problem x seed) for each peer, then the overhead benchmark R times per sampler (Hone
# and Optuna alternating, the order flipped on every other round), keeps the raw JSON lines and prints markdown tables.
#
# Settings (environment): PARTS (any of "check suite overhead", default all three), SEEDS (10), BUDGET_SCALE (1),
# PROBLEMS (comma list, default all), HONE_SAMPLERS (default: every multi-objective sampler Hone.Bench registers
# among random, tpe, nsga2, nsga3), OPTUNA_SAMPLERS (random,tpe,nsga2), R (overhead rounds, 3), HONE_REPEATS (Hone
# overhead studies per round, 5), OVERHEAD_TRIALS (100,1000), OPTUNA_TPE_ROUNDS (the rounds in which Optuna's TPE runs
# its overhead study, 1: one study of 1,000 trials takes tens of minutes), PYTHON (default /usr/bin/python3), OUT (JSON
# lines file).
set -euo pipefail

cd "$(dirname "$0")/.."
PARTS=${PARTS:-check suite overhead}
SEEDS=${SEEDS:-10}
BUDGET_SCALE=${BUDGET_SCALE:-1}
PROBLEMS=${PROBLEMS:-}
OPTUNA_SAMPLERS=${OPTUNA_SAMPLERS:-random,tpe,nsga2}
R=${R:-3}
HONE_REPEATS=${HONE_REPEATS:-5}
OVERHEAD_TRIALS=${OVERHEAD_TRIALS:-100,1000}
OPTUNA_TPE_ROUNDS=${OPTUNA_TPE_ROUNDS:-1}
PYTHON=${PYTHON:-/usr/bin/python3}
OUT=${OUT:-bench/results/mo-$(date -u +%Y%m%dT%H%M%SZ).jsonl}

if ! "$PYTHON" -c "import optuna" 2>/dev/null; then
  echo "run-mo.sh: $PYTHON cannot import optuna; install Optuna 3.1 or set PYTHON to an interpreter that has it." >&2
  exit 2
fi

dotnet build bench/Hone.Bench/Hone.Bench.csproj -c Release -nologo -v quiet >&2
HONE=bench/Hone.Bench/bin/Release/net10.0/Hone.Bench
OPTUNA=("$PYTHON" bench/peers/optuna_mo_suite.py)
if [[ -z "${HONE_SAMPLERS:-}" ]]; then
  HONE_SAMPLERS=$("$HONE" samplers | sed -n 's/.*"sampler":"\([^"]*\)".*/\1/p' | grep -xE 'random|tpe|nsga2|nsga3' | paste -sd, -)
fi
PROBLEM_ARGS=()
if [[ -n "$PROBLEMS" ]]; then PROBLEM_ARGS=(--problems "$PROBLEMS"); fi
mkdir -p "$(dirname "$OUT")"
: > "$OUT"

run() {
  echo "  $*" >&2
  "$@" | tee -a "$OUT" >/dev/null
}

if [[ " $PARTS " == *" check "* ]]; then
  echo "check: both definitions at the same points" >&2
  "$HONE" mo-problems --check | tee -a "$OUT" | "${OPTUNA[@]}" check | tee -a "$OUT" >/dev/null
else
  "$HONE" mo-problems >> "$OUT"
fi

if [[ " $PARTS " == *" suite "* ]]; then
  echo "suite: $SEEDS seeds, budget scale $BUDGET_SCALE" >&2
  run "$HONE" mo-suite --samplers "$HONE_SAMPLERS" --seeds "$SEEDS" --budget-scale "$BUDGET_SCALE" "${PROBLEM_ARGS[@]}"
  run "${OPTUNA[@]}" suite --samplers "$OPTUNA_SAMPLERS" --seeds "$SEEDS" --budget-scale "$BUDGET_SCALE" "${PROBLEM_ARGS[@]}"
fi

# Hone's figures are microseconds, so one preemption by another process moves a 100-trial window: HONE_REPEATS
# studies per round (cheap) give its medians more samples than Optuna's.
hone_overhead() {
  local sampler=$1 round=$2 repeat
  for (( repeat = 1; repeat <= HONE_REPEATS; repeat++ )); do
    run "$HONE" mo-overhead --sampler "$sampler" --trials "$OVERHEAD_TRIALS" --seed "$(( (round - 1) * HONE_REPEATS + repeat ))"
  done
}

if [[ " $PARTS " == *" overhead "* ]]; then
  for (( round = 1; round <= R; round++ )); do
    echo "overhead round $round of $R" >&2
    for sampler in $(echo "$HONE_SAMPLERS,$OPTUNA_SAMPLERS" | tr ',' '\n' | awk 'NF && !seen[$0]++'); do
      hone_case=() optuna_case=()
      if [[ ",$HONE_SAMPLERS," == *",$sampler,"* ]]; then hone_case=(hone_overhead "$sampler" "$round"); fi
      if [[ ",$OPTUNA_SAMPLERS," == *",$sampler,"* ]] && { [[ $sampler != tpe* ]] || (( round <= OPTUNA_TPE_ROUNDS )); }; then optuna_case=("${OPTUNA[@]}" overhead --sampler "$sampler" --trials "$OVERHEAD_TRIALS" --seed "$round"); fi
      if (( round % 2 == 1 )); then
        if (( ${#hone_case[@]} )); then "${hone_case[@]}"; fi
        if (( ${#optuna_case[@]} )); then run "${optuna_case[@]}"; fi
      else
        if (( ${#optuna_case[@]} )); then run "${optuna_case[@]}"; fi
        if (( ${#hone_case[@]} )); then "${hone_case[@]}"; fi
      fi
    done
  done
fi

echo "raw results: $OUT" >&2
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg); $(dotnet --version | sed 's/^/.NET SDK /'); Optuna $("$PYTHON" -c 'import optuna; print(optuna.__version__)'), NumPy $("$PYTHON" -c 'import numpy; print(numpy.__version__)')"
echo
"$PYTHON" bench/peers/summarize_mo.py "$OUT"
