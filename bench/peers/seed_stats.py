"""Statistics over seeds shared by the comparison scripts here."""

import statistics


def quartiles(values):
    """The lower and upper quartiles (inclusive method); a single value is both."""
    if len(values) < 2:
        return values[0], values[0]
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], q[2]
