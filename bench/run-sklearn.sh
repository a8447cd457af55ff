#!/usr/bin/env bash
# Does `hone run` (TPE) tune the run-sklearn example at least as well as scikit-learn's RandomizedSearchCV with the same
# budget? For each seed: hone run examples/run-sklearn with TPE seeded, TRIALS trials, 2 in parallel; then
# RandomizedSearchCV with the same space, the same 5 folds, n_iter=TRIALS, n_jobs=2. Prints each best mean CV accuracy
# and the medians over seeds.
# Usage: bench/run-sklearn.sh                 (seeds 1..5, 40 trials)
#        SEEDS="1 2 3" TRIALS=40 PYTHON=/usr/bin/python3 bench/run-sklearn.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SEEDS=${SEEDS:-1 2 3 4 5}
TRIALS=${TRIALS:-40}
PYTHON=${PYTHON:-/usr/bin/python3}
"$PYTHON" -c 'import sklearn, scipy' || { echo "error: $PYTHON lacks scikit-learn (apt-get install python3-sklearn)" >&2; exit 1; }
dotnet build -c Release src/Hone.Cli -v q -nologo >/dev/null
HONE=(dotnet "$PWD/src/Hone.Cli/bin/Release/net10.0/Hone.Cli.dll")
EXAMPLE="$PWD/examples/run-sklearn"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
echo "seed	hone_tpe	sklearn_random_search	hone_seconds	sklearn_seconds"
hone_scores=()
sk_scores=()
for seed in $SEEDS; do
    # The example as written, but seeded, in a folder of its own (storage and logs), running the example's train.py.
    sed -e "s/seed: 1/seed: $seed/" -e "s/^trials: .*/trials: $TRIALS/" \
        -e "s|command: \[python3, train.py|command: [$PYTHON, $EXAMPLE/train.py|" "$EXAMPLE/study.yaml" > "$DIR/study-$seed.yaml"
    start=$(date +%s.%N)
    "${HONE[@]}" run "$DIR/study-$seed.yaml" >/dev/null 2>"$DIR/hone-$seed.log"
    hone_seconds=$(echo "$(date +%s.%N) - $start" | bc)
    hone=$("${HONE[@]}" best svm-digits --storage "sqlite:///$DIR/hone.db" | awk -F'\t' 'NR == 2 { print $2 }')
    rm -f "$DIR/hone.db"*
    start=$(date +%s.%N)
    sk=$("$PYTHON" bench/peers/sklearn_random_search.py "$seed" "$TRIALS" 2)
    sk_seconds=$(echo "$(date +%s.%N) - $start" | bc)
    echo "$seed	$hone	$sk	$hone_seconds	$sk_seconds"
    hone_scores+=("$hone")
    sk_scores+=("$sk")
done
"$PYTHON" - "${hone_scores[*]}" "${sk_scores[*]}" <<'PY'
import statistics, sys
hone = [float(v) for v in sys.argv[1].split()]
sk = [float(v) for v in sys.argv[2].split()]
print(f"median best CV accuracy: hone TPE {statistics.median(hone):.5f}, RandomizedSearchCV {statistics.median(sk):.5f}")
print("hone at least as good:", "yes" if statistics.median(hone) >= statistics.median(sk) else "no")
PY
