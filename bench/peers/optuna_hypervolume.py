#!/usr/bin/env python3
"""Optuna peer of `Hone.Bench hypervolume`: times Optuna's exact hypervolume on the very same points.

`Hone.Bench hypervolume --write-points DIR` writes each point set it times to DIR/hv-SHAPE-Dd-N.txt (one point per line,
round-trippable decimals); this script reads them back and times `optuna._hypervolume.WFG().compute(points, ref)` with the
same reference point (1.1 in every objective), median of --repeats runs after one untimed run, printing one JSON line per
set like Hone.Bench does, with the hypervolume so that both sides can be checked to agree. A set whose untimed run takes
longer than --max-seconds is reported with that run alone (and "timed_out": true when it is cut off by the alarm).
"""

import argparse
import glob
import json
import os
import re
import signal
import statistics
import time

import numpy as np
import optuna
from optuna._hypervolume import WFG

REFERENCE = 1.1
NAME = re.compile(r"hv-(?P<shape>[a-z]+)-(?P<objectives>\d+)d-(?P<points>\d+)\.txt$")


class TimedOut(Exception):
    pass


def _alarm(signum, frame):
    raise TimedOut()


def timed(points, reference):
    start = time.perf_counter()
    volume = WFG().compute(points, reference)
    return time.perf_counter() - start, volume


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points-dir", required=True, help="the folder Hone.Bench hypervolume --write-points wrote")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--max-seconds", type=float, default=60.0, help="time one run only beyond this, and give up after 10 times it")
    parser.add_argument("--max-points", type=int, default=1000, help="skip larger sets: Optuna 3.1 takes minutes for 1,000 points in 3-D")
    args = parser.parse_args()

    files = [(NAME.search(os.path.basename(f)), f) for f in glob.glob(os.path.join(args.points_dir, "hv-*.txt"))]
    files = sorted((m for m in files if m[0] and int(m[0]["points"]) <= args.max_points), key=lambda m: (m[0]["shape"], int(m[0]["objectives"]), int(m[0]["points"])))
    signal.signal(signal.SIGALRM, _alarm)
    for match, path in files:
        points = np.loadtxt(path, delimiter=",", ndmin=2)
        reference = np.full(points.shape[1], REFERENCE)
        result = {
            "bench": "hypervolume",
            "peer": "optuna",
            "optuna_version": optuna.__version__,
            "shape": match["shape"],
            "points": int(match["points"]),
            "objectives": int(match["objectives"]),
            "reference": REFERENCE,
            "file": path,
        }
        signal.alarm(max(1, int(10 * args.max_seconds)))
        try:
            first, volume = timed(points, reference)
            seconds = [first]
            if first <= args.max_seconds:
                seconds = [timed(points, reference)[0] for _ in range(args.repeats)]
            signal.alarm(0)
            result.update(repeats=len(seconds), median_seconds=statistics.median(seconds), min_seconds=min(seconds), hypervolume=volume)
        except TimedOut:
            result.update(timed_out=True, limit_seconds=10 * args.max_seconds)
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
