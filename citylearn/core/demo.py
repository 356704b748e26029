"""Demo accounts for a newcomer's machine: one per role, with passwords printed on screen."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

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
    return accounts
