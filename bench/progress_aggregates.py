"""How the learning records aggregate over a district's staff.

Builds 20,000 staff (or --staff N) with enrolments, lesson and course completions and
one assignment covering everybody, inside a transaction that is rolled back at the end,
then times the queries HR dashboards will run and My learning for one person.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/citylearn_bench \\
        python bench/progress_aggregates.py [--staff 20000]

The database needs migrations applied and content imported (manage.py import_content).
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citylearn.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, Sum  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from citylearn.assignments.models import AssignedPerson, Assignment  # noqa: E402
from citylearn.courses.models import CoursePage, LessonPage  # noqa: E402
from citylearn.progress.models import (  # noqa: E402
    CourseCompletion,
    Enrolment,
    LessonCompletion,
)

BATCH = 5000


class Rollback(Exception):
    pass


def report(line: str) -> None:
    sys.stdout.write(line + "\n")


def build(staff: int, seed: int) -> tuple[list, Assignment]:
    rng = random.Random(seed)  # noqa: S311 - made-up records, not secrets
    User = get_user_model()
    courses = list(CoursePage.objects.live().order_by("pk"))
    if not courses:
        sys.exit("No courses: run manage.py import_content first.")
    lessons = {c.pk: list(LessonPage.objects.child_of(c).live()) for c in courses}
    users = User.objects.bulk_create(
        [
            User(username=f"bench{n}", last_name="张", first_name=f"{n}")
            for n in range(staff)
        ],
        batch_size=BATCH,
    )
    now = timezone.now()
    enrolments, lesson_rows, completions = [], [], []
    for user in users:
        for course in courses:
            roll = rng.random()
            if roll < 0.35:
                continue
            started = now - timedelta(days=rng.randint(0, 700))
            enrolments.append(Enrolment(user=user, course=course, started_at=started))
            done = (
                lessons[course.pk]
                if roll > 0.6
                else lessons[course.pk][: rng.randint(0, 5)]
            )
            lesson_rows += [
                LessonCompletion(
                    user=user, lesson=lesson, course=course, completed_at=started
                )
                for lesson in done
            ]
            if roll > 0.6:
                finished = started + timedelta(days=rng.randint(0, 30))
                local = timezone.localdate(finished)
                completions.append(
                    CourseCompletion(
                        user=user,
                        course=course,
                        completed_at=finished,
                        completed_on=local,
                        year=local.year,
                        credit_hours=course.credit_hours,
                    )
                )
    for model, rows in (
        (Enrolment, enrolments),
        (LessonCompletion, lesson_rows),
        (CourseCompletion, completions),
    ):
        model.objects.bulk_create(rows, batch_size=BATCH)
    assignment = Assignment.objects.create(
        course=courses[0], due_on=timezone.localdate() - timedelta(days=30)
    )
    AssignedPerson.objects.bulk_create(
        [
            AssignedPerson(assignment=assignment, user=user, due_on=assignment.due_on)
            for user in users
        ],
        batch_size=BATCH,
    )
    report(
        f"built: {staff} staff, {len(courses)} courses, {len(enrolments)} enrolments, "
        f"{len(lesson_rows)} lesson completions, {len(completions)} course completions"
    )
    return users, assignment


def timed(label: str, query, repeat: int = 5) -> None:
    durations = []
    for __ in range(repeat):
        start = time.perf_counter()
        result = query()
        durations.append((time.perf_counter() - start) * 1000)
    report(f"{label:<58} median {statistics.median(durations):8.1f} ms   ({result})")


def measure(users: list, assignment: Assignment) -> None:
    year = timezone.localdate().year
    target = Decimal(django.conf.settings.ANNUAL_CREDIT_HOURS_TARGET)
    this_year = CourseCompletion.objects.filter(year=year)
    timed(
        "completions this year per course",
        lambda: len(list(this_year.values("course").annotate(n=Count("id")))),
    )
    timed(
        "hours this year for every person",
        lambda: len(list(this_year.values("user").annotate(hours=Sum("credit_hours")))),
    )
    timed(
        "people who reached the annual target",
        lambda: (
            this_year.values("user")
            .annotate(hours=Sum("credit_hours"))
            .filter(hours__gte=target)
            .count()
        ),
    )
    timed(
        "assignment status counts over all staff",
        lambda: dict(
            AssignedPerson.objects.filter(assignment=assignment)
            .with_status(timezone.localdate())
            .values_list("status")
            .annotate(n=Count("id"))
        ),
    )
    timed(
        "lesson completions per course (progress breadth)",
        lambda: len(
            list(
                LessonCompletion.objects.values("course").annotate(
                    people=Count("user", distinct=True)
                )
            )
        ),
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(users[len(users) // 2])
    client.get("/my/learning/")
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get("/my/learning/")
        elapsed = (time.perf_counter() - start) * 1000
    report(
        f"{'My learning for one person':<58} {elapsed:8.1f} ms   "
        f"({response.status_code}, {len(queries)} queries)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    report(f"database: {connection.vendor}")
    try:
        with transaction.atomic():
            start = time.perf_counter()
            users, assignment = build(args.staff, args.seed)
            report(f"build time: {time.perf_counter() - start:.1f} s")
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("ANALYZE")
            measure(users, assignment)
            raise Rollback
    except Rollback:
        report("rolled back: the database is as it was")


if __name__ == "__main__":
    main()
