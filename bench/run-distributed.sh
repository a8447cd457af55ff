#!/usr/bin/env bash
# Distributed benchmarks (issue 8): throughput of Hone and Optuna with 1, 2, 4 and 8 worker processes sharing one study
# on PostgreSQL and on SQLite, with RandomSampler and TPE, and the time per trial as one study grows to 100,000 trials.
# Starts a throwaway PostgreSQL server (tests/postgres-up.sh, on its own port and folder) unless PG_URL names one, stops
# it on exit, keeps the raw JSON lines in bench/results/distributed-<UTC time>.jsonl and prints markdown tables.
#
#   bench/run-distributed.sh                       # everything, R=3 rounds (about an hour on 2 quiet cores)
#   FAST=1 bench/run-distributed.sh                # a quick check of every piece (a few minutes)
#   PARTS=flatness bench/run-distributed.sh        # one part: throughput, flatness
#
# Settings (environment; FAST=1 lowers the defaults marked *):
#   R* (rounds of the throughput part, 3), WORKERS* ("1 2 4 8"), SAMPLERS ("random tpe"), STORAGES ("postgres sqlite"),
#   HONE_RANDOM_TRIALS* (5000), OPTUNA_RANDOM_TRIALS* (300): trials per run with RandomSampler, all workers together;
#   TPE_TRIALS* (200): trials per TPE run, the same on both sides, since TPE's cost per trial grows with the study;
#   OPTUNA_SQLITE_SAMPLERS ("random"): the samplers Optuna also runs on SQLite, for reference ("" for none);
#   FLAT_R* (3), FLAT_TRIALS* (100000), FLAT_MARKS* (1000,10000,50000,100000), FLAT_WORKERS ("1 4"), WINDOW (500):
#   Hone's growing studies (RandomSampler), per-trial time in windows of WINDOW trials ending at each mark;
#   OPTUNA_FLAT_R (1), OPTUNA_FLAT_TRIALS* (10000), OPTUNA_FLAT_MARKS* (1000,5000,10000): Optuna's, on PostgreSQL only;
#   PG_URL (an existing server, postgresql://user@host:port/database; runs create and drop schemas and databases there;
#   SERVER_PID, its postmaster's pid when it runs on this machine, adds its processor time to the results),
#   PG_PORT (54339) and PG_DIR (folder of the throwaway server), BENCH_DIR (folder for the SQLite files; default the
#   temp folder), PYTHON (/usr/bin/python3, with Optuna 3.1 and psycopg2), OUT (the JSON lines file).
set -euo pipefail

cd "$(dirname "$0")/.."
FAST=${FAST:-0}
if [[ "$FAST" == 1 ]]; then
  R=${R:-1} WORKERS=${WORKERS:-"1 2"} HONE_RANDOM_TRIALS=${HONE_RANDOM_TRIALS:-500} OPTUNA_RANDOM_TRIALS=${OPTUNA_RANDOM_TRIALS:-60}
  TPE_TRIALS=${TPE_TRIALS:-30} FLAT_R=${FLAT_R:-1} FLAT_TRIALS=${FLAT_TRIALS:-2000} FLAT_MARKS=${FLAT_MARKS:-1000,2000}
  OPTUNA_FLAT_TRIALS=${OPTUNA_FLAT_TRIALS:-200} OPTUNA_FLAT_MARKS=${OPTUNA_FLAT_MARKS:-100,200} WINDOW=${WINDOW:-100}
fi
R=${R:-3}
WORKERS=${WORKERS:-"1 2 4 8"}
SAMPLERS=${SAMPLERS:-"random tpe"}
STORAGES=${STORAGES:-"postgres sqlite"}
PARTS=${PARTS:-"throughput flatness"}
HONE_RANDOM_TRIALS=${HONE_RANDOM_TRIALS:-5000}
OPTUNA_RANDOM_TRIALS=${OPTUNA_RANDOM_TRIALS:-300}
TPE_TRIALS=${TPE_TRIALS:-200}
OPTUNA_SQLITE_SAMPLERS=${OPTUNA_SQLITE_SAMPLERS-random}
FLAT_R=${FLAT_R:-3}
FLAT_TRIALS=${FLAT_TRIALS:-100000}
FLAT_MARKS=${FLAT_MARKS:-1000,10000,50000,100000}
FLAT_WORKERS=${FLAT_WORKERS:-"1 4"}
WINDOW=${WINDOW:-500}
OPTUNA_FLAT_R=${OPTUNA_FLAT_R:-1}
OPTUNA_FLAT_TRIALS=${OPTUNA_FLAT_TRIALS:-10000}
OPTUNA_FLAT_MARKS=${OPTUNA_FLAT_MARKS:-1000,5000,10000}
PYTHON=${PYTHON:-/usr/bin/python3}
OUT=${OUT:-bench/results/distributed-$(date -u +%Y%m%dT%H%M%SZ).jsonl}
DIR_ARGS=()
if [[ -n "${BENCH_DIR:-}" ]]; then DIR_ARGS=(--dir "$BENCH_DIR"); fi

if ! "$PYTHON" -c "import optuna, psycopg2" 2>/dev/null; then
  echo "run-distributed.sh: $PYTHON cannot import optuna and psycopg2; install them (Debian: apt-get install -y python3-optuna python3-psycopg2) or set PYTHON." >&2
  exit 2
fi

ERRORS=$(mktemp)
STARTED_SERVER=0
cleanup() {
  rm -f "$ERRORS"
  if [[ $STARTED_SERVER == 1 ]]; then tests/postgres-up.sh stop; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -z "${PG_URL:-}" ]]; then
  export HONE_PG_PORT=${PG_PORT:-54339}
  export HONE_PG_DIR=${PG_DIR:-${TMPDIR:-/tmp}/hone-bench-pg-$HONE_PG_PORT}
  STARTED_SERVER=1
  eval "$(tests/postgres-up.sh)"
  PG_URL=$HONE_TEST_POSTGRES
  SERVER_PID=$(head -n 1 "$HONE_PG_DIR/postmaster.pid")
fi
SERVER_PID=${SERVER_PID:-}

dotnet build bench/Hone.Bench/Hone.Bench.csproj -c Release -nologo -v quiet >&2
HONE=bench/Hone.Bench/bin/Release/net10.0/Hone.Bench
OPTUNA=("$PYTHON" bench/peers/optuna_throughput.py)
mkdir -p "$(dirname "$OUT")"
: > "$OUT"

json() { "$PYTHON" -c 'import json, sys; print(json.dumps(sys.argv[1]))' "$1"; }

# The context of the whole run, then the load before every run: the summary reports both.
server_note=""
if [[ $STARTED_SERVER == 1 ]]; then server_note=" (throwaway server of tests/postgres-up.sh: fsync=off, synchronous_commit=off)"; fi
postgres_version=$("$PYTHON" -c 'import psycopg2, sys; c = psycopg2.connect(sys.argv[1]); print(c.server_version)' "$PG_URL")
printf '{"bench":"context","date":%s,"machine":%s,"software":%s,"postgres":%s,"settings":%s}\n' \
  "$(json "$(date -u +%Y-%m-%dT%H:%M:%SZ)")" \
  "$(json "$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)")" \
  "$(json "$(dotnet --version | sed 's/^/.NET SDK /'), Optuna $("$PYTHON" -c 'import optuna, sqlalchemy; print(optuna.__version__, "with SQLAlchemy", sqlalchemy.__version__)')")" \
  "$(json "server_version_num $postgres_version$server_note")" \
  "$(json "R=$R WORKERS=$WORKERS SAMPLERS=$SAMPLERS HONE_RANDOM_TRIALS=$HONE_RANDOM_TRIALS OPTUNA_RANDOM_TRIALS=$OPTUNA_RANDOM_TRIALS TPE_TRIALS=$TPE_TRIALS FLAT_TRIALS=$FLAT_TRIALS OPTUNA_FLAT_TRIALS=$OPTUNA_FLAT_TRIALS")" \
  >> "$OUT"

# One run: its load first; a run that fails (Optuna on SQLite may give up on the file's lock) is recorded, not fatal.
run() {
  local peer=$1 storage=$2 sampler=$3 processes=$4
  shift 4
  echo "  $peer $storage $sampler x$processes: $*" >&2
  printf '{"bench":"load","load1":%s}\n' "$(cut -d' ' -f1 /proc/loadavg)" >> "$OUT"
  local status=0
  "$@" 2> "$ERRORS" >> "$OUT" || status=$?
  if (( status != 0 )); then
    tail -n 3 "$ERRORS" >&2
    printf '{"bench":"failed","peer":"%s","storage":"%s","sampler":"%s","processes":%s,"exit":%s,"error":%s}\n' \
      "$peer" "$storage" "$sampler" "$processes" "$status" "$(json "$(tail -n 1 "$ERRORS")")" >> "$OUT"
  fi
}

# Where a run's storage goes; with a local server's pid the run also reports the server's processor time.
where() {
  if [[ $1 != postgres ]]; then
    echo "${DIR_ARGS[@]}"
  elif [[ -n "$SERVER_PID" ]]; then
    echo --url "$PG_URL" --server-pid "$SERVER_PID"
  else
    echo --url "$PG_URL"
  fi
}

hone() {
  local storage=$1 sampler=$2 processes=$3 trials=$4
  shift 4
  # shellcheck disable=SC2046 # where prints two words on purpose
  run hone "$storage" "$sampler" "$processes" "$HONE" throughput --storage "$storage" $(where "$storage") \
    --sampler "$sampler" --processes "$processes" --trials "$trials" "$@"
}

optuna() {
  local storage=$1 sampler=$2 processes=$3 trials=$4
  shift 4
  # shellcheck disable=SC2046
  run optuna "$storage" "$sampler" "$processes" "${OPTUNA[@]}" throughput --storage "$storage" $(where "$storage") \
    --sampler "$sampler" --processes "$processes" --trials "$trials" "$@"
}

optuna_runs() {
  local storage=$1 sampler=$2
  [[ $storage == postgres ]] || [[ " $OPTUNA_SQLITE_SAMPLERS " == *" $sampler "* ]]
}

if [[ " $PARTS " == *" throughput "* ]]; then
  for (( round = 1; round <= R; round++ )); do
    echo "throughput, round $round of $R" >&2
    for storage in $STORAGES; do
      for sampler in $SAMPLERS; do
        for processes in $WORKERS; do
          if [[ $sampler == random ]]; then
            hone_trials=$HONE_RANDOM_TRIALS optuna_trials=$OPTUNA_RANDOM_TRIALS
          else
            hone_trials=$TPE_TRIALS optuna_trials=$TPE_TRIALS
          fi

          # Hone and Optuna alternate, in an order that flips every round, to cancel drift in the load.
          if (( round % 2 == 1 )); then
            hone "$storage" "$sampler" "$processes" "$hone_trials"
            if optuna_runs "$storage" "$sampler"; then optuna "$storage" "$sampler" "$processes" "$optuna_trials"; fi
          else
            if optuna_runs "$storage" "$sampler"; then optuna "$storage" "$sampler" "$processes" "$optuna_trials"; fi
            hone "$storage" "$sampler" "$processes" "$hone_trials"
          fi
        done
      done
    done
  done
fi

if [[ " $PARTS " == *" flatness "* ]]; then
  for (( round = 1; round <= FLAT_R; round++ )); do
    echo "flatness, round $round of $FLAT_R" >&2
    for storage in $STORAGES; do
      for processes in $FLAT_WORKERS; do
        hone "$storage" random "$processes" "$FLAT_TRIALS" --marks "$FLAT_MARKS" --window "$WINDOW"
      done
    done
  done

  for (( round = 1; round <= OPTUNA_FLAT_R; round++ )); do
    echo "flatness (Optuna), round $round of $OPTUNA_FLAT_R" >&2
    optuna postgres random 1 "$OPTUNA_FLAT_TRIALS" --marks "$OPTUNA_FLAT_MARKS" --window "$WINDOW"
  done
fi

echo "raw results: $OUT" >&2
echo
"$PYTHON" bench/peers/summarize_distributed.py "$OUT"
