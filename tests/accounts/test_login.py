import pytest
from django.contrib.auth import SESSION_KEY

from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from tests.builders import people

pytestmark = pytest.mark.django_db
LOGIN = "/en/accounts/login/"


@pytest.fixture
def person():
    tree = people.district()
    return people.staff("A1001", tree["community"], name="王芳")


def sign_in(client, username, password=people.PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


@pytest.mark.parametrize(
    "identifier", ["A1001", "a1001@example.org", "A1001@Example.org"]
)
def test_staff_sign_in_with_employee_id_or_email(client, person, identifier):
    response = sign_in(client, identifier)
    assert response.status_code == 302
    assert int(client.session[SESSION_KEY]) == person.user_id


def test_full_width_employee_ids_are_understood(client, person):
    assert sign_in(client, "Ａ１００１").status_code == 302


def test_accounts_without_a_profile_sign_in_with_their_user_name(client):
    people.make_user("editor")
    assert sign_in(client, "editor").status_code == 302


def test_a_wrong_password_gets_a_clear_message_and_is_logged(client, person):
    response = sign_in(client, "A1001", "wrong-password")
    assert response.status_code == 200
    assert "do not match an active account" in response.content.decode()
    entry = AuditEntry.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert entry.target_user_id == person.user_id
    assert entry.address == "127.0.0.1"


def test_an_email_shared_by_two_accounts_signs_in_neither(client, person):
    other = people.make_user("other")
    other.email = "a1001@example.org"
    other.save()
    assert sign_in(client, "a1001@example.org").status_code == 200


def test_a_deactivated_leaver_cannot_sign_in(client, person):
    person.user.is_active = False
    person.user.save()
    assert sign_in(client, "A1001").status_code == 200


def test_signing_in_gives_a_new_session_key(client, person):
    client.get(LOGIN)
    session = client.session
    session["planted"] = "by an attacker"
    session.save()
    before = session.session_key
    sign_in(client, "A1001")
    assert client.session.session_key != before


def test_signing_in_and_out_is_logged(client, person):
    sign_in(client, "A1001")
    client.post("/en/accounts/logout/")
    actions = list(
        AuditEntry.objects.order_by("pk").values_list("action", "actor_label")
    )
    assert actions == [
        (AuditAction.SIGN_IN, "A1001 王芳"),
        (AuditAction.SIGN_OUT, "A1001 王芳"),
    ]


def test_the_admin_login_sends_people_to_the_one_sign_in_page(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


def test_the_admin_sends_anonymous_visitors_to_the_sign_in_page(client):
    response = client.get("/admin/")
    assert response["Location"].startswith("/accounts/login/")


def test_a_signed_in_learner_sent_from_the_admin_sees_why_without_a_loop(
    client, person
):
    client.force_login(person.user)
    response = client.get("/admin/", follow=True)
    # Told on a site page why, rather than offered the sign-in form again.
    assert response.status_code == 403
    assert 'name="password"' not in response.content.decode()
    assert len(response.redirect_chain) == 1
    assert response.redirect_chain[0][0] == "/accounts/login/?next=/admin/"
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
