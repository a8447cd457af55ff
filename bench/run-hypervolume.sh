#!/usr/bin/env bash
# Hypervolume benchmark: exact hypervolume of seeded 3-D point sets (on the unit sphere's positive orthant, all
# non-dominated, and uniform in the unit cube), Hone then Optuna 3.1 (WFG) on the very same points, which Hone.Bench
# writes to a temporary folder. Prints the JSON lines and a markdown table of median times, their ratio and the
# difference of the two hypervolumes.
#
# Settings (environment): POINTS (100,300,1000,10000: sizes Hone times), OPTUNA_MAX_POINTS (1000: Optuna 3.1 takes
# about three minutes for 1,000 sphere points and more for larger sets), OBJECTIVES (3), REPEATS (5), MAX_SECONDS (60:
# Optuna times a single run beyond this and gives up after ten times it), PYTHON (/usr/bin/python3), OUT (JSON lines).
set -euo pipefail

cd "$(dirname "$0")/.."
POINTS=${POINTS:-100,300,1000,10000}
OPTUNA_MAX_POINTS=${OPTUNA_MAX_POINTS:-1000}
OBJECTIVES=${OBJECTIVES:-3}
REPEATS=${REPEATS:-5}
MAX_SECONDS=${MAX_SECONDS:-60}
PYTHON=${PYTHON:-/usr/bin/python3}
OUT=${OUT:-bench/results/hypervolume-$(date -u +%Y%m%dT%H%M%SZ).jsonl}

if ! "$PYTHON" -c "import optuna" 2>/dev/null; then
  echo "run-hypervolume.sh: $PYTHON cannot import optuna; install Optuna 3.1 (Debian: apt-get install python3-optuna) or set PYTHON." >&2
  exit 2
fi

dotnet build bench/Hone.Bench/Hone.Bench.csproj -c Release -nologo -v quiet >&2
POINTS_DIR=$(mktemp -d)
trap 'rm -rf "$POINTS_DIR"' EXIT
mkdir -p "$(dirname "$OUT")"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
bench/Hone.Bench/bin/Release/net10.0/Hone.Bench hypervolume --points "$POINTS" --objectives "$OBJECTIVES" --repeats "$REPEATS" \
  --write-points "$POINTS_DIR" | tee "$OUT"
"$PYTHON" bench/peers/optuna_hypervolume.py --points-dir "$POINTS_DIR" --repeats "$REPEATS" --max-seconds "$MAX_SECONDS" \
  --max-points "$OPTUNA_MAX_POINTS" | tee -a "$OUT"

echo "raw results: $OUT" >&2
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(lscpu | sed -n 's/^Model name: *//p' | head -1); $(dotnet --version | sed 's/^/.NET SDK /'); Optuna $("$PYTHON" -c 'import optuna; print(optuna.__version__)')"
echo
"$PYTHON" - "$OUT" <<'PY'
import json, sys
rows = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    rows.setdefault((r["shape"], r["objectives"], r["points"]), {})[r["peer"]] = r
print("| shape | objectives | points | Hone median (ms) | Optuna median (ms) | Optuna / Hone | hypervolume difference |")
print("|---|---|---|---|---|---|---|")
for (shape, d, n), peers in sorted(rows.items()):
    hone, optuna = peers.get("hone"), peers.get("optuna")
    ms = lambda r: "%.3g" % (1000 * r["median_seconds"]) if r and "median_seconds" in r else ("timed out" if r else "-")
    ratio = "%.0f" % (optuna["median_seconds"] / hone["median_seconds"]) if hone and optuna and "median_seconds" in optuna else "-"
    diff = "%.1e" % abs(optuna["hypervolume"] - hone["hypervolume"]) if hone and optuna and "hypervolume" in optuna else "-"
    print(f"| {shape} | {d} | {n} | {ms(hone)} | {ms(optuna)} | {ratio} | {diff} |")
PY
