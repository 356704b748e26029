"""Made-up district data for benchmarks and tests, the same for the same seed and day.

Rows are written with bulk_create in batches; pages through Wagtail's tree API,
without revisions, which a made-up catalogue does not need.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page, Site

from citylearn.access.enums import Role
from citylearn.assignments.enums import LateReasonKind
from citylearn.assignments.models import AssignedPerson, Assignment, LateReason
from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from citylearn.core import site_structure
from citylearn.courses.models import CourseIndexPage, CoursePage, LessonPage
from citylearn.organisation.models import Department, RoleAssignment, StaffProfile
from citylearn.progress.models import CourseCompletion, Enrolment, LessonCompletion
from citylearn.quizzes.models import Attempt, QuestionBank, Quiz
from citylearn.reports.models import DepartmentSnapshot
from citylearn.reports.selectors import FIGURE_NAMES
from citylearn.reports.services import write_snapshots

BATCH = 5000
ROOT_CODE = "BENCH"
OFFICER = "bench-officer"
# Past snapshots climb towards today's in these; headcounts and targets stay.
CLIMBING_FIGURES = [
    "completed_on_time",
    "completed_late",
    "in_progress",
    "not_started",
    "overdue",
    "hours_earned",
    "score_total",
    "scored",
]
HEAD = "bench-head"
FAMILY = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚"


@dataclass(frozen=True)
class Scale:
    staff: int
    # Children per node at each level below the root; the product sets the tree's size.
    fan_out: tuple[int, ...]
    courses: int
    lessons: int
    assignments_per_person: int
    snapshot_days: int
    audit_days: int
    sign_ins_per_person: int
    # Generated variants of each public page of content/ (imported first) beside it.
    content_variants: int = 0


SCALES = {
    # 1 + 12 + 36 + 108 + 143 = 300 departments, five levels deep.
    "district": Scale(
        staff=20_000,
        fan_out=(12, 3, 3, 143),
        courses=30,
        lessons=8,
        assignments_per_person=10,
        snapshot_days=730,
        audit_days=5 * 365,
        sign_ins_per_person=20,
        content_variants=9,
    ),
    "small": Scale(
        staff=40,
        fan_out=(2, 2, 1),
        courses=3,
        lessons=2,
        assignments_per_person=2,
        snapshot_days=10,
        audit_days=30,
        sign_ins_per_person=2,
    ),
}


class AlreadySeeded(Exception):
    pass


def seed_bench(
    *, scale: Scale, seed: int, say: Callable[[str], None] = lambda line: None
) -> dict[str, int]:
    """Build the district; refuses to run twice on one database."""
    if Department.objects.filter(code=ROOT_CODE).exists():
        raise AlreadySeeded(ROOT_CODE)
    rng = random.Random(seed)  # noqa: S311 - made-up records, not secrets
    today = timezone.localdate()
    content_pages = 0
    if scale.content_variants:
        # Before the catalogue: content/ brings the course index the courses go under.
        content_pages = _content(scale.content_variants, seed)
        say(f"public content pages: {content_pages}")
    with transaction.atomic():
        departments = _departments(scale, rng)
        say(f"departments: {len(departments)}")
        profiles = _staff(scale, rng, departments)
        say(f"staff: {len(profiles)}")
        courses = _courses(scale)
        say(f"courses: {len(courses)}")
        rows = _assignments(scale, rng, departments, profiles, courses, today)
        say(f"assignment rows: {rows}")
        counts = _progress(rng, courses, today)
        say(", ".join(f"{name}: {count}" for name, count in counts.items()))
        snapshots = _snapshots(scale, today)
        say(f"snapshots: {snapshots}")
        audit_entries = _audit_entries(scale, rng, profiles)
        say(f"audit entries: {audit_entries}")
    # Fresh statistics, or the planner takes the new tables for empty ones.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "departments": len(departments),
        "staff": len(profiles),
        "courses": len(courses),
        "assignment_rows": rows,
        "snapshots": snapshots,
        "audit_entries": audit_entries,
        "public_content_pages": content_pages,
        **counts,
    }


def _departments(scale: Scale, rng: random.Random) -> list[Department]:
    """The tree built by paths directly: one insert per level instead of per node."""
    root = Department.add_root(code=ROOT_CODE, name="示范区")
    level, everyone, number = [root], [root], 0
    for depth, fan_out in enumerate(scale.fan_out, start=2):
        children = []
        # The last level's nodes are spread over the parents rather than `fan_out` each.
        per_parent = (
            [fan_out] * len(level)
            if depth < len(scale.fan_out) + 1
            else _spread(fan_out, len(level))
        )
        for parent, count in zip(level, per_parent, strict=True):
            for index in range(1, count + 1):
                number += 1
                children.append(
                    Department(
                        code=f"B{number:04d}",
                        name=f"{parent.name[:6]}{index}{'局科股组'[min(depth - 2, 3)]}",
                        path=Department._get_path(parent.path, depth, index),
                        depth=depth,
                        numchild=0,
                    )
                )
            parent.numchild = count
        Department.objects.bulk_update(level, ["numchild"])
        Department.objects.bulk_create(children, batch_size=BATCH)
        level = list(Department.objects.filter(depth=depth, path__startswith=root.path))
        everyone += level
    return everyone


def _content(variants: int, seed: int) -> int:
    from citylearn.content_import.services import import_content
    from citylearn.search.selectors import public_pages

    report = import_content(settings.CONTENT_DIR)
    if report.problems:
        raise ValueError(f"content/ has errors: {report.problems[:3]}")
    add_content_variants(variants=variants, seed=seed)
    return public_pages().count()


# Where a generated variant is set: each reads as the same page adapted for a place.
PLACES = "东城西城朝阳海淀丰台石景山门头沟房山通州顺义昌平大兴怀柔平谷密云延庆"


def add_content_variants(*, variants: int, seed: int) -> int:
    """`variants` copies of every public content page of content/, published beside it.

    The glossary stays single (its terms are one list). Each copy gets its own slug
    and a title naming a place chosen from the seed, so that the same seed gives the
    same pages; returns how many were added. bench/search.py measures search on these.
    """
    from citylearn.search.selectors import TYPES, public_pages

    rng = random.Random(seed)  # noqa: S311 - made-up pages, not secrets
    places = [PLACES[i : i + 2] for i in range(0, len(PLACES), 2)]
    originals = list(
        public_pages()
        .type(*TYPES.values())
        .exclude(slug="glossary")
        .order_by("path")
        .specific()
    )
    for page in originals:
        parent = page.get_parent()
        for number in range(1, variants + 1):
            page.copy(
                to=parent,
                update_attrs={
                    "slug": f"{page.slug}-variant-{number}",
                    "title": f"{page.title}（{rng.choice(places)}之{number}）",
                },
                keep_live=True,
                log_action=None,
            )
    return len(originals) * variants


def _spread(total: int, parents: int) -> list[int]:
    base, extra = divmod(total, parents)
    return [base + (1 if index < extra else 0) for index in range(parents)]


def _staff(scale, rng, departments) -> list[StaffProfile]:
    """People in every department but the root, most of them in the deepest levels."""
    User = get_user_model()
    # Nobody signs in as made-up staff: one unusable password for all, hashed once.
    no_password = make_password(None)
    places = [d for d in departments if d.depth > 1]
    weights = [d.depth for d in places]
    users = User.objects.bulk_create(
        [
            User(username=f"bench{n:05d}", password=no_password, email="")
            for n in range(scale.staff)
        ],
        batch_size=BATCH,
    )
    joined = timezone.localdate() - datetime.timedelta(days=3 * 365)
    profiles = StaffProfile.objects.bulk_create(
        [
            StaffProfile(
                user=user,
                employee_id=f"B{n:05d}",
                name=rng.choice(FAMILY) + rng.choice(GIVEN) + rng.choice(GIVEN),
                department=rng.choices(places, weights)[0],
                email=f"b{n:05d}@bench.example.org",
                joined_on=joined,
            )
            for n, user in enumerate(users)
        ],
        batch_size=BATCH,
    )
    officer = User.objects.create(username=OFFICER, password=no_password)
    RoleAssignment.objects.create(
        user=officer, role=Role.HR_OFFICER, department=departments[0]
    )
    head = User.objects.create(username=HEAD, password=no_password)
    RoleAssignment.objects.create(
        user=head, role=Role.DEPARTMENT_HEAD, department=departments[1]
    )
    return profiles


def _catalogue() -> CourseIndexPage:
    existing = CourseIndexPage.objects.first()
    if existing is not None:
        return existing
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page if site else Page.get_first_root_node()
    area = site_structure.area("course")
    return home.add_child(instance=CourseIndexPage(title=area.title, slug=area.slug))


def _courses(scale: Scale) -> list[CoursePage]:
    catalogue = _catalogue()
    bank = QuestionBank.objects.create(slug="bench-bank", title="示范题库")
    courses = []
    for number in range(1, scale.courses + 1):
        course = catalogue.add_child(
            instance=CoursePage(
                title=f"示范课程 {number:02d}",
                slug=f"bench-course-{number:02d}",
                summary="压力测试用的示范课程。",
                credit_hours=Decimal(1 + number % 4),
                estimated_minutes=60,
                body="课程介绍。",
            )
        )
        for index in range(1, scale.lessons + 1):
            course.add_child(
                instance=LessonPage(
                    title=f"第{index}课",
                    slug=f"lesson-{index}",
                    estimated_minutes=10,
                    body=f"第{index}课的正文。",
                )
            )
        Quiz.objects.create(
            course=course, bank=bank, title="结业测验", draw=1, pass_mark=60
        )
        courses.append(course)
    return courses


def _assignments(scale, rng, departments, profiles, courses, today) -> int:
    """Each second-level subtree gets its own courses, due over the past and next year."""
    rows = []
    tops = [d for d in departments if d.depth == 2]
    people_of = {top.path: [] for top in tops}
    paths = {d.pk: d.path for d in departments}
    for profile in profiles:
        people_of[paths[profile.department_id][: Department.steplen * 2]].append(
            profile.user_id
        )
    for top in tops:
        for course in rng.sample(courses, scale.assignments_per_person):
            due_on = today + datetime.timedelta(days=rng.randint(-300, 200))
            assignment = Assignment.objects.create(
                course=course, department=top, due_on=due_on
            )
            rows += [
                AssignedPerson(assignment=assignment, user_id=user_id, due_on=due_on)
                for user_id in people_of[top.path]
            ]
    AssignedPerson.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _progress(rng, courses, today) -> dict[str, int]:
    """About 45% of assignments completed, 15% started, the rest not started; one in
    five of those overdue has said why it is late."""
    lessons = {
        course.pk: list(
            LessonPage.objects.child_of(course).values_list("pk", flat=True)
        )
        for course in courses
    }
    by_pk = {course.pk: course for course in courses}
    quizzes = dict(Quiz.objects.values_list("course_id", "pk"))
    batches = {
        Enrolment: [],
        LessonCompletion: [],
        CourseCompletion: [],
        Attempt: [],
        LateReason: [],
    }
    counts = dict.fromkeys(batches, 0)

    def add(model, objects):
        # Written as they pile up: a district's progress does not fit in memory at once.
        batches[model] += objects
        if len(batches[model]) >= BATCH:
            flush(model)

    def flush(model):
        model.objects.bulk_create(batches[model], batch_size=BATCH)
        counts[model] += len(batches[model])
        batches[model] = []

    rows = AssignedPerson.objects.order_by("pk").values_list(
        "pk", "user_id", "assignment__course_id", "due_on"
    )
    for assigned_id, user_id, course_id, due_on in rows.iterator(chunk_size=BATCH):
        roll = rng.random()
        if roll >= 0.45 and due_on < today and rng.random() < 0.2:
            add(LateReason, [_late_reason(rng, assigned_id, today)])
        if roll >= 0.6:
            continue
        day = min(due_on + datetime.timedelta(days=rng.randint(-120, 40)), today)
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
        add(
            Enrolment,
            [Enrolment(user_id=user_id, course_id=course_id, started_at=moment)],
        )
        done = lessons[course_id] if roll < 0.45 else lessons[course_id][:2]
        add(
            LessonCompletion,
            [
                LessonCompletion(
                    user_id=user_id,
                    lesson_id=lesson,
                    course_id=course_id,
                    completed_at=moment,
                )
                for lesson in done
            ],
        )
        if roll < 0.45:
            add(
                CourseCompletion,
                [
                    CourseCompletion(
                        user_id=user_id,
                        course_id=course_id,
                        completed_at=moment,
                        completed_on=day,
                        year=day.year,
                        credit_hours=by_pk[course_id].credit_hours,
                    )
                ],
            )
            score = rng.randint(60, 100)
            add(
                Attempt,
                [
                    Attempt(
                        quiz_id=quizzes[course_id],
                        user_id=user_id,
                        number=1,
                        started_at=moment,
                        submitted_at=moment,
                        graded_at=moment,
                        score=score,
                        passed=True,
                    )
                ],
            )
    for model in batches:
        flush(model)
    return {
        "enrolments": counts[Enrolment],
        "lesson completions": counts[LessonCompletion],
        "course completions": counts[CourseCompletion],
        "quiz attempts": counts[Attempt],
        "late reasons": counts[LateReason],
    }


def _late_reason(rng, assigned_id, today) -> LateReason:
    given = today - datetime.timedelta(days=rng.randint(0, 60))
    kind = rng.choice(LateReasonKind.values)
    return LateReason(
        assigned_id=assigned_id,
        kind=kind,
        text="借调到其他项目" if kind == LateReasonKind.OTHER else "",
        committed_on=today + datetime.timedelta(days=rng.randint(1, 60)),
        given_at=timezone.make_aware(
            datetime.datetime.combine(given, datetime.time(9))
        ),
    )


def _snapshots(scale: Scale, today: datetime.date) -> int:
    """Today's real figures, and a history that climbs to them over the past days."""
    write_snapshots(today=today)
    latest = list(DepartmentSnapshot.objects.filter(date=today))
    history = []
    for back in range(1, scale.snapshot_days):
        share = Decimal(scale.snapshot_days - back) / Decimal(scale.snapshot_days)
        for snapshot in latest:
            figures = {name: getattr(snapshot, name) for name in FIGURE_NAMES}
            for name in CLIMBING_FIGURES:
                figures[name] = _scaled(figures[name], share)
            history.append(
                DepartmentSnapshot(
                    date=today - datetime.timedelta(days=back),
                    department_id=snapshot.department_id,
                    **figures,
                )
            )
    DepartmentSnapshot.objects.bulk_create(history, batch_size=BATCH)
    return len(latest) + len(history)


def _audit_entries(scale: Scale, rng: random.Random, profiles) -> int:
    """Sign-ins of every person spread over the past years, and the officer's views."""
    now = timezone.now()
    officer = get_user_model().objects.get(username=OFFICER)
    usernames = dict(
        get_user_model()
        .objects.filter(pk__in=[profile.user_id for profile in profiles])
        .values_list("pk", "username")
    )

    def moment():
        return now - datetime.timedelta(
            seconds=rng.randint(0, scale.audit_days * 86400)
        )

    entries = []
    total = 0
    for profile in profiles:
        label = usernames[profile.user_id]
        entries += [
            AuditEntry(
                at=moment(),
                actor_id=profile.user_id,
                actor_label=label,
                action=AuditAction.SIGN_IN,
                target_user_id=profile.user_id,
                target_label=label,
                address=f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
            )
            for __ in range(scale.sign_ins_per_person)
        ]
        if rng.random() < 0.05:
            entries.append(
                AuditEntry(
                    at=moment(),
                    actor=officer,
                    actor_label=officer.username,
                    action=AuditAction.PERSON_VIEWED,
                    target_user_id=profile.user_id,
                    target_label=label,
                    address="10.0.0.1",
                )
            )
        if len(entries) >= BATCH:
            AuditEntry.objects.bulk_create(entries, batch_size=BATCH)
            total += len(entries)
            entries = []
    AuditEntry.objects.bulk_create(entries, batch_size=BATCH)
    return total + len(entries)


def _scaled(value, share: Decimal):
    if isinstance(value, Decimal):
        return (value * share).quantize(Decimal("0.1"))
    return int(value * share)
