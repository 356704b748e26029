"""How fast the HR pages answer on a district's data, and with how many queries.

Times, through Django's test client (server time, no network), the root dashboard, a
mid-level department, the people list and one person's training record, signed in
as the officer of the whole district that seed_bench creates. Each figure is the
median of --repeat runs after one warm-up run, "cold" with the dashboard's cache of
figures emptied before the request and "warm" right after it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/citylearn_bench \\
        python manage.py seed_bench --scale district
    DATABASE_URL=... python bench/hr_pages.py [--repeat 7]

Targets: under 300 ms each on PostgreSQL at 20,000 staff; under 2 s on SQLite at
10,000. The query count of each page does not depend on the data's size.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citylearn.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench.figures import record  # noqa: E402
from citylearn.assignments.models import AssignedPerson  # noqa: E402
from citylearn.organisation.models import Department, StaffProfile  # noqa: E402
from citylearn.reports.seeding import OFFICER, ROOT_CODE  # noqa: E402

TARGET_MS = {"postgresql": 300, "sqlite": 2000}


def report(line: str) -> None:
    sys.stdout.write(line + "\n")


def pages() -> list[tuple[str, str]]:
    root = Department.objects.get(code=ROOT_CODE)
    # A third-level department: a bureau's section, with two levels below it.
    middle = Department.objects.filter(depth=3, path__startswith=root.path).first()
    person = StaffProfile.objects.filter(department__path__startswith=root.path).first()
    return [
        ("root dashboard", "/hr/"),
        (f"mid-level department ({middle.code})", f"/hr/?department={middle.code}"),
        ("people list", "/hr/people/"),
        ("a person's training record", f"/hr/people/{person.employee_id}/record/"),
    ]


def measure(client: Client, url: str, repeat: int) -> tuple[float, float, int, int]:
    """Cold: the dashboard's five-minute cache of figures empty; warm: filled."""
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # A wrapper rather than the debug log, which a reconnection between requests empties.
    with connection.execute_wrapper(count):
        response = client.get(url)
    cold, warm = [], []
    for __ in range(repeat):
        cache.clear()
        for durations in (cold, warm):
            start = time.perf_counter()
            client.get(url)
            durations.append((time.perf_counter() - start) * 1000)
    return (
        statistics.median(cold),
        statistics.median(warm),
        len(queries),
        response.status_code,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    officer = get_user_model().objects.filter(username=OFFICER).first()
    if officer is None:
        sys.exit("No bench data: run manage.py seed_bench --scale district first.")
    vendor = connection.vendor
    target = TARGET_MS.get(vendor, 300)
    staff = StaffProfile.objects.count()
    report(
        f"database: {vendor}; staff: {staff}, departments: "
        f"{Department.objects.count()}, assignment rows: "
        f"{AssignedPerson.objects.count()}; median of {args.repeat}"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(officer)
    report(f"{'page':<40} {'cold':>10} {'warm':>10}  queries")
    for label, url in pages():
        cold, warm, queries, status = measure(client, url, args.repeat)
        verdict = ", ".join(
            f"{name} {'met' if value < target and status == 200 else 'MISSED'}"
            for name, value in (("cold", cold), ("warm", warm))
        )
        report(
            f"{label:<40} {cold:7.1f} ms {warm:7.1f} ms  {queries:3d}  HTTP {status}  "
            f"target < {target} ms: {verdict}"
        )
        for name, value in (("cold", cold), ("warm", warm)):
            record(
                "hr_pages",
                f"{label}, {name}" + ("" if status == 200 else f" (HTTP {status})"),
                value if status == 200 else float("inf"),
                "ms",
                target=target,
                database=vendor,
                workers="in-process",
                concurrency=1,
                data=f"{staff:,} staff",
                queries=queries,
            )


if __name__ == "__main__":
    main()
