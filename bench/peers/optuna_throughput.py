#!/usr/bin/env python3
"""Optuna peer of `Hone.Bench throughput`: ten floats x0..x9 in [-5, 5], sum of squares, RandomSampler or TPESampler.

Same command line and the same JSON lines as the Hone benchmark, so that the driver scripts treat both alike.
Optuna is driven through study.optimize (its usual loop). Storages: in memory, Optuna's default SQLite storage on a
fresh file, or its RDB storage on a fresh database of the PostgreSQL server that --url names (created here, dropped
afterwards; Debian's python3-psycopg2 driver). With several processes, every worker warms up, prints a ready line,
waits for "go" on its standard input, and reports its Unix start and end times and when each of its trials was
stored; the parent computes the throughput over the whole run and over its steady part (the middle 80% of the
completions), and with --marks the time per trial in windows of the study's growth, as Hone.Bench's TrialTimes does.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
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


def make_sampler(name, seed):
    if name == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    return optuna.samplers.TPESampler(seed=seed)


def fresh_path(directory):
    return os.path.join(directory or tempfile.gettempdir(), f"optuna-bench-{uuid.uuid4().hex}.db")


def delete_file(path):
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


def server_cpu(server_pid):
    """As Hone.Bench's ServerCpu: the processor seconds a local server has used so far (its main process with its reaped
    children, plus its live children), from /proc; None without a server pid or where /proc cannot tell."""
    if server_pid is None:
        return None

    def fields(pid):
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
                return handle.read().rsplit(")", 1)[1].split()
        except OSError:
            return None

    server = fields(server_pid)
    if server is None:
        return None
    # After the command name: state, ppid, ... utime, stime, cutime, cstime are fields 14 to 17, here 11 to 14.
    ticks = sum(int(v) for v in server[11:15])
    for name in os.listdir("/proc"):
        if name.isdigit() and int(name) != server_pid:
            child = fields(name)
            if child is not None and child[1] == str(server_pid):
                ticks += int(child[11]) + int(child[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def libpq_url(url, database=None):
    """The server URL as libpq (psycopg2) reads it, pointing at another database when one is given."""
    parts = urllib.parse.urlsplit(url)
    scheme = "postgresql" if parts.scheme.startswith("postgres") else parts.scheme
    path = "/" + database if database else parts.path
    # Hone's own parameters (schema) mean nothing to libpq.
    query = "&".join(p for p in parts.query.split("&") if p and not p.startswith("schema="))
    return urllib.parse.urlunsplit((scheme, parts.netloc, path, query, ""))


def admin(url, statement):
    import psycopg2  # only the PostgreSQL runs need the driver

    connection = psycopg2.connect(libpq_url(url))
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


class Place:
    """Where one run's study lives: a fresh SQLite file, a fresh PostgreSQL database, or memory."""

    def __init__(self, kind, directory, url):
        self.kind = kind
        self.directory = directory
        self.server = url
        self.name = None

    def create(self):
        if self.kind == "sqlite":
            self.name = fresh_path(self.directory)
        elif self.kind == "postgres":
            self.name = f"optuna_bench_{uuid.uuid4().hex[:12]}"
            admin(self.server, f"CREATE DATABASE {self.name}")
        return self

    def url(self):
        if self.kind == "sqlite":
            return "sqlite:///" + self.name
        if self.kind == "postgres":
            return libpq_url(self.server, self.name).replace("postgresql://", "postgresql+psycopg2://", 1)
        return None

    def delete(self):
        if self.kind == "sqlite" and self.name:
            delete_file(self.name)
        elif self.kind == "postgres" and self.name:
            admin(self.server, f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


def measure(study, trials):
    """Runs the trials through study.optimize, noting the Unix time at which each one has been stored and the CPU time
    used by then."""
    completions = []
    completion_cpu = []
    cpu = time.process_time()

    def stored(_study, _trial):
        completions.append(time.time())
        completion_cpu.append(time.process_time() - cpu)

    start = time.time()
    study.optimize(objective, n_trials=trials, show_progress_bar=False, callbacks=[stored])
    end = time.time()
    return {"trials": trials, "start": start, "end": end, "completions": completions, "completion_cpu": completion_cpu,
            "cpu_s": time.process_time() - cpu}


def warmup(storage, sampler, seed, trials):
    """A throwaway study first (in the run's own database, deleted afterwards), so that imports, SQLAlchemy's compiled
    statements and the connection pool are ready before the clock starts."""
    if trials == 0:
        return
    name = f"warmup-{uuid.uuid4().hex}"
    study = optuna.create_study(study_name=name, storage=storage, sampler=make_sampler(sampler, seed))
    study.optimize(objective, n_trials=trials, show_progress_bar=False)
    if storage is not None and not isinstance(storage, optuna.storages.InMemoryStorage):
        optuna.delete_study(study_name=name, storage=storage)


def steady(runs):
    """As TrialTimes.Steady: trials stored between the 10th and 90th percentile of all completions, over that span."""
    times = sorted(t for r in runs for t in r["completions"])
    if len(times) < 20:
        return None
    first, last = len(times) // 10, len(times) - 1 - len(times) // 10
    span = times[last] - times[first]
    return (last - first) / span if span > 0 else None


def quantile(values, q):
    position = q * (len(values) - 1)
    below = int(position)
    above = min(below + 1, len(values) - 1)
    return values[below] + (position - below) * (values[above] - values[below])


def windows(runs, marks, size):
    """As TrialTimes.Windows: per-trial times (from the worker's previous completion) of the trials ending at each mark,
    and the processor time the worker used per trial over the window."""
    trials = sorted((t, t - (r["completions"][i - 1] if i else r["start"]),
                     r["completion_cpu"][i] - (r["completion_cpu"][i - 1] if i else 0))
                    for r in runs for i, t in enumerate(r["completions"]))
    result = []
    for mark in marks:
        if mark > len(trials):
            continue
        count = min(size, mark)
        window = trials[mark - count:mark]
        ms = sorted(seconds * 1000 for _, seconds, _ in window)
        result.append({"trials": mark, "size": count, "median_ms": quantile(ms, 0.5),
                       "mean_ms": sum(ms) / len(ms), "p90_ms": quantile(ms, 0.9),
                       "cpu_mean_ms": sum(cpu * 1000 for _, _, cpu in window) / len(window)})
    return result


def emit(record):
    print(json.dumps(record), flush=True)


def complete_count(storage):
    study = optuna.load_study(study_name=STUDY_NAME, storage=storage)
    return len(study.get_trials(deepcopy=False, states=(optuna.trial.TrialState.COMPLETE,)))


def expect(worker, event):
    for line in worker.stdout:
        record = json.loads(line)
        if record.get("event") == event:
            return record
    worker.wait()
    raise SystemExit(f"A benchmark worker ended (exit code {worker.returncode}) before printing '{event}'; see its error above.")


def run_workers(args, place, released, finished):
    shares = [args.trials // args.processes + (1 if i < args.trials % args.processes else 0) for i in range(args.processes)]
    workers = []
    try:
        for i, share in enumerate(shares):
            command = [sys.executable, os.path.abspath(__file__), "throughput", "--storage", args.storage,
                       "--sampler", args.sampler, "--seed", str(args.seed + i), "--path", place.url(), "--worker",
                       "--trials", str(share), "--warmup", str(args.warmup)]
            if args.dir:
                command += ["--dir", args.dir]
            workers.append(subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True))
        for worker in workers:
            expect(worker, "ready")
        released()
        for worker in workers:
            worker.stdin.write("go\n")
            worker.stdin.flush()
        runs = [expect(worker, "done") for worker in workers]
        finished()
        for worker in workers:
            if worker.wait() != 0:
                raise SystemExit(f"A benchmark worker exited with code {worker.returncode}; see its error above.")
        return runs
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()


def run_measured(args):
    place = Place(args.storage, args.dir, args.url).create()
    try:
        storage = place.url() or optuna.storages.InMemoryStorage()
        fsyncs = fsyncs_per_second(args.dir) if args.storage == "sqlite" else None
        server = {}

        def released():
            server["before"] = server_cpu(args.server_pid)

        def finished():
            server["after"] = server_cpu(args.server_pid)

        if args.processes == 1:
            warmup(storage, args.sampler, args.seed, args.warmup)
            study = optuna.create_study(study_name=STUDY_NAME, storage=storage, sampler=make_sampler(args.sampler, args.seed))
            released()
            runs = [measure(study, args.trials)]
            finished()
        else:
            optuna.create_study(study_name=STUDY_NAME, storage=storage)
            runs = run_workers(args, place, released, finished)
        server_cpu_s = None if server["before"] is None or server["after"] is None else server["after"] - server["before"]
        fsyncs_after = fsyncs_per_second(args.dir) if args.storage == "sqlite" else None
        start = min(r["start"] for r in runs)
        end = max(r["end"] for r in runs)
        emit({
            "bench": "throughput", "peer": "optuna", "storage": args.storage, "sampler": args.sampler, "mode": "optimize",
            "processes": args.processes, "trials": args.trials, "complete_trials": complete_count(storage),
            "warmup": args.warmup, "seconds": end - start, "trials_per_s": args.trials / (end - start),
            "steady_trials_per_s": steady(runs),
            "worker_trials_per_s": [r["trials"] / (r["end"] - r["start"]) for r in runs],
            "client_cpu_s": sum(r["cpu_s"] for r in runs), "server_cpu_s": server_cpu_s,
            "windows": windows(runs, args.marks, args.window),
            "disk_fsyncs_per_s": fsyncs, "disk_fsyncs_per_s_after": fsyncs_after,
        })
    finally:
        # Optuna's engine holds connections to the database until the process ends; DROP ... WITH (FORCE) ends them.
        place.delete()


def run_worker(args):
    if args.storage == "sqlite":
        # Workers warming up at once on the shared file would fail on its lock before the clock starts; each takes its own.
        own = Place("sqlite", args.dir, None).create()
        try:
            warmup(own.url(), args.sampler, args.seed, args.warmup)
        finally:
            own.delete()
    else:
        warmup(args.path, args.sampler, args.seed, args.warmup)
    study = optuna.load_study(study_name=STUDY_NAME, storage=args.path, sampler=make_sampler(args.sampler, args.seed))
    emit({"event": "ready"})
    if sys.stdin.readline().strip() != "go":
        raise SystemExit("The benchmark parent closed the worker's input before saying go.")
    run = measure(study, args.trials)
    emit({"event": "done", **run})


def marks_list(text):
    try:
        values = [int(v) for v in text.split(",")]
    except ValueError:
        values = []
    if not values or any(v < 1 for v in values) or values != sorted(set(values)):
        raise argparse.ArgumentTypeError(f"--marks takes increasing integers >= 1 separated by commas, like 100,1000, but got '{text}'.")
    return values


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    throughput = sub.add_parser("throughput")
    throughput.add_argument("--storage", choices=("memory", "sqlite", "postgres"), default="memory")
    throughput.add_argument("--mode", choices=("optimize",), default="optimize",
                            help="Optuna is measured through study.optimize only")
    throughput.add_argument("--sampler", choices=("random", "tpe"), default="random")
    throughput.add_argument("--seed", type=int, default=1, help="the sampler's seed; worker i takes seed + i")
    throughput.add_argument("--trials", type=int, default=None, help="total trials, split evenly across processes")
    throughput.add_argument("--processes", type=int, default=1)
    throughput.add_argument("--warmup", type=int, default=None, help="trials of a throwaway study run first")
    throughput.add_argument("--marks", type=marks_list, default=[], help="study sizes at which to report the time per trial")
    throughput.add_argument("--window", type=int, default=500, help="trials per window of --marks")
    throughput.add_argument("--dir", default=None, help="folder for the SQLite files (default: the temp folder)")
    throughput.add_argument("--url", default=None,
                            help="PostgreSQL server, postgresql://user@host:port/database; each run creates and drops a database there")
    throughput.add_argument("--server-pid", type=int, default=None,
                            help="process id of a PostgreSQL server on this machine, to report its processor time over the run")
    throughput.add_argument("--path", default=None, help=argparse.SUPPRESS)
    throughput.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.trials is None:
        args.trials = 5000 if args.storage == "memory" else 300
    if args.warmup is None:
        args.warmup = 200 if args.storage == "memory" else 20
    if args.trials < 1 or args.processes < 1 or args.warmup < 0 or args.window < 1:
        parser.error(f"--trials, --processes and --window must be >= 1 and --warmup >= 0, but got {args.trials}, {args.processes}, {args.window}, {args.warmup}.")
    if args.storage == "memory" and args.processes > 1:
        parser.error(f"In-memory storage lives in one process, so --processes must be 1 with --storage memory, but got {args.processes}.")
    if args.storage == "postgres" and not args.url and not args.worker:
        parser.error("--storage postgres needs --url postgresql://user@host:port/database; each run creates a fresh database there and drops it.")
    if args.marks and args.marks[-1] > args.trials:
        parser.error(f"--marks must not exceed --trials (the study's final size), but got mark {args.marks[-1]} with --trials {args.trials}.")

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    if args.worker:
        run_worker(args)
    else:
        run_measured(args)


if __name__ == "__main__":
    main()
