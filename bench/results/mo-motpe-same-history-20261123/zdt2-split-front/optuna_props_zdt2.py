import json, sys, math
import numpy as np
import optuna
optuna.logging.set_verbosity(optuna.logging.ERROR)
rs = np.random.RandomState(0)
X = rs.rand(100, 30)
F = rs.rand(40, 30); F[:, 1:] = 0.05 + 0.02 * F[:, 1:]
X = np.vstack([X, F])
def zdt1(p):  # ZDT2 here
    g = 1 + 9 * sum(p[1:]) / 29
    return [p[0], g * (1 - (p[0] / g) ** 2)]
hist = [{"params": x.tolist(), "values": zdt1(x.tolist())} for x in X]
json.dump(hist, open("history.json", "w"))
dist = optuna.distributions.FloatDistribution(0, 1)
frozen = [optuna.trial.create_trial(params={f"x{i}": h["params"][i] for i in range(30)},
          distributions={f"x{i}": dist for i in range(30)}, values=h["values"]) for h in hist]
n = int(sys.argv[1])
with open("optuna-proposals.jsonl", "w") as out:
    for seed in range(1, n + 1):
        study = optuna.create_study(directions=["minimize", "minimize"], sampler=optuna.samplers.TPESampler(seed=seed))
        study.add_trials(frozen)
        t = study.ask()
        out.write(json.dumps({"seed": seed, "x": [t.suggest_float(f"x{i}", 0, 1) for i in range(30)]}) + "\n")
        out.flush()
