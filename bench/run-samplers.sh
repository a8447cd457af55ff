#!/usr/bin/env bash
# Sampler benchmarks: regret on the test functions and overhead per trial, Hone and Optuna side by side.
# Builds Hone.Bench in Release once, checks that both sides define the same functions, runs the suite (every
# sampler x function x seed) for each peer, then the overhead benchmark R times per sampler (Hone and Optuna
# alternating, the order flipped on every other round), keeps the raw JSON lines and prints markdown tables.
#
# Settings (environment): PARTS (any of "check suite overhead", default all three), SEEDS (10), BUDGET_SCALE (1),
# FUNCTIONS (comma list, default all), HONE_SAMPLERS (default: every sampler Hone.Bench registers),
# OPTUNA_SAMPLERS (default random,tpe,tpe-multivariate,cmaes,cmaes-ipop,qmc-sobol), R (overhead rounds, 3),
# HONE_REPEATS (Hone overhead studies per round, 5),
# OVERHEAD_TRIALS (100,1000,5000), OPTUNA_TPE_OVERHEAD_TRIALS (100,1000: Optuna's TPE at 5,000 trials takes too
# long), PYTHON (default /usr/bin/python3), OUT (JSON lines file).
set -euo pipefail

cd "$(dirname "$0")/.."
PARTS=${PARTS:-check suite overhead}
SEEDS=${SEEDS:-10}
BUDGET_SCALE=${BUDGET_SCALE:-1}
FUNCTIONS=${FUNCTIONS:-}
OPTUNA_SAMPLERS=${OPTUNA_SAMPLERS:-random,tpe,tpe-multivariate,cmaes,cmaes-ipop,qmc-sobol}
R=${R:-3}
HONE_REPEATS=${HONE_REPEATS:-5}
OVERHEAD_TRIALS=${OVERHEAD_TRIALS:-100,1000,5000}
OPTUNA_TPE_OVERHEAD_TRIALS=${OPTUNA_TPE_OVERHEAD_TRIALS:-100,1000}
PYTHON=${PYTHON:-/usr/bin/python3}
OUT=${OUT:-bench/results/samplers-$(date -u +%Y%m%dT%H%M%SZ).jsonl}

if ! "$PYTHON" -c "import optuna" 2>/dev/null; then
  echo "run-samplers.sh: $PYTHON cannot import optuna; install Optuna 3.1 or set PYTHON to an interpreter that has it." >&2
  exit 2
fi
# need SAMPLER-PREFIX MODULE CLASS: Optuna's CLASS imports MODULE, which Optuna itself does not require.
need() {
  if [[ ",$OPTUNA_SAMPLERS," == *",$1"* ]] && ! "$PYTHON" -c "import $2" 2>/dev/null; then
    echo "run-samplers.sh: Optuna's $3 needs the Python package $2 (Debian: apt-get install python3-$2); install it or leave the $1 samplers out of OPTUNA_SAMPLERS." >&2
    exit 2
  fi
}
need cmaes cmaes CmaEsSampler
need qmc scipy QMCSampler

dotnet build bench/Hone.Bench/Hone.Bench.csproj -c Release -nologo -v quiet >&2
HONE=bench/Hone.Bench/bin/Release/net10.0/Hone.Bench
OPTUNA=("$PYTHON" bench/peers/optuna_suite.py)
if [[ -z "${HONE_SAMPLERS:-}" ]]; then
  HONE_SAMPLERS=$("$HONE" samplers | sed -n 's/.*"sampler":"\([^"]*\)".*/\1/p' | paste -sd, -)
fi
FUNCTION_ARGS=()
if [[ -n "$FUNCTIONS" ]]; then FUNCTION_ARGS=(--functions "$FUNCTIONS"); fi
mkdir -p "$(dirname "$OUT")"
: > "$OUT"

run() {
  echo "  $*" >&2
  "$@" | tee -a "$OUT" >/dev/null
}

if [[ " $PARTS " == *" check "* ]]; then
  echo "check: both definitions at the same points" >&2
  "$HONE" functions --check | tee -a "$OUT" | "${OPTUNA[@]}" check | tee -a "$OUT" >/dev/null
else
  "$HONE" functions >> "$OUT"
fi

if [[ " $PARTS " == *" suite "* ]]; then
  echo "suite: $SEEDS seeds, budget scale $BUDGET_SCALE" >&2
  run "$HONE" suite --samplers "$HONE_SAMPLERS" --seeds "$SEEDS" --budget-scale "$BUDGET_SCALE" "${FUNCTION_ARGS[@]}"
  run "${OPTUNA[@]}" suite --samplers "$OPTUNA_SAMPLERS" --seeds "$SEEDS" --budget-scale "$BUDGET_SCALE" "${FUNCTION_ARGS[@]}"
fi

# Hone's figures are microseconds, so one preemption by another process moves a 100-trial window: HONE_REPEATS
# studies per round (cheap) give its medians more samples than Optuna's.
hone_overhead() {
  local sampler=$1 round=$2 repeat
  for (( repeat = 1; repeat <= HONE_REPEATS; repeat++ )); do
    run "$HONE" overhead --sampler "$sampler" --trials "$OVERHEAD_TRIALS" --seed "$(( (round - 1) * HONE_REPEATS + repeat ))"
  done
}

if [[ " $PARTS " == *" overhead "* ]]; then
  for (( round = 1; round <= R; round++ )); do
    echo "overhead round $round of $R" >&2
    for sampler in $(echo "$HONE_SAMPLERS,$OPTUNA_SAMPLERS" | tr ',' '\n' | awk 'NF && !seen[$0]++'); do
      optuna_trials=$OVERHEAD_TRIALS
      if [[ $sampler == tpe* ]]; then optuna_trials=$OPTUNA_TPE_OVERHEAD_TRIALS; fi
      hone_case=() optuna_case=()
      if [[ ",$HONE_SAMPLERS," == *",$sampler,"* ]]; then hone_case=(hone_overhead "$sampler" "$round"); fi
      if [[ ",$OPTUNA_SAMPLERS," == *",$sampler,"* ]]; then optuna_case=("${OPTUNA[@]}" overhead --sampler "$sampler" --trials "$optuna_trials" --seed "$round"); fi
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
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1); $(dotnet --version | sed 's/^/.NET SDK /'); Optuna $("$PYTHON" -c 'import optuna; print(optuna.__version__)'), cmaes $("$PYTHON" -c 'import cmaes; print(cmaes.__version__)' 2>/dev/null || echo missing), SciPy $("$PYTHON" -c 'import scipy; print(scipy.__version__)' 2>/dev/null || echo missing)"
echo
"$PYTHON" bench/peers/summarize_samplers.py "$OUT"
