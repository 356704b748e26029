import pytest

from citylearn.audit.enums import AuditAction
from citylearn.audit.services import record
from tests.builders import people

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries():
    record(action=AuditAction.SIGN_IN, actor_label="A001 王芳")
    record(action=AuditAction.PERSON_VIEWED, actor_label="hr", target_label="B002 李雷")
    record(action=AuditAction.SIGN_IN_FAILED, target_label="ghost")


def test_administrators_search_by_person_and_action(client, entries):
    client.force_login(people.make_user("root", is_superuser=True))
    html = client.get("/en/audit/", {"q": "李雷"}).content.decode()
    assert "B002 李雷" in html and "A001 王芳" not in html
    html = client.get("/en/audit/", {"action": AuditAction.SIGN_IN}).content.decode()
    assert "A001 王芳" in html and "B002 李雷" not in html


def test_a_bad_filter_is_explained_not_a_crash(client, entries):
    client.force_login(people.make_user("root", is_superuser=True))
    response = client.get("/en/audit/", {"since": "yesterday", "address": "nope"})
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()


def test_only_administrators_may_search(client, entries):
    assert client.get("/audit/").status_code == 302
    client.force_login(people.make_user("someone"))
    assert client.get("/audit/").status_code == 403
