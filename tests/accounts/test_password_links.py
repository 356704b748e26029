import re

import pytest
from django.core import mail

from citylearn.access.permissions import Scope
from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from citylearn.organisation.imports.applying import apply_roster
from tests.builders import people
from tests.organisation import roster_files

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Spring-river-2027"


@pytest.fixture
def newcomer():
    """A person the roster import created: an account with no password yet."""
    people.district()
    apply_roster(
        content=roster_files.utf8_csv([roster_files.person("N1", "赵敏")]),
        filename="r.csv",
        scope=Scope(everything=True),
        deactivate_missing=False,
        actor=None,
        actor_label="test",
    )
    return "N1"


@pytest.fixture
def ask_for_link(client, django_capture_on_commit_callbacks):
    # The email is queued on commit; run it as the commit would.
    def ask(client, identifier):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                "/en/accounts/password/link/", {"identifier": identifier}
            )

    return ask


def link_in_last_mail() -> str:
    body = mail.outbox[-1].body
    return re.search(r"https?://\S+", body).group(0).split("8000", 1)[-1]


def test_a_newcomer_activates_with_a_one_time_link(client, newcomer, ask_for_link):
    with_commit = ask_for_link(client, "N1")
    assert with_commit["Location"] == "/en/accounts/password/link/sent/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["n1@example.org"]
    assert "Activate" in mail.outbox[0].subject
    path = link_in_last_mail()
    assert "/accounts/activate/" in path

    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert (
        client.post(
            "/en/accounts/login/", {"username": "N1", "password": NEW_PASSWORD}
        ).status_code
        == 302
    )
    # The link worked once.
    client.post("/en/accounts/logout/")
    assert "already been used" in client.get(path, follow=True).content.decode()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {AuditAction.PASSWORD_LINK_SENT, AuditAction.PASSWORD_SET} <= actions


def test_a_weak_password_is_refused_on_the_link_page(client, newcomer, ask_for_link):
    ask_for_link(client, "n1@example.org")
    form_page = client.get(link_in_last_mail(), follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "password", "new_password2": "password"},
    )
    assert response.status_code == 200
    assert "at least 3 of these" in response.content.decode()


def test_a_person_with_a_password_gets_a_reset_link(client, ask_for_link):
    tree = people.district()
    people.staff("A1", tree["community"])
    ask_for_link(client, "A1")
    assert "Reset" in mail.outbox[0].subject
    assert "/accounts/password/reset/" in link_in_last_mail()


def test_an_unknown_name_gets_the_same_answer_and_no_mail(client, ask_for_link):
    response = ask_for_link(client, "nobody")
    assert response["Location"] == "/en/accounts/password/link/sent/"
    assert mail.outbox == []


def test_a_leaver_gets_no_link(client, ask_for_link):
    tree = people.district()
    leaver = people.staff("A1", tree["community"])
    leaver.user.is_active = False
    leaver.user.save()
    ask_for_link(client, "A1")
    assert mail.outbox == []


def test_a_tampered_link_is_refused(client, newcomer, ask_for_link):
    ask_for_link(client, "N1")
    path = link_in_last_mail()
    tampered = path[:-3] + ("aaa/" if not path.endswith("aaa/") else "bbb/")
    assert "already been used" in client.get(tampered, follow=True).content.decode()


def test_one_link_per_person_every_few_minutes(client, newcomer, ask_for_link):
    for __ in range(3):
        assert ask_for_link(client, "N1").status_code == 302
    assert len(mail.outbox) == 1
