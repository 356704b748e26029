"""Demo accounts for a newcomer's machine: one per role, with passwords printed on screen,
in a demo district of about 30 departments and 200 staff."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from citylearn.access.enums import Role
from citylearn.assignments.demo import assign_demo_courses
from citylearn.organisation.demo import attach_demo_person, build_demo_district

DEMO_PASSWORD = "Citylearn-demo-2026"  # noqa: S105 - printed on screen, demo machines only


@dataclass(frozen=True)
class DemoAccount:
    role: str
    username: str
    password: str


@transaction.atomic
def create_demo_accounts() -> list[DemoAccount]:
    """Create (or reset) the demo accounts; safe to run again."""
    User = get_user_model()
    accounts = []

    admin, __ = User.objects.get_or_create(username="admin")
    admin.is_staff = admin.is_superuser = True
    admin.email = "admin@example.org"
    admin.set_password(DEMO_PASSWORD)
    admin.save()
    accounts.append(DemoAccount("administrator", admin.username, DEMO_PASSWORD))

    editor, __ = User.objects.get_or_create(username="editor")
    editor.email = "editor@example.org"
    editor.set_password(DEMO_PASSWORD)
    editor.save()
    editor.groups.add(Group.objects.get(name="Editors"))
    accounts.append(DemoAccount("editor", editor.username, DEMO_PASSWORD))

    learner, __ = User.objects.get_or_create(username="learner")
    learner.email = "learner@example.org"
    learner.first_name = "晓明"
    learner.last_name = "张"
    learner.set_password(DEMO_PASSWORD)
    learner.save()
    accounts.append(DemoAccount("learner", learner.username, DEMO_PASSWORD))

    build_demo_district()
    attach_demo_person(
        user=learner,
        employee_id="DEMO-L01",
        name="张晓明",
        department_code="DC-HP",
        position="网格员",
    )
    head = _demo_user(User, "head", "head@example.org")
    attach_demo_person(
        user=head,
        employee_id="DEMO-H01",
        name="李建国",
        department_code="DSJ",
        position="主任",
        role=Role.DEPARTMENT_HEAD,
    )
    accounts.append(DemoAccount("dept. head", head.username, DEMO_PASSWORD))
    hr = _demo_user(User, "hr", "hr@example.org")
    attach_demo_person(
        user=hr,
        employee_id="DEMO-R01",
        name="陈静",
        department_code="RSJ-PX",
        position="培训专员",
        role=Role.HR_OFFICER,
        role_department_code="QX",
    )
    accounts.append(DemoAccount("HR officer", hr.username, DEMO_PASSWORD))
    assign_demo_courses()
    return accounts


def _demo_user(User, username: str, email: str):
    user, __ = User.objects.get_or_create(username=username)
    user.email = email
    user.is_active = True
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user
