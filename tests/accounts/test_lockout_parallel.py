"""The lockout against parallel requests, on a real threaded server."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.conf import settings
from django.contrib.auth import get_user_model

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
    """What the server did: the passwords it checked."""

    def __init__(self):
        self.passwords = []
        self.lock = threading.Lock()
        self.places_taken = threading.Event()

    def note(self, password):
        with self.lock:
            self.passwords.append(password)
            if len(self.passwords) >= settings.LOGIN_FAILURE_LIMIT:
                self.places_taken.set()


@pytest.fixture
def watch(monkeypatch):
    watch = Watch()
    check_password = get_user_model().check_password

    def slow_check_password(self, raw_password):
        watch.note(raw_password)
        # Long enough for every request to be under way before any check ends.
        time.sleep(1)
        return check_password(self, raw_password)

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
        # Guesses keep coming until every place in the account's count is taken: two
        # parallel attempts can each find the other over a limit and both step back
        # (lockout.start_attempt), so a fixed first wave may leave a place free.
        guesses = []
        while not watch.places_taken.is_set() and len(guesses) < GUESSES - 1:
            guesses.append(pool.submit(sign_in, f"guess-{len(guesses)}"))
            watch.places_taken.wait(timeout=0.2)
        assert watch.places_taken.wait(timeout=30)
        # The right password arrives while the last guesses may still be checked.
        right = pool.submit(sign_in, people.PASSWORD)
        guesses += [
            pool.submit(sign_in, f"guess-{n}") for n in range(len(guesses), GUESSES)
        ]
        responses = [guess.result() for guess in guesses]
        right = right.result()

    assert len(watch.passwords) == settings.LOGIN_FAILURE_LIMIT
    assert people.PASSWORD not in watch.passwords
    assert right.status_code == 200
    assert BUSY in right.text or LOCKED in right.text
    assert {response.status_code for response in responses} == {200}
