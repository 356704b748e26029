import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from citylearn.accounts import session_keys
from citylearn.accounts.models import PasswordStamp
from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from tests.builders import people

pytestmark = pytest.mark.django_db
PAGE = "/en/accounts/my-data/"


@pytest.fixture
def signed_in(client):
    tree = people.district()
    person = people.staff("A1001", tree["community"], name="王芳")
    client.post(
        "/en/accounts/login/", {"username": "A1001", "password": people.PASSWORD}
    )
    return person


def set_session(client, **values):
    session = client.session
    for key, value in values.items():
        session[key] = value
    session.save()


def stored_session(client) -> str:
    return Session.objects.get(session_key=client.session.session_key).session_data


def test_thirty_idle_minutes_sign_a_person_out(client, signed_in):
    set_session(client, **{session_keys.LAST_SEEN: int(time.time()) - 30 * 60 - 5})
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(
        "/en/accounts/login/?next="
    )  # PAGE is English
    assert SESSION_KEY not in client.session
    assert AuditEntry.objects.filter(action=AuditAction.SESSION_TIMED_OUT).exists()
    follow = client.get(response["Location"])
    assert "signed out after 30 minutes without activity" in follow.content.decode()


def test_activity_within_the_timeout_keeps_the_session(client, signed_in):
    set_session(client, **{session_keys.LAST_SEEN: int(time.time()) - 29 * 60})
    assert client.get(PAGE).status_code == 200
    assert client.session[session_keys.LAST_SEEN] >= int(time.time()) - 2


def test_requests_within_a_minute_write_nothing_to_the_session(client, signed_in):
    client.get(PAGE)
    before = stored_session(client)
    with CaptureQueriesContext(connection) as queries:
        for __ in range(3):
            assert client.get(PAGE).status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")
    ]
    assert writes == []
    assert stored_session(client) == before


def test_the_stamp_moves_once_a_minute_has_passed(client, signed_in):
    stale = int(time.time()) - 90
    set_session(client, **{session_keys.LAST_SEEN: stale})
    client.get(PAGE)
    assert client.session[session_keys.LAST_SEEN] > stale


@override_settings(IDLE_TIMEOUT_SECONDS=120)
def test_the_timeout_is_a_setting(client, signed_in):
    set_session(client, **{session_keys.LAST_SEEN: int(time.time()) - 125})
    assert client.get(PAGE).status_code == 302


def test_an_old_password_must_be_changed_before_anything_else(client, signed_in):
    old = int(time.time()) - 91 * 86400
    set_session(client, **{session_keys.PASSWORD_CHANGED: old})
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/password/change/"
    assert client.get("/en/accounts/password/change/").status_code == 200
    response = client.post(
        "/en/accounts/password/change/",
        {
            "old_password": people.PASSWORD,
            "new_password1": "Fresh-spring-2027!",
            "new_password2": "Fresh-spring-2027!",
        },
    )
    assert response.status_code == 302
    assert client.get(PAGE).status_code == 200
    stamp = PasswordStamp.objects.get(user=signed_in.user)
    assert stamp.changed_at.timestamp() > old + 86400


@override_settings(PASSWORD_MAX_AGE_DAYS=0)
def test_periodic_change_can_be_turned_off(client, signed_in):
    set_session(client, **{session_keys.PASSWORD_CHANGED: 0})
    assert client.get(PAGE).status_code == 200


def test_a_password_change_is_recorded_whoever_makes_it(signed_in):
    PasswordStamp.objects.all().delete()
    user = signed_in.user
    user.set_password("Another-good-one-9")
    user.save()
    assert PasswordStamp.objects.filter(user=user).exists()
