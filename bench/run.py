"""Every benchmark on one district's data, in one table.

    python bench/run.py                  # PostgreSQL when it answers on 127.0.0.1:5432
    python bench/run.py --sqlite         # SQLite files only
    python bench/run.py --only hr_pages,search --quick

Builds a fresh database with `manage.py seed_bench --scale district` (20,000 staff),
runs each benchmark in a process of its own on that database (or, for those that
build their own data, on a fresh one beside it), and prints one table of every figure
with its setting and target, marked met or missed. The same figures are written as
JSON (--json, default var/bench/results.json) and each benchmark's own output to
var/bench/<name>.log. Load always comes from a separate process on 127.0.0.1, and
every benchmark has a time limit. Exits non-zero when a target is missed.
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.figures import record  # noqa: E402

PYTHON = sys.executable
# The setting of a figure that no benchmark measured.
NOT_RUN = {"database": "—", "workers": "—", "concurrency": "—", "data": "—"}
SETTING_COLUMNS = ("database", "workers", "concurrency", "data")
POSTGRES = "postgres://postgres@127.0.0.1:5432/"


@dataclass(frozen=True)
class Benchmark:
    name: str
    arguments: list[str]
    quick_arguments: list[str] = field(default_factory=list)
    # "seeded": the district database; "fresh": an empty database of its own;
    # "own": the benchmark builds its own (and says so in its docstring).
    data: str = "seeded"
    needs: tuple[str, ...] = ()
    postgres_only: bool = False
    limit_seconds: int = 900


BENCHMARKS = [
    Benchmark("hr_pages", [], ["--repeat", "3"]),
    Benchmark("learner_pages", [], ["--repeat", "3"]),
    Benchmark("hr_export", []),
    Benchmark("reminders", []),
    Benchmark("search", [], ["--rounds", "3"], data="fresh"),
    Benchmark("content_import", [], data="fresh"),
    Benchmark("roster_import", [], ["--rows", "2000"], data="fresh"),
    Benchmark(
        "public_pages",
        [],
        ["--duration", "2"],
        data="own",
        needs=("wrk", "/usr/sbin/nginx"),
    ),
    Benchmark(
        "exam_window",
        [],
        ["--learners", "300"],
        data="own",
        needs=("redis-server",),
        postgres_only=True,
        limit_seconds=1200,
    ),
    Benchmark(
        "soak",
        [],
        ["--quick"],
        data="own",
        needs=("redis-server",),
        postgres_only=True,
        limit_seconds=1200,
    ),
]


def postgres_answers() -> bool:
    try:
        import psycopg

        with psycopg.connect(POSTGRES + "postgres", connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001 - any failure means: use SQLite
        return False


def fresh_database(name: str, use_postgres: bool, scratch: Path) -> str:
    if not use_postgres:
        path = scratch / f"{name}.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return POSTGRES + name


def run(arguments, env, log: Path, limit: int) -> tuple[int | None, float]:
    """Run a command with its output in log; None as the code when it ran too long."""
    started = time.perf_counter()
    with log.open("a", encoding="utf-8") as out:
        out.write(f"$ {' '.join(arguments)}\n")
        out.flush()
        try:
            code = subprocess.run(
                arguments,
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=limit,
                check=False,
            ).returncode
        except subprocess.TimeoutExpired:
            code = None
    return code, time.perf_counter() - started


def missing_tools(benchmark: Benchmark) -> list[str]:
    return [tool for tool in benchmark.needs if not shutil.which(tool)]


def print_table(figures: list[dict]) -> None:
    """Each figure with its setting (database, workers, concurrency, data) and target."""
    print(
        f"\n{'benchmark':<15}{'figure':<46}{'value':>14}  {'target':<15}{'':8}"
        f"{'database':<12}{'workers':<22}{'conc.':>6}  {'data':<26}other"
    )
    for figure in figures:
        value = figure["value"]
        if value is None:
            shown = "failed"
        elif not figure["unit"]:
            shown = "—"
        elif figure["unit"] == "ratio":
            shown = f"{value:.2f} ratio"
        else:
            shown = f"{value:,.1f} {figure['unit']}"
        target = (
            ""
            if figure["target"] is None
            else f"{figure['bound']} {figure['target']:g} {figure['unit']}"
        )
        verdict = {True: "met", False: "MISSED", None: ""}[figure["met"]]
        setting = figure["setting"]
        other = ", ".join(
            f"{k}={v}" for k, v in setting.items() if k not in SETTING_COLUMNS
        )
        print(
            f"{figure['benchmark']:<15}{figure['name'][:44]:<46}{shown:>14}  "
            f"{target:<15}{verdict:8}{setting['database']:<12}"
            f"{str(setting['workers'])[:21]:<22}{setting['concurrency']!s:>6}  "
            f"{str(setting['data'])[:25]:<26}{other}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite", action="store_true", help="never use PostgreSQL")
    parser.add_argument("--scale", default="district", choices=["district", "small"])
    parser.add_argument("--only", help="comma-separated benchmark names")
    parser.add_argument(
        "--quick", action="store_true", help="fewer rounds and smaller loads"
    )
    parser.add_argument("--json", default=str(ROOT / "var/bench/results.json"))
    options = parser.parse_args()
    chosen = [b for b in BENCHMARKS if not options.only or b.name in options.only]
    use_postgres = not options.sqlite and postgres_answers()
    database = "postgresql" if use_postgres else "sqlite"
    logs = Path(options.json).parent
    logs.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="citylearn-bench-run-"))
    figures_file = scratch / "figures.jsonl"
    base_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "citylearn.settings.dev",
        "BENCH_FIGURES": str(figures_file),
        "MEDIA_ROOT": str(scratch / "media"),
        "PRIVATE_MEDIA_ROOT": str(scratch / "private"),
    }
    # Tasks run in the benchmark's own process, and nothing reaches a shared cache.
    for variable in ("CELERY_BROKER_URL", "REDIS_URL", "DATABASE_URL"):
        base_env.pop(variable, None)
    print(
        f"{database}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
        f"logs in {logs}",
        flush=True,
    )

    seeded_url = fresh_database("citylearn_bench_run", use_postgres, scratch)
    seeded_env = {**base_env, "DATABASE_URL": seeded_url}
    seed_log = logs / "seed_bench.log"
    seed_log.write_text("")
    code, seconds = run(
        [PYTHON, "manage.py", "migrate", "-v0"], seeded_env, seed_log, 600
    )
    if code == 0:
        code, seconds = run(
            [PYTHON, "manage.py", "seed_bench", "--scale", options.scale],
            seeded_env,
            seed_log,
            1800,
        )
    os.environ["BENCH_FIGURES"] = str(figures_file)
    record(
        "seed_bench",
        f"build the {options.scale} scale",
        seconds if code == 0 else float("inf"),
        "s",
        target=600,
        database=database,
        workers="in-process",
        concurrency=1,
        data=f"the {options.scale} scale",
    )
    if code != 0:
        print(f"seed_bench failed: see {seed_log}", file=sys.stderr)
        return 1

    for benchmark in chosen:
        log = logs / f"{benchmark.name}.log"
        log.write_text("")
        missing = missing_tools(benchmark)
        if benchmark.postgres_only and not use_postgres:
            missing.append("PostgreSQL")
        if missing:
            print(f"{benchmark.name}: skipped, needs {', '.join(missing)}", flush=True)
            record(
                benchmark.name,
                f"skipped: needs {', '.join(missing)}",
                0,
                "",
                **NOT_RUN,
            )
            continue
        env = dict(seeded_env)
        if benchmark.data == "fresh":
            env["DATABASE_URL"] = fresh_database(
                f"citylearn_bench_{benchmark.name}", use_postgres, scratch
            )
        elif benchmark.data == "own":
            env.pop("DATABASE_URL")
        arguments = [PYTHON, f"bench/{benchmark.name}.py", *benchmark.arguments]
        if options.quick:
            arguments += benchmark.quick_arguments
        print(f"{benchmark.name} ...", end=" ", flush=True)
        code, seconds = run(arguments, env, log, benchmark.limit_seconds)
        print(f"{seconds:.0f} s" + ("" if code == 0 else f", exit {code}"), flush=True)
        if code != 0:
            reason = "ran too long" if code is None else f"exit code {code}"
            record(
                benchmark.name,
                f"did not finish: {reason} (see log)",
                1,
                "",
                target=0,
                **{**NOT_RUN, "database": database},
            )

    figures = [json.loads(line) for line in figures_file.read_text().splitlines()]
    for figure in figures:
        if figure["value"] == float("inf"):
            figure["value"] = None
    print_table(figures)
    Path(options.json).write_text(
        json.dumps(
            {"database": database, "cpus": os.cpu_count(), "figures": figures},
            ensure_ascii=False,
            indent=2,
        )
    )
    shutil.rmtree(scratch, ignore_errors=True)
    missed = [f for f in figures if f["met"] is False]
    print(f"\n{len(figures)} figures, {len(missed)} missed; JSON in {options.json}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
