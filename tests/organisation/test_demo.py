from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from citylearn.access.permissions import read_scope, write_scope
from citylearn.audit.models import AuditEntry
from citylearn.core.demo import DEMO_PASSWORD
from citylearn.organisation.models import Department, StaffProfile
from citylearn.organisation.selectors import people_visible_to

pytestmark = pytest.mark.django_db


def setup_demo() -> str:
    out = StringIO()
    call_command("setup_demo", stdout=out)
    return out.getvalue()


def test_setup_demo_builds_a_district_and_prints_one_account_per_role():
    output = setup_demo()
    for role, username in [
        ("administrator", "admin"),
        ("editor", "editor"),
        ("learner", "learner"),
        ("dept. head", "head"),
        ("HR officer", "hr"),
    ]:
        assert f"  {role:<14} {username:<10} {DEMO_PASSWORD}" in output
    assert 28 <= Department.objects.count() <= 40
    assert StaffProfile.objects.count() >= 200
    assert Department.objects.filter(name__endswith="社区").count() >= 9
    assert Department.objects.filter(name__endswith="街道办事处").count() >= 3
    names = StaffProfile.objects.values_list("name", flat=True)
    assert all(2 <= len(name) <= 4 for name in names)


def test_running_it_again_changes_nothing():
    setup_demo()
    before = (
        list(Department.objects.values_list("code", "path", "name")),
        list(StaffProfile.objects.values_list("employee_id", "department_id", "name")),
        get_user_model().objects.count(),
    )
    setup_demo()
    after = (
        list(Department.objects.values_list("code", "path", "name")),
        list(StaffProfile.objects.values_list("employee_id", "department_id", "name")),
        get_user_model().objects.count(),
    )
    assert after == before
    assert AuditEntry.objects.filter(action="staff_created").count() == 200


def test_the_demo_roles_have_their_scopes(client):
    setup_demo()
    User = get_user_model()
    head, hr, learner = (
        User.objects.get(username=n) for n in ("head", "hr", "learner")
    )
    assert not write_scope(head)
    head_sees = set(people_visible_to(head).values_list("department__code", flat=True))
    assert head_sees and all(code.startswith("DSJ") for code in head_sees)
    assert write_scope(hr).contains(Department.objects.get(code="NH-BJ"))
    assert not read_scope(learner)
    assert learner.staff_profile.department.name == "和平社区"
    response = client.post(
        "/en/accounts/login/", {"username": "hr", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
