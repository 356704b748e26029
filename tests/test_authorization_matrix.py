"""Who may open what: every URL pattern of the project, for every role.

The test walks django.urls.get_resolver() recursively; a pattern that is neither a
row of MATRIX nor under one of PREFIXES fails `test_every_url_pattern_is_in_the_matrix`.

How to add a row (every new URL needs one):

    "app:url_name": Row(
        url="/path/",                         # or a function of the Fixtures below
        expect=everyone(200),                 # or expect(anonymous=302, learner=403, ...)
        method="get",                         # "post" for POST-only views
    ),

Roles: anonymous, learner (staff in the community 东一社区), head (department head of
东街道), hr_other (HR officer of 区人社局, another subtree), hr_this (HR officer of 东街道,
this subtree), editor (Wagtail "Editors" group) and admin (superuser). Objects that a
row can point at are built in `Fixtures`: `person` is a learner inside 东街道 and
`upload` a roster upload of hr_this. Key a row by the URL's name ("namespace:name");
an unnamed pattern is keyed by its route as printed in the failure message.

Wagtail's admin and documents are covered as whole prefixes (PREFIXES), each with
representative URLs, rather than pattern by pattern: Wagtail enforces its own
permissions inside them and has hundreds of patterns.
"""

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from citylearn.access.enums import Role
from citylearn.assignments.services import assign_to_department
from citylearn.certificates.services import issue_certificate
from citylearn.content_import.services import import_content
from citylearn.courses.models import CoursePage, LessonPage
from citylearn.exports.enums import ExportFormat, ExportSource, ExportStatus
from citylearn.exports.models import Export
from citylearn.exports.storage import export_storage
from citylearn.organisation.imports.reading import read_roster
from citylearn.organisation.models import RosterUpload
from citylearn.progress.models import CourseCompletion
from citylearn.quizzes.services import start_attempt
from tests.builders import people
from tests.content_tree import FILES, write
from tests.organisation import roster_files

ROLES = ("anonymous", "learner", "head", "hr_other", "hr_this", "editor", "admin")


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def expect(**statuses: int) -> dict[str, int]:
    assert set(statuses) == set(ROLES), set(ROLES) ^ set(statuses)
    return statuses


SIGNED_IN = expect(
    anonymous=302,
    learner=200,
    head=200,
    hr_other=200,
    hr_this=200,
    editor=200,
    admin=200,
)
OFFICERS = expect(
    anonymous=302,
    learner=403,
    head=403,
    hr_other=200,
    hr_this=200,
    editor=403,
    admin=200,
)
READERS = expect(
    anonymous=302,
    learner=403,
    head=200,
    hr_other=200,
    hr_this=200,
    editor=403,
    admin=200,
)
# Personal objects of the learner: others are told they do not exist.
HOLDER_ONLY = expect(
    anonymous=302,
    learner=200,
    head=404,
    hr_other=404,
    hr_this=404,
    editor=404,
    admin=404,
)
# Wagtail answers a signed-in person without permission with a redirect to its home.
ADMIN_ONLY_IN_WAGTAIL = everyone(302) | {"admin": 200}
ADMINS = expect(
    anonymous=302,
    learner=403,
    head=403,
    hr_other=403,
    hr_this=403,
    editor=403,
    admin=200,
)
# Objects of 东街道's subtree: others are told they do not exist.
IN_SUBTREE_READERS = expect(
    anonymous=302,
    learner=403,
    head=200,
    hr_other=404,
    hr_this=200,
    editor=403,
    admin=200,
)
IN_SUBTREE_OFFICERS = IN_SUBTREE_READERS | {"head": 403}
# hr_this's own export: other readers are told it does not exist.
REQUESTER_ONLY = expect(
    anonymous=302,
    learner=403,
    head=404,
    hr_other=404,
    hr_this=200,
    editor=403,
    admin=404,
)


@dataclass
class Fixtures:
    person: object = None
    upload: object = None
    course: object = None
    lesson: object = None
    certificate: object = None
    assignment: object = None
    export: object = None


@dataclass(frozen=True)
class Row:
    url: str | Callable[[Fixtures], str]
    expect: dict[str, int] = field(default_factory=dict)
    method: str = "get"
    data: dict = field(default_factory=dict)


BOGUS_TOKEN = "MQ/bogus-token"

MATRIX: dict[str, Row] = {
    # core
    "healthz": Row("/healthz", everyone(200)),
    "wagtail_serve": Row("/", everyone(200)),
    "wagtailcore_login": Row("/_util/login/", everyone(200)),
    "wagtailcore_authenticate_with_password": Row(
        "/_util/authenticate_with_password/999/999/", everyone(404)
    ),
    # accounts
    "admin_login_redirect": Row("/admin/login/", everyone(302)),
    "accounts:login": Row("/accounts/login/", everyone(200)),
    "accounts:logout": Row("/accounts/logout/", everyone(200), method="post"),
    "accounts:password_link": Row("/accounts/password/link/", everyone(200)),
    "accounts:password_link_sent": Row("/accounts/password/link/sent/", everyone(200)),
    "accounts:password_reset_confirm": Row(
        f"/accounts/password/reset/{BOGUS_TOKEN}/", everyone(200)
    ),
    "accounts:activate": Row(f"/accounts/activate/{BOGUS_TOKEN}/", everyone(200)),
    "accounts:password_set_done": Row("/accounts/password/done/", everyone(200)),
    "accounts:password_change": Row("/accounts/password/change/", SIGNED_IN),
    "accounts:password_change_done": Row("/accounts/password/change/done/", SIGNED_IN),
    "accounts:my_data": Row("/accounts/my-data/", SIGNED_IN),
    "accounts:my_data_download": Row("/accounts/my-data.json", SIGNED_IN),
    # organisation: officers only see their own uploads and their own subtrees
    "organisation:roster_upload": Row("/hr/roster/", OFFICERS),
    "organisation:roster_template": Row("/hr/roster/template.csv", OFFICERS),
    "organisation:roster_preview": Row(
        lambda f: f"/hr/roster/{f.upload.pk}/",
        expect(
            anonymous=302,
            learner=403,
            head=403,
            hr_other=404,
            hr_this=200,
            editor=403,
            admin=404,
        ),
    ),
    "organisation:roster_changes": Row(
        lambda f: f"/hr/roster/{f.upload.pk}/changes.csv",
        expect(
            anonymous=302,
            learner=403,
            head=403,
            hr_other=404,
            hr_this=200,
            editor=403,
            admin=404,
        ),
    ),
    "organisation:roster_apply": Row(
        lambda f: f"/hr/roster/{f.upload.pk}/apply/",
        expect(
            anonymous=302,
            learner=403,
            head=403,
            hr_other=404,
            hr_this=302,
            editor=403,
            admin=404,
        ),
        method="post",
    ),
    "organisation:people": Row("/hr/people/", READERS),
    "organisation:person": Row(
        lambda f: f"/hr/people/{f.person.employee_id}/",
        expect(
            anonymous=302,
            learner=403,
            head=200,
            hr_other=404,
            hr_this=200,
            editor=403,
            admin=200,
        ),
    ),
    # reports: the dashboard for heads and officers; a record for them and its holder
    "reports:dashboard": Row("/hr/", READERS),
    # which articles staff misread: officers, in their own subtrees
    "reports:provision_figures": Row("/hr/articles/", OFFICERS),
    "reports:person_record": Row(
        lambda f: f"/hr/people/{f.person.employee_id}/record/",
        expect(
            anonymous=302,
            learner=200,
            head=200,
            hr_other=404,
            hr_this=200,
            editor=404,
            admin=200,
        ),
    ),
    # exports: of what a reader sees; a large one's file is its requester's only
    "exports:create": Row(
        "/hr/exports/dashboard/new/", READERS, method="post", data={"format": "csv"}
    ),
    "exports:export": Row(lambda f: f"/hr/exports/{f.export.pk}/", REQUESTER_ONLY),
    "exports:download": Row(
        lambda f: f"/hr/exports/{f.export.pk}/download/", REQUESTER_ONLY
    ),
    # assignments: heads read their subtree's, officers in scope change them
    "assignments:list": Row("/hr/assignments/", READERS),
    "assignments:create": Row("/hr/assignments/new/", OFFICERS),
    "assignments:targets": Row("/hr/assignments/targets/", OFFICERS),
    "assignments:detail": Row(
        lambda f: f"/hr/assignments/{f.assignment.pk}/", IN_SUBTREE_READERS
    ),
    "assignments:extend": Row(
        lambda f: f"/hr/assignments/{f.assignment.pk}/extend/", IN_SUBTREE_OFFICERS
    ),
    "assignments:extend_person": Row(
        lambda f: (
            f"/hr/assignments/{f.assignment.pk}/people/{f.person.user_id}/extend/"
        ),
        IN_SUBTREE_OFFICERS,
    ),
    "assignments:withdraw": Row(
        lambda f: f"/hr/assignments/{f.assignment.pk}/withdraw/", IN_SUBTREE_OFFICERS
    ),
    # reminders: officers remind their own subtrees; a notice is its holder's only
    "reminders:deliveries": Row("/hr/reminders/", OFFICERS),
    "reminders:remind": Row(
        lambda f: f"/hr/reminders/departments/{f.person.department.code}/",
        IN_SUBTREE_OFFICERS,
    ),
    "reminders:read_notice": Row(
        "/my/notices/999999/read/", everyone(404) | {"anonymous": 302}, method="post"
    ),
    # audit
    "audit:log": Row("/audit/", ADMINS),
    # search
    "search:search": Row("/search/?q=数据", everyone(200)),
    # public outreach: feedback is anonymous for everyone; a post without this site's
    # Origin or Referer (as this client sends it) is refused whoever sends it.
    "feedback:submit": Row("/feedback/", everyone(403), method="post"),
    "feedback:thanks": Row("/feedback/thanks/?next=/", everyone(200)),
    "transparency": Row("/transparency/", everyone(200)),
    # laws: the cited articles and what cites them, public
    "laws:index": Row("/laws/", everyone(200)),
    "laws:provision": Row("/laws/pipl-45/", everyone(200)),
    # learning: every signed-in person may take courses; what is personal is the holder's
    "progress:my_learning": Row("/my/learning/", SIGNED_IN),
    "progress:start_course": Row(
        lambda f: f"/my/courses/{f.course.pk}/start/", everyone(302), method="post"
    ),
    "progress:complete_lesson": Row(
        lambda f: f"/my/lessons/{f.lesson.pk}/complete/", everyone(302), method="post"
    ),
    # The fixture's lesson has no checkpoint 1.
    "progress:checkpoint": Row(
        lambda f: f"/my/lessons/{f.lesson.pk}/checkpoints/1/",
        everyone(404) | {"anonymous": 302},
        method="post",
    ),
    # Each signed-in person practises from their own courses only.
    "practice:daily": Row("/my/practice/", SIGNED_IN),
    # A reason for being late is given only by the person the assignment names.
    "my_assignments:late_reason": Row(
        lambda f: (
            "/my/assignments/"
            f"{f.assignment.assigned_people.get(user=f.person.user).pk}/late-reason/"
        ),
        HOLDER_ONLY,
    ),
    "certificates:verify_form": Row("/certificates/verify/", everyone(200)),
    "certificates:verify": Row(
        lambda f: f"/certificates/verify/{f.certificate.code}/", everyone(200)
    ),
    "certificates:download": Row(
        lambda f: f"/certificates/{f.certificate.code}/pdf/", HOLDER_ONLY
    ),
    # quizzes: the learner holds attempt 1; nobody else may see or change it
    "quizzes:quiz": Row("/learn/data-basics/quiz/", SIGNED_IN),
    "quizzes:attempt": Row("/learn/data-basics/quiz/1/", HOLDER_ONLY),
    "quizzes:save": Row(
        "/learn/data-basics/quiz/1/answers/",
        HOLDER_ONLY | {"learner": 302},
        method="post",
    ),
    "quizzes:submit": Row(
        "/learn/data-basics/quiz/1/submit/",
        HOLDER_ONLY | {"learner": 302},
        method="post",
    ),
    "quizzes:result": Row("/learn/data-basics/quiz/1/result/", HOLDER_ONLY),
    # Starting is last: it gives every other role an attempt of their own once confirmed;
    # this unconfirmed post only leads to the confirmation page.
    "quizzes:start": Row(
        "/learn/data-basics/quiz/start/", everyone(302), method="post"
    ),
}

# Whole URL includes covered by representative URLs instead of pattern by pattern.
PREFIXES: dict[str, list[Row]] = {
    "admin/": [
        Row(
            "/admin/",
            expect(
                anonymous=302,
                learner=302,
                head=302,
                hr_other=302,
                hr_this=302,
                editor=200,
                admin=200,
            ),
        ),
        Row(
            "/admin/pages/",
            expect(
                anonymous=302,
                learner=302,
                head=302,
                hr_other=302,
                hr_this=302,
                editor=200,
                admin=200,
            ),
        ),
        Row(
            "/admin/users/",
            expect(
                anonymous=302,
                learner=302,
                head=302,
                hr_other=302,
                hr_this=302,
                editor=302,
                admin=200,
            ),
        ),
        # Wagtail's reports, served by citylearn.core.admin_reports for safe exports.
        Row(
            "/admin/reports/site-history/?export=csv",
            expect(
                anonymous=302,
                learner=302,
                head=302,
                hr_other=302,
                hr_this=302,
                editor=200,
                admin=200,
            ),
        ),
        # The department tree and roles: administrators only.
        Row("/admin/departments/", ADMIN_ONLY_IN_WAGTAIL),
        Row("/admin/departments/new/", ADMIN_ONLY_IN_WAGTAIL),
        Row("/admin/roles/", ADMIN_ONLY_IN_WAGTAIL),
    ],
    "documents/": [Row("/documents/999/missing.pdf", everyone(404))],
}


def url_patterns(patterns=None, prefix: str = "", namespace: str | None = None):
    """(key, route) for every pattern: key is the URL name, or the route if unnamed."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = (
                    f"{namespace}:{pattern.namespace}"
                    if namespace
                    else pattern.namespace
                )
            yield from url_patterns(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (
                f"{namespace}:{pattern.name}" if namespace else pattern.name
            )
            yield name or route, route


def missing_from_matrix() -> list[str]:
    return sorted(
        {
            key
            for key, route in url_patterns()
            if key not in MATRIX and not route.startswith(tuple(PREFIXES))
        }
    )


def test_every_url_pattern_is_in_the_matrix():
    missing = missing_from_matrix()
    assert missing == [], f"add these URL patterns to MATRIX in {__file__}: {missing}"


def test_the_matrix_has_no_stale_rows():
    known = {key for key, __ in url_patterns()}
    assert sorted(set(MATRIX) - known) == []


def test_an_unlisted_url_fails_the_matrix(settings):
    settings.ROOT_URLCONF = "tests.unlisted_urls"
    assert missing_from_matrix() == ["unlisted-for-the-matrix-test"]


def build_world() -> tuple[dict[str, object], Fixtures]:
    tree = people.district()
    learner = people.staff("L1", tree["community"], name="王芳").user
    head = people.staff("H1", tree["street"], name="李雷").user
    people.grant(head, Role.DEPARTMENT_HEAD, tree["street"])
    hr_other = people.make_user("hr_other")
    people.grant(hr_other, Role.HR_OFFICER, tree["bureau"])
    hr_this = people.make_user("hr_this")
    people.grant(hr_this, Role.HR_OFFICER, tree["street"])
    users = {
        "anonymous": None,
        "learner": learner,
        "head": head,
        "hr_other": hr_other,
        "hr_this": hr_this,
        "editor": people.editor(),
        "admin": people.make_user("root", is_superuser=True, is_staff=True),
    }
    upload = RosterUpload.objects.create(
        uploaded_by=hr_this,
        filename="roster.csv",
        rows=read_roster(
            roster_files.utf8_csv([roster_files.person("N1", "赵敏", "S1-C1")])
        ).to_json(),
        sha256="",
    )
    course, lesson, certificate = learning_world(learner)
    assignment = assign_to_department(
        course=course,
        department=tree["street"],
        due_on=timezone.localdate() + timedelta(days=30),
        by=None,
    )
    export = Export.objects.create(
        requester=hr_this,
        source=ExportSource.PEOPLE,
        format=ExportFormat.CSV,
        paths=[tree["street"].path],
        status=ExportStatus.READY,
        file_name=export_storage().save("1-matrix.csv", ContentFile(b"\xef\xbb\xbf")),
        expires_at=timezone.now() + timedelta(hours=1),
    )
    return users, Fixtures(
        export=export,
        person=learner.staff_profile,
        upload=upload,
        course=course,
        lesson=lesson,
        certificate=certificate,
        assignment=assignment,
    )


def learning_world(learner):
    """A course with a quiz; the learner has completed it and holds attempt 1."""
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        for relative, text in FILES.items():
            write(root, relative, text)
        assert import_content(root).problems == []
    course = CoursePage.objects.get(slug="data-basics")
    lesson = LessonPage.objects.child_of(course).first()
    start_attempt(quiz=course.quiz, user=learner)
    completion = CourseCompletion.objects.create(
        user=learner,
        course=course,
        completed_at=timezone.now(),
        completed_on=timezone.localdate(),
        year=timezone.localdate().year,
        credit_hours=course.credit_hours,
    )
    return course, lesson, issue_certificate(completion=completion)


def check(client: Client, row: Row, role: str, fixtures: Fixtures) -> str | None:
    url = row.url(fixtures) if callable(row.url) else row.url
    response = getattr(client, row.method)(url, row.data)
    if response.status_code != row.expect[role]:
        return f"{row.method.upper()} {url}: {response.status_code}, expected {row.expect[role]}"
    return None


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_role_gets_the_expected_status_everywhere(role):
    users, fixtures = build_world()
    rows = list(MATRIX.values()) + [row for rows in PREFIXES.values() for row in rows]
    wrong = []
    for row in rows:
        # A fresh client per URL: one page's sign-out or lockout must not leak into the next.
        client = Client(raise_request_exception=False)
        if users[role] is not None:
            client.force_login(users[role])
        problem = check(client, row, role, fixtures)
        if problem:
            wrong.append(problem)
    assert wrong == [], f"{role}: " + "; ".join(wrong)
