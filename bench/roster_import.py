"""Roster import at district scale: preview and apply of 10,000 rows.

    .venv/bin/python bench/roster_import.py [--rows 10000]

Runs on a throwaway SQLite database (or DATABASE_URL when set) and prints wall time
and peak Python memory (tracemalloc) for: preview and apply of a new roster, then
preview and apply of the same roster with one person in ten moved and the file
re-saved as XLSX. Target: each step under 30 s.
"""

import argparse
import io
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citylearn.settings.test")
_scratch = tempfile.TemporaryDirectory(prefix="citylearn-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_scratch.name}/bench.sqlite3")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from bench.figures import record  # noqa: E402
from citylearn.access.permissions import Scope  # noqa: E402
from citylearn.organisation.imports.applying import (  # noqa: E402
    apply_roster,
    preview_roster,
)
from citylearn.organisation.models import Department  # noqa: E402

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁"
    "谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鹏飞宇浩然子涵欣怡思雨晨"
)


def build_departments(count: int) -> list[str]:
    root = Department.add_root(code="BENCH", name="区")
    codes = []
    for i in range(count):
        bureau = root.add_child(code=f"B{i:02d}", name=f"局{i}")
        codes.append(bureau.code)
        for j in range(3):
            codes.append(bureau.add_child(code=f"B{i:02d}-{j}", name=f"科{j}").code)
    return codes


def roster_rows(count: int, codes: list[str], rng: random.Random) -> list[list[str]]:
    rows = []
    for n in range(count):
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))
        rows.append(
            [
                f"E{n:06d}",
                name,
                rng.choice(codes),
                "科员",
                f"e{n:06d}@example.org",
                f"138{n:08d}",
            ]
        )
    return rows


def as_gbk_csv(rows) -> bytes:
    lines = ["工号,姓名,部门编码,职务,邮箱,手机"] + [",".join(row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("gbk")


def as_xlsx(rows) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["工号", "姓名", "部门编码", "职务", "邮箱", "手机"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def timed(step):
    started = time.perf_counter()
    result = step()
    return result, time.perf_counter() - started


def traced(step):
    tracemalloc.start()
    result = step()
    __, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, peak


def scenario(rows: list[list[str]], codes: list[str], probe) -> dict[str, float]:
    """The steps of a district import, each measured by `probe`."""
    rows = [list(row) for row in rows]
    rng = random.Random(7)  # noqa: S311 - reproducible test data, not security
    everything = Scope(everything=True)
    csv_bytes = as_gbk_csv(rows)
    figures = {}

    def apply(content, name):
        return apply_roster(
            content=content,
            filename=name,
            scope=everything,
            deactivate_missing=True,
            actor=None,
            actor_label="bench",
        )

    plan, figures["preview, new roster (GBK CSV)"] = probe(
        lambda: preview_roster(content=csv_bytes, filename="r.csv", scope=everything)
    )
    assert not plan.errors, plan.errors[:3]
    result, figures["apply, new roster (GBK CSV)"] = probe(
        lambda: apply(csv_bytes, "r.csv")
    )
    assert result.counts["create"] == len(rows)
    for row in rows[::10]:
        row[2] = rng.choice(codes)
    xlsx_bytes = as_xlsx(rows)
    plan, figures["preview, 1 in 10 moved (XLSX)"] = probe(
        lambda: preview_roster(content=xlsx_bytes, filename="r.xlsx", scope=everything)
    )
    assert not plan.errors
    result, figures["apply, 1 in 10 moved (XLSX)"] = probe(
        lambda: apply(xlsx_bytes, "r.xlsx")
    )
    assert result.counts["move"] > 0
    result, figures["apply the same file again (no change)"] = probe(
        lambda: apply(xlsx_bytes, "r.xlsx")
    )
    assert result.counts["move"] == result.counts["create"] == 0
    return figures


def fresh_database() -> list[str]:
    call_command("flush", interactive=False, verbosity=0)
    return build_departments(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    codes = fresh_database()
    rows = roster_rows(args.rows, codes, random.Random(20261130))  # noqa: S311
    say(
        f"{args.rows} rows, {len(codes) + 1} departments, "
        f"GBK CSV {len(as_gbk_csv(rows)) / 2**20:.1f} MiB, "
        f"database {django.db.connection.vendor}"
    )
    # tracemalloc slows Python several times over, so time and memory are measured
    # in two runs of the same scenario on a fresh database each.
    seconds = scenario(rows, codes, timed)
    codes = fresh_database()
    peaks = scenario(rows, codes, traced)
    slow = False
    for step, elapsed in seconds.items():
        verdict = "ok" if elapsed < 30 else "SLOWER THAN 30 s"
        slow = slow or elapsed >= 30
        say(
            f"{step:<40} {elapsed:7.2f} s   peak {peaks[step] / 2**20:6.1f} MiB   "
            f"{verdict}"
        )
        record(
            "roster_import",
            step,
            elapsed,
            "s",
            target=30,
            database=django.db.connection.vendor,
            workers="in-process",
            concurrency=1,
            data=f"{args.rows:,} rows",
            peak_mib=round(peaks[step] / 2**20, 1),
        )
    sys.exit(1 if slow else 0)


if __name__ == "__main__":
    main()
