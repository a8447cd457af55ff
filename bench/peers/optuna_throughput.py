#!/usr/bin/env python3
"""Optuna peer of `Hone.Bench throughput`: RandomSampler, ten floats x0..x9 in [-5, 5], sum of squares.

Same command line and the same JSON lines as the Hone benchmark, so that bench/run-core.sh treats both alike.
Optuna is driven through study.optimize (its usual loop). With several processes, every worker warms up,
prints a ready line, waits for "go" on its standard input, and reports its Unix start and end times; the
throughput is all trials over the time from the first start to the last end.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid

import optuna

STUDY_NAME = "bench"
NAMES = [f"x{i}" for i in range(10)]


def objective(trial):
    total = 0.0
    for name in NAMES:
        x = trial.suggest_float(name, -5, 5)
        total += x * x
    return total


def fresh_path(directory):
    return os.path.join(directory or tempfile.gettempdir(), f"optuna-bench-{uuid.uuid4().hex}.db")


def delete(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass


def fsyncs_per_second(directory, rounds=200):
    """The same disk probe as Hone.Bench's DiskProbe: 4 KiB write + fsync rounds per second, right now."""
    path = os.path.join(directory or tempfile.gettempdir(), f"fsync-probe-{uuid.uuid4().hex}")
    page = bytes(4096)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    try:
        start = time.perf_counter()
        for _ in range(rounds):
            os.pwrite(fd, page, 0)
            os.fsync(fd)
        return rounds / (time.perf_counter() - start)
    finally:
        os.close(fd)
        os.remove(path)


def url(path):
    return "sqlite:///" + path


def run_trials(study, trials):
    study.optimize(objective, n_trials=trials, show_progress_bar=False)


def warmup(storage_kind, trials, directory):
    if trials == 0:
        return
    path = fresh_path(directory) if storage_kind == "sqlite" else None
    try:
        study = optuna.create_study(storage=url(path) if path else None, sampler=optuna.samplers.RandomSampler())
        run_trials(study, trials)
    finally:
        if path:
            delete(path)


def emit(record):
    print(json.dumps(record), flush=True)


def complete_count(storage):
    study = optuna.load_study(study_name=STUDY_NAME, storage=storage)
    return len(study.get_trials(deepcopy=False, states=(optuna.trial.TrialState.COMPLETE,)))


def run_single(args):
    warmup(args.storage, args.warmup, args.dir)
    path = fresh_path(args.dir) if args.storage == "sqlite" else None
    fsyncs = fsyncs_per_second(args.dir) if path else None
    try:
        storage = url(path) if path else optuna.storages.InMemoryStorage()
        study = optuna.create_study(study_name=STUDY_NAME, storage=storage, sampler=optuna.samplers.RandomSampler())
        start = time.perf_counter()
        run_trials(study, args.trials)
        seconds = time.perf_counter() - start
        fsyncs_after = fsyncs_per_second(args.dir) if path else None
        emit({
            "bench": "throughput", "peer": "optuna", "storage": args.storage, "mode": "optimize",
            "processes": 1, "trials": args.trials, "complete_trials": complete_count(storage),
            "seconds": seconds, "trials_per_s": args.trials / seconds,
            "disk_fsyncs_per_s": fsyncs, "disk_fsyncs_per_s_after": fsyncs_after,
        })
    finally:
        if path:
            delete(path)


def run_worker(args):
    warmup("sqlite", args.warmup, args.dir)
    study = optuna.load_study(study_name=STUDY_NAME, storage=url(args.path), sampler=optuna.samplers.RandomSampler())
    emit({"event": "ready"})
    if sys.stdin.readline().strip() != "go":
        raise SystemExit("The benchmark parent closed the worker's input before saying go.")
    start = time.time()
    run_trials(study, args.trials)
    end = time.time()
    emit({"event": "done", "trials": args.trials, "start": start, "end": end})


def expect(worker, event):
    for line in worker.stdout:
        record = json.loads(line)
        if record.get("event") == event:
            return record
    worker.wait()
    raise SystemExit(f"A benchmark worker ended (exit code {worker.returncode}) before printing '{event}'; see its error above.")


def run_processes(args):
    path = fresh_path(args.dir)
    try:
        optuna.create_study(study_name=STUDY_NAME, storage=url(path))
        fsyncs = fsyncs_per_second(args.dir)
        shares = [args.trials // args.processes + (1 if i < args.trials % args.processes else 0) for i in range(args.processes)]
        workers = []
        for share in shares:
            command = [sys.executable, os.path.abspath(__file__), "throughput", "--storage", "sqlite", "--path", path,
                       "--worker", "--trials", str(share), "--warmup", str(args.warmup)]
            if args.dir:
                command += ["--dir", args.dir]
            workers.append(subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True))
        try:
            for worker in workers:
                expect(worker, "ready")
            for worker in workers:
                worker.stdin.write("go\n")
                worker.stdin.flush()
            runs = [expect(worker, "done") for worker in workers]
            for worker in workers:
                if worker.wait() != 0:
                    raise SystemExit(f"A benchmark worker exited with code {worker.returncode}; see its error above.")
        finally:
            for worker in workers:
                if worker.poll() is None:
                    worker.kill()
        start = min(r["start"] for r in runs)
        end = max(r["end"] for r in runs)
        fsyncs_after = fsyncs_per_second(args.dir)
        emit({
            "bench": "throughput", "peer": "optuna", "storage": "sqlite", "mode": "optimize",
            "processes": args.processes, "trials": args.trials, "complete_trials": complete_count(url(path)),
            "seconds": end - start, "trials_per_s": args.trials / (end - start),
            "worker_trials_per_s": [r["trials"] / (r["end"] - r["start"]) for r in runs],
            "disk_fsyncs_per_s": fsyncs, "disk_fsyncs_per_s_after": fsyncs_after,
        })
    finally:
        delete(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    throughput = sub.add_parser("throughput")
    throughput.add_argument("--storage", choices=("memory", "sqlite"), default="memory")
    throughput.add_argument("--mode", choices=("optimize",), default="optimize",
                            help="Optuna is measured through study.optimize only")
    throughput.add_argument("--trials", type=int, default=None, help="total trials, split evenly across processes")
    throughput.add_argument("--processes", type=int, default=1)
    throughput.add_argument("--warmup", type=int, default=None, help="trials of a throwaway study run first")
    throughput.add_argument("--dir", default=None, help="folder for the SQLite files (default: the temp folder)")
    throughput.add_argument("--path", default=None, help=argparse.SUPPRESS)
    throughput.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.trials is None:
        args.trials = 5000 if args.storage == "memory" else 300
    if args.warmup is None:
        args.warmup = 200 if args.storage == "memory" else 20
    if args.trials < 1 or args.processes < 1 or args.warmup < 0:
        parser.error(f"--trials and --processes must be >= 1 and --warmup >= 0, but got {args.trials}, {args.processes}, {args.warmup}.")
    if args.storage == "memory" and args.processes > 1:
        parser.error(f"In-memory storage lives in one process, so --processes must be 1 with --storage memory, but got {args.processes}.")

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    if args.worker:
        run_worker(args)
    elif args.processes == 1:
        run_single(args)
    else:
        run_processes(args)


if __name__ == "__main__":
    main()
