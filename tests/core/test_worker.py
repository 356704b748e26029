"""Tasks sent through a real broker to a real worker (started by .ci/run)."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from citylearn.celery import app
from citylearn.core.tasks import clear_expired_sessions

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def through_the_broker():
    # .ci/run's second pass sets a broker and starts a worker; without one there is nothing to test.
    if not settings.CELERY_BROKER_URL:
        pytest.skip("CELERY_BROKER_URL is not set: no broker to send tasks through")
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


def wait_until(condition, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


def test_worker_clears_expired_sessions(through_the_broker):
    now = timezone.now()
    Session.objects.create(
        session_key="expired", session_data="", expire_date=now - timedelta(days=1)
    )
    Session.objects.create(
        session_key="current", session_data="", expire_date=now + timedelta(days=1)
    )

    clear_expired_sessions.delay()

    assert wait_until(
        lambda: not Session.objects.filter(session_key="expired").exists()
    )
    assert Session.objects.filter(session_key="current").exists()
