"""How fast a learner's pages answer on a district's data, and with how many queries.

Times, through Django's test client (server time, no network), a course page, a lesson
page and My learning, signed in as the seeded learner with the most assignments. Each
figure is the median of --repeat runs after one warm-up run, with the page cache empty.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/citylearn_bench \\
        python manage.py seed_bench --scale district
    DATABASE_URL=... python bench/learner_pages.py [--repeat 7]

Target: under 300 ms each on PostgreSQL at 20,000 staff; under 2 s on SQLite.
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

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from bench.figures import record  # noqa: E402
from citylearn.assignments.models import AssignedPerson  # noqa: E402
from citylearn.courses.models import LessonPage  # noqa: E402
from citylearn.organisation.models import StaffProfile  # noqa: E402
from citylearn.progress.models import Enrolment  # noqa: E402

TARGET_MS = {"postgresql": 300, "sqlite": 2000}


def busiest_learner():
    """The enrolled learner with the most assignments: the largest My learning."""
    enrolled = Enrolment.objects.values("user_id")
    row = (
        AssignedPerson.objects.filter(user_id__in=enrolled)
        .values("user_id")
        .annotate(assignments=Count("id"))
        .order_by("-assignments", "user_id")
        .first()
    )
    return None if row is None else row["user_id"]


def pages(user_id) -> list[tuple[str, str]]:
    enrolment = Enrolment.objects.filter(user_id=user_id).select_related("course")
    course = enrolment.first().course
    lesson = LessonPage.objects.child_of(course).live().order_by("path").last()
    return [
        ("course page", course.url),
        ("lesson page", lesson.url),
        ("My learning", "/my/learning/"),
    ]


def measure(client: Client, url: str, repeat: int) -> tuple[float, int, int]:
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    cache.clear()
    with connection.execute_wrapper(count):
        response = client.get(url)
    durations = []
    for __ in range(repeat):
        cache.clear()
        start = time.perf_counter()
        client.get(url)
        durations.append((time.perf_counter() - start) * 1000)
    return statistics.median(durations), len(queries), response.status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    user_id = busiest_learner()
    if user_id is None:
        sys.exit("No bench data: run manage.py seed_bench --scale district first.")
    vendor = connection.vendor
    target = TARGET_MS.get(vendor, 300)
    staff = StaffProfile.objects.count()
    assignments = AssignedPerson.objects.filter(user_id=user_id).count()
    print(
        f"database: {vendor}; staff: {staff}; the learner has {assignments} "
        f"assignments; median of {args.repeat}, page cache empty"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(StaffProfile.objects.get(user_id=user_id).user)
    for label, url in pages(user_id):
        median, queries, status = measure(client, url, args.repeat)
        met = median < target and status == 200
        print(
            f"{label:<14} {median:7.1f} ms  {queries:3d} queries  HTTP {status}  "
            f"target < {target} ms: {'met' if met else 'MISSED'}"
        )
        record(
            "learner_pages",
            label + ("" if status == 200 else f" (HTTP {status})"),
            median if status == 200 else float("inf"),
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
