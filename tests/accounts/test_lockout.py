import pytest
from django.test import override_settings

from citylearn.accounts import lockout
from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from tests.builders import people

pytestmark = pytest.mark.django_db
LOGIN = "/en/accounts/login/"
LOCKED = "Too many failed sign-in attempts"


@pytest.fixture
def person():
    tree = people.district()
    return people.staff("A1001", tree["community"], name="王芳")


def attempt(client, username, password="wrong", address="10.0.0.1"):  # noqa: S107
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_five_failures_lock_the_account_even_with_the_right_password(client, person):
    for __ in range(4):
        assert LOCKED not in attempt(client, "A1001").content.decode()
    assert LOCKED in attempt(client, "A1001").content.decode()
    response = attempt(client, "A1001", people.PASSWORD, address="10.9.9.9")
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    locks = AuditEntry.objects.filter(action=AuditAction.LOCKOUT)
    # All five came from one address, so that is locked too.
    assert sorted(entry.detail["locked"] for entry in locks) == ["account", "address"]


def test_the_account_is_counted_whichever_name_is_typed(client, person):
    for username in ["A1001", "a1001@example.org", "A1001", "a1001@example.org"]:
        attempt(client, username, address=f"10.0.0.{len(username)}")
    assert LOCKED in attempt(client, "A1001", address="10.0.0.99").content.decode()


def test_five_failures_from_one_address_lock_that_address(client, person):
    people.staff("A1002", person.department)
    for n in range(5):
        attempt(client, f"guess{n}", address="10.0.0.7")
    response = attempt(client, "A1002", people.PASSWORD, address="10.0.0.7")
    assert LOCKED in response.content.decode()
    # Another address is not affected.
    response = attempt(client, "A1002", people.PASSWORD, address="10.0.0.8")
    assert response.status_code == 302
    locks = AuditEntry.objects.filter(action=AuditAction.LOCKOUT)
    assert [entry.detail["locked"] for entry in locks] == ["address"]


def test_a_success_forgives_earlier_account_failures(client, person):
    for __ in range(4):
        attempt(client, "A1001", address="10.0.0.1")
    assert attempt(client, "A1001", people.PASSWORD, "10.0.0.2").status_code == 302
    client.post("/en/accounts/logout/")
    for __ in range(4):
        attempt(client, "A1001", address="10.0.0.3")
    assert attempt(client, "A1001", people.PASSWORD, "10.0.0.4").status_code == 302


@override_settings(LOGIN_FAILURE_LIMIT=2, LOGIN_LOCKOUT_SECONDS=60)
def test_the_limit_is_a_setting(client, person):
    attempt(client, "A1001")
    assert LOCKED in attempt(client, "A1001").content.decode()
    assert "1 minutes" in attempt(client, "A1001").content.decode()


# The clock is moved in the local-memory cache; Redis (CI's second pass) keeps real time.
@override_settings(
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
)
def test_the_lock_lifts_when_it_expires(client, person, monkeypatch):
    import time

    from django.core.cache.backends import locmem

    for __ in range(5):
        attempt(client, "A1001")
    later = time.time() + 15 * 60 + 1
    monkeypatch.setattr(locmem.time, "time", lambda: later)
    assert attempt(client, "A1001", people.PASSWORD).status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_forwarded_address_is_counted(client, person):
    for n in range(5):
        client.post(
            LOGIN,
            {"username": f"x{n}", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9",
        )
    entry = AuditEntry.objects.filter(action=AuditAction.LOCKOUT).get()
    assert entry.address == "203.0.113.9"


@override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=8)
def test_the_address_limit_can_be_higher_for_an_office_behind_one_address(
    client, person
):
    colleague = people.staff("A1002", person.department)
    for n in range(7):
        attempt(client, f"typo{n}", address="10.1.1.1")
    response = attempt(client, colleague.employee_id, people.PASSWORD, "10.1.1.1")
    assert response.status_code == 302


def subjects(account="user:1", address="10.0.0.1"):
    return lockout.Subjects(account=account, address=address)


def fail(subjects, places):
    return lockout.record_failure(
        request=None, subjects=subjects, places=places, identifier="A1001", user=None
    )


def test_attempts_are_counted_before_any_password_is_checked():
    # Five attempts still being checked hold their places: a sixth is refused at once.
    places = [lockout.start_attempt(subjects()) for __ in range(5)]
    assert places == [{"account": n, "address": n} for n in range(1, 6)]
    assert lockout.start_attempt(subjects()) is None
    assert lockout.at_limit(subjects()) == "account"
    # Refused unchecked, it gives its place back and locks nothing.
    assert lockout.locked_by(subjects()) is None
    assert not AuditEntry.objects.filter(action=AuditAction.LOCKOUT).exists()
    assert fail(subjects(), places[-1]) == "account"
    assert lockout.locked_by(subjects()) == "account"


@override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=8)
def test_each_kind_is_held_to_its_own_limit():
    for n in range(7):
        lockout.start_attempt(subjects(account=f"name:{n}"))
    assert lockout.start_attempt(subjects(account="name:7")) == {
        "account": 1,
        "address": 8,
    }
    assert lockout.start_attempt(subjects(account="name:8")) is None
    assert lockout.at_limit(subjects(account="name:9")) == "address"


def test_a_failure_locks_by_its_own_place_not_by_later_attempts():
    first = lockout.start_attempt(subjects())
    for __ in range(3):
        lockout.start_attempt(subjects())
    fifth = lockout.start_attempt(subjects())
    assert fail(subjects(), first) is None
    assert lockout.locked_by(subjects()) is None
    assert fail(subjects(), fifth) == "account"
    assert lockout.locked_by(subjects()) == "account"


def test_a_success_resets_the_account_and_gives_back_only_its_own_address_place():
    for __ in range(4):
        lockout.start_attempt(subjects())
    lockout.record_success(subjects())
    assert lockout.start_attempt(subjects()) == {"account": 1, "address": 4}


@override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=2)
def test_colleagues_signing_in_at_once_do_not_lock_their_address(client, person):
    colleague = people.staff("A1002", person.department)
    # Two sign-ins from one address are being checked while a third arrives.
    held = [lockout.start_attempt(subjects(account=f"user:{n}")) for n in (8, 9)]
    assert all(held)
    response = attempt(client, colleague.employee_id, people.PASSWORD, "10.0.0.1")
    assert response.status_code == 200
    assert "at this moment" in response.content.decode()
    for __ in held:
        lockout.record_success(subjects(account="user:8"))
    response = attempt(client, colleague.employee_id, people.PASSWORD, "10.0.0.1")
    assert response.status_code == 302
