"""Tasks sent through a real broker to a real worker (started by .ci/run)."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from citylearn.core.tasks import clear_expired_sessions
from tests.conftest import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


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
