"""The lockout against parallel requests, on a real threaded server."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.conf import settings
from django.contrib.auth import get_user_model

from citylearn.accounts.backends import StaffAuthenticationBackend
from tests.builders import people

LOGIN = "/en/accounts/login/"
BUSY = "at this moment"
# Under load the first guesses may already have failed, and locked the account, by
# the time the right password arrives: refused as locked rather than as busy.
LOCKED = "Signing in is blocked"
GUESSES = 40


@pytest.fixture
def person(transactional_db):
    tree = people.district()
    return people.staff("A1001", tree["community"], name="王芳")


class Watch:
    """What the server did: attempts that reached the backend, passwords checked."""

    def __init__(self):
        self.arrived = 0
        self.passwords = []
        self.lock = threading.Lock()
        self.guesses_in_flight = threading.Event()

    def note(self, password=None):
        with self.lock:
            if password is None:
                self.arrived += 1
            else:
                self.passwords.append(password)
            if self.arrived >= GUESSES // 2 and self.passwords:
                self.guesses_in_flight.set()


@pytest.fixture
def watch(monkeypatch):
    watch = Watch()
    authenticate = StaffAuthenticationBackend.authenticate
    check_password = get_user_model().check_password

    def watched_authenticate(self, request, *args, **kwargs):
        watch.note()
        return authenticate(self, request, *args, **kwargs)

    def slow_check_password(self, raw_password):
        watch.note(raw_password)
        # Long enough for every request to be under way before any check ends.
        time.sleep(1)
        return check_password(self, raw_password)

    monkeypatch.setattr(
        StaffAuthenticationBackend, "authenticate", watched_authenticate
    )
    monkeypatch.setattr(get_user_model(), "check_password", slow_check_password)
    return watch


def test_parallel_guesses_check_no_more_passwords_than_the_limit(
    live_server, person, watch
):
    token = requests.get(live_server.url + LOGIN, timeout=10).cookies["csrftoken"]

    def sign_in(password):
        return requests.post(
            live_server.url + LOGIN,
            data={
                "username": "A1001",
                "password": password,
                "csrfmiddlewaretoken": token,
            },
            cookies={"csrftoken": token},
            allow_redirects=False,
            timeout=60,
        )

    with ThreadPoolExecutor(max_workers=GUESSES + 1) as pool:
        guesses = [pool.submit(sign_in, f"guess-{n}") for n in range(GUESSES // 2)]
        # The right password arrives while the first guesses are still being checked.
        assert watch.guesses_in_flight.wait(timeout=30)
        right = pool.submit(sign_in, people.PASSWORD)
        guesses += [
            pool.submit(sign_in, f"guess-{n}") for n in range(GUESSES // 2, GUESSES)
        ]
        responses = [guess.result() for guess in guesses]
        right = right.result()

    # Fewer, when a request over the address's limit took a place in the account's.
    assert 1 <= len(watch.passwords) <= settings.LOGIN_FAILURE_LIMIT
    assert people.PASSWORD not in watch.passwords
    assert right.status_code == 200
    assert BUSY in right.text or LOCKED in right.text
    assert {response.status_code for response in responses} == {200}
