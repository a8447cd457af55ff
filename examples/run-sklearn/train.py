"""Cross-validated accuracy of a support vector machine on scikit-learn's digits, for `hone run`.

Parameters come from Hone (hone_trial.params()); each fold's running mean accuracy is reported, so a pruner can stop a
hopeless configuration after its first folds. Runs by hand too: python3 train.py --C 10 --kernel rbf --gamma 0.001
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))

import hone_trial as hone  # noqa: E402
from sklearn.datasets import load_digits  # noqa: E402
from sklearn.model_selection import StratifiedKFold  # noqa: E402
from sklearn.svm import SVC  # noqa: E402

FOLDS = 5


def cross_validate(C, kernel, gamma, on_fold=None):
    """Mean accuracy over stratified folds (fixed shuffle, the same folds as bench/run-sklearn.sh uses)."""
    X, y = load_digits(return_X_y=True)
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=0)
    scores = []
    for fold, (train, test) in enumerate(folds.split(X, y)):
        model = SVC(C=C, kernel=kernel, gamma=gamma if kernel == "rbf" else "scale")
        model.fit(X[train], y[train])
        scores.append(model.score(X[test], y[test]))
        if on_fold is not None and not on_fold(fold, sum(scores) / len(scores)):
            break
    return sum(scores) / len(scores)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--C", type=float, required=True)
    parser.add_argument("--kernel", choices=["rbf", "linear"], required=True)
    parser.add_argument("--gamma", type=float, default=None)
    args = parser.parse_args()

    def on_fold(fold, mean):
        hone.report(mean, step=fold)
        return not hone.should_stop()

    accuracy = cross_validate(args.C, args.kernel, args.gamma, on_fold)
    hone.result(accuracy)


if __name__ == "__main__":
    main()
