"""One figure of a benchmark, as bench/run.py collects them into one table.

Each benchmark prints its own lines as before and also calls record() for each figure
that has a target. When BENCH_FIGURES names a file (bench/run.py sets it), the figure
is appended to it as one JSON line; otherwise record() does nothing more.
"""

import json
import os
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Figure:
    benchmark: str
    name: str
    value: float
    unit: str
    # A target is a bound: "<" (at most, e.g. ms) or ">" (at least, e.g. a ratio).
    target: float | None = None
    bound: str = "<"
    setting: dict = field(default_factory=dict)

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        if self.bound == "<":
            return self.value < self.target
        return self.value > self.target


def record(
    benchmark: str,
    name: str,
    value: float,
    unit: str,
    *,
    target: float | None = None,
    bound: str = "<",
    database: str,
    workers: str,
    concurrency: int | str,
    data: str,
    **more,
) -> Figure:
    """One figure and the setting it was measured in, which every figure states:
    the database, the server processes (`workers`: "in-process" when the benchmark
    calls Django itself), how many requests or jobs ran at once, and the data size."""
    setting = {
        "database": database,
        "workers": workers,
        "concurrency": concurrency,
        "data": data,
        **more,
    }
    figure = Figure(benchmark, name, value, unit, target, bound, setting)
    path = os.environ.get("BENCH_FIGURES")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps({**asdict(figure), "met": figure.met}) + "\n")
    return figure
