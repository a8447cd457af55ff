"""scikit-learn's RandomizedSearchCV on the run-sklearn example's problem: the same space, folds and budget.

Usage: python3 sklearn_random_search.py SEED [N_ITER] [N_JOBS]; prints the best mean CV accuracy.
"""

import sys

from scipy.stats import loguniform
from sklearn.datasets import load_digits
from sklearn.model_selection import RandomizedSearchCV, StratifiedKFold
from sklearn.svm import SVC

seed = int(sys.argv[1])
n_iter = int(sys.argv[2]) if len(sys.argv) > 2 else 40
n_jobs = int(sys.argv[3]) if len(sys.argv) > 3 else 2
X, y = load_digits(return_X_y=True)
# The example's space: kernel uniform over rbf and linear; gamma only with rbf.
space = [
    {"kernel": ["rbf"], "C": loguniform(1e-2, 1e3), "gamma": loguniform(1e-5, 1e-1)},
    {"kernel": ["linear"], "C": loguniform(1e-2, 1e3)},
]
search = RandomizedSearchCV(
    SVC(), space, n_iter=n_iter, cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=0), n_jobs=n_jobs, random_state=seed)
search.fit(X, y)
print(repr(search.best_score_))
