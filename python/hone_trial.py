"""Helper for programs tuned by `hone run` (see docs/trial-protocol.md). Standard library only.

    import hone_trial as hone

    p = hone.params()                 # {"lr": 0.01, "layers": 3, ...}
    for epoch in range(10):
        score = train_one_epoch(p)
        hone.report(score, step=epoch)  # the pruner may stop the trial after this
        if hone.should_stop():          # True once Hone asked the trial to stop (SIGTERM)
            break
    hone.result(score)                 # or hone.result(accuracy=0.93, loss=0.2)

Outside `hone run` the same calls print the protocol lines on standard output, so a program stays runnable by hand.
"""

import json
import math
import os
import signal
import sys

__all__ = ["params", "report", "result", "attr", "should_stop", "trial_number", "study_name"]

_stop_requested = False
_handler_installed = False


def params():
    """The trial's parameters as a dict (from HONE_PARAMS_FILE); empty outside `hone run`."""
    path = os.environ.get("HONE_PARAMS_FILE")
    if not path:
        return {}
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def trial_number():
    """The trial's number within its study, or None outside `hone run`."""
    number = os.environ.get("HONE_TRIAL_NUMBER")
    return int(number) if number is not None else None


def study_name():
    """The study's name, or None outside `hone run`."""
    return os.environ.get("HONE_STUDY")


def report(value=None, step=None, **metrics):
    """Reports intermediate values (a validation score after an epoch or a fold) at a step (0, 1, 2, ...).

    report(0.91, step=3) for one objective; with several, one value per objective: report([0.91, 120], step=3) in the
    study file's order, or report(step=3, accuracy=0.91, seconds=120) by name. Without a step, the step after the last
    one reported. The pruner may end the trial after a report.
    """
    if value is not None and metrics:
        raise ValueError("pass either the value(s) or named metrics, not both")
    if value is None and not metrics:
        raise ValueError("report needs a value")
    if value is not None:
        values = value if isinstance(value, (list, tuple)) else [value]
        line = "hone: report " + " ".join(_number(v) for v in values)
    else:
        line = "hone: report " + " ".join("%s=%s" % (_name(k), _number(v)) for k, v in metrics.items())
    if step is not None:
        line += " step=%d" % int(step)
    _write(line)


def result(value=None, **metrics):
    """Reports the final value: result(0.93) for one objective, result(accuracy=0.93, loss=0.2) by name.

    Named values that are not objectives of the study are kept as user attributes of the trial, and are what the
    study file's constraints read: result(0.93, latency_ms=18) for one unnamed objective beside other metrics.
    """
    if value is None and not metrics:
        raise ValueError("result needs a value")
    if isinstance(value, (list, tuple)) and metrics:
        raise ValueError("several values by position cannot go with named metrics: name the objectives instead")
    if value is None:
        words = ["%s=%s" % (_name(k), _number(v)) for k, v in metrics.items()]
    elif metrics:
        words = ["value=" + _number(value)] + ["%s=%s" % (_name(k), _number(v)) for k, v in metrics.items()]
    else:
        words = [_number(v) for v in (value if isinstance(value, (list, tuple)) else [value])]
    _write("hone: result " + " ".join(words))


def attr(**attrs):
    """Keeps values (numbers or words without spaces) as user attributes of the trial."""
    words = []
    for key, value in attrs.items():
        text = _number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
        if not text or any(c.isspace() for c in text):
            raise ValueError("attr values must be non-empty and without spaces: %r" % (value,))
        words.append("%s=%s" % (_name(key), text))
    _write("hone: attr " + " ".join(words))


def should_stop():
    """True once Hone has asked the trial to stop (it was pruned, timed out or interrupted).

    The first call installs a SIGTERM handler, so a program that calls this can end cleanly (save a checkpoint, close
    files) within the grace period; a program that never calls it is simply ended by SIGTERM.
    """
    global _handler_installed
    if not _handler_installed:
        signal.signal(signal.SIGTERM, _on_term)
        _handler_installed = True
    return _stop_requested


def _on_term(signum, frame):
    global _stop_requested
    _stop_requested = True


def _number(value):
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(value)


def _name(key):
    if not key or any(c.isspace() or c == "=" for c in key):
        raise ValueError("names must be non-empty, without spaces or '=': %r" % (key,))
    return key


def _write(line):
    # The report file is read by Hone as the trial runs; unlike standard output it cannot be garbled by a library that
    # prints half a line, and nothing buffers it.
    path = os.environ.get("HONE_REPORT_FILE")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(line + "\n")
    else:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
