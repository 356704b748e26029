import json

import pytest

from citylearn.access.enums import Role
from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from tests.builders import people

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(client):
    tree = people.district()
    person = people.staff(
        "A1001", tree["community"], name="王芳", position="科员", phone="13800138000"
    )
    people.grant(person.user, Role.DEPARTMENT_HEAD, tree["community"])
    client.force_login(person.user)
    return person


def test_the_page_shows_what_the_site_holds(client, person):
    html = client.get("/en/accounts/my-data/").content.decode()
    for expected in [
        "A1001",
        "王芳",
        "区 / 东街道 / 东一社区",
        "13800138000",
        "Department head",
    ]:
        assert expected in html
    assert "Signed in" in html  # the audit entries about them
    assert "<dd>yes</dd>" in html  # active, as a person reads it
    assert "+00:00" not in html  # times in local time, not ISO in UTC


def test_no_copy_of_the_page_is_kept(client, person):
    response = client.get("/en/accounts/my-data/")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_download_is_json_with_every_section(client, person):
    response = client.get("/en/accounts/my-data.json")
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["staff_profile"]["employee_id"] == "A1001"
    assert data["staff_profile"]["is_active"] is True
    assert data["account"]["date_joined"].startswith("20")
    assert data["staff_profile"]["phone"] == "13800138000"
    assert data["account"]["email"] == "A1001@example.org"
    assert data["roles"][0]["department"] == "东一社区"
    assert any(entry["action"] == "Signed in" for entry in data["audit"])
    assert AuditEntry.objects.filter(
        action=AuditAction.PERSONAL_DATA_EXPORTED, actor=person.user
    ).exists()


def test_the_address_another_person_acted_from_is_not_shown(client, person):
    officer = people.staff("H3003", person.department, name="赵官")
    AuditEntry.objects.create(
        action=AuditAction.PERSON_VIEWED,
        actor=officer.user,
        actor_label="H3003 赵官",
        target_user=person.user,
        address="10.9.8.7",
    )
    AuditEntry.objects.create(
        action=AuditAction.SIGN_IN_FAILED, target_user=person.user, address="10.6.6.6"
    )
    data = json.loads(client.get("/en/accounts/my-data.json").content)
    viewed = next(
        e for e in data["audit"] if e["action"] == "Viewed a person's records"
    )
    assert viewed["by"] == "H3003 赵官"
    assert viewed["address"] is None
    failed = next(e for e in data["audit"] if e["action"] == "Sign-in failed")
    assert failed["address"] == "10.6.6.6"
    assert "10.9.8.7" not in client.get("/en/accounts/my-data/").content.decode()


def test_details_are_shown_of_what_was_done_to_the_person_only(client, person):
    other = people.staff("B2002", person.department, name="李雷")
    AuditEntry.objects.create(
        action=AuditAction.STAFF_UPDATED,
        target_user=person.user,
        detail={"changed": ["phone"]},
    )
    AuditEntry.objects.create(
        action=AuditAction.STAFF_UPDATED,
        actor=person.user,
        target_user=other.user,
        detail={"changed": ["email"]},
    )
    data = json.loads(client.get("/en/accounts/my-data.json").content)
    updates = [e for e in data["audit"] if e["action"] == "Staff member updated"]
    assert [e["detail"] for e in updates] == [None, {"changed": ["phone"]}]
    html = client.get("/en/accounts/my-data/").content.decode()
    assert "{&quot;changed&quot;: [&quot;phone&quot;]}" in html
    assert "email&quot;]" not in html


def test_one_person_never_sees_anothers_data(client, person):
    other = people.staff("B2002", person.department, name="李雷")
    data = json.loads(client.get("/en/accounts/my-data.json").content)
    assert "李雷" not in json.dumps(data, ensure_ascii=False)
    assert other.employee_id not in json.dumps(data)


def test_an_account_without_a_roster_entry_still_sees_its_account(client):
    client.force_login(people.editor("editor"))
    data = json.loads(client.get("/en/accounts/my-data.json").content)
    assert data["account"]["username"] == "editor"
    assert data["account"]["groups"] == ["Editors"]
    assert data["account"]["is_active"] is True
    assert data["staff_profile"] == {}


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/accounts/my-data/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
