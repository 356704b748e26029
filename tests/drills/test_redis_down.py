"""Drill: Redis stopped. Cache and broker point at a closed port; nothing may hang.

Every request must answer within a few seconds: pages that only use the cache to
save work keep working, sign-in is refused with its own message (the lockout
counters are out of reach), and a completed lesson is saved while its certificate,
which could not be queued, is issued by the sweep once Redis is back.
"""

import logging
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from citylearn.accounts.forms import UNAVAILABLE
from citylearn.celery import app
from citylearn.certificates.models import Certificate
from citylearn.certificates.tasks import issue_missing_certificates
from citylearn.progress.models import CourseCompletion
from tests.builders import people
from tests.builders.learning import lessons_of, make_course
from tests.drills.unreachable import DOWN, timed

CACHE_DOWN = override_settings(
    REDIS_URL=DOWN,
    CACHES={
        "default": {
            "BACKEND": "citylearn.core.cache.ForgivingRedisCache",
            "LOCATION": DOWN,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    },
)


@pytest.mark.django_db
@CACHE_DOWN
def test_public_pages_are_served_uncached(client):
    response = timed(lambda: client.get("/"))
    assert response.status_code == 200


@pytest.mark.django_db
@CACHE_DOWN
def test_sign_in_is_refused_with_its_own_message(client):
    tree = people.district()
    people.staff("A1001", tree["community"], name="王芳")

    response = timed(
        lambda: client.post(
            "/en/accounts/login/",
            {"username": "A1001", "password": people.PASSWORD},
        )
    )

    assert response.status_code == 200
    assert response.context["form"].has_error("__all__", UNAVAILABLE)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@CACHE_DOWN
@override_settings(CELERY_BROKER_URL=DOWN)
def test_healthz_names_the_cache_and_the_broker(client):
    response = timed(lambda: client.get("/healthz"))
    assert response.status_code == 503
    assert response.json()["failing"] == ["broker", "cache"]


@pytest.mark.django_db(transaction=True)
def test_a_lesson_completed_while_the_broker_is_down_gets_its_certificate_later(
    client, broker_down, caplog
):
    course, learner = make_course(lessons=1), people.make_user()
    client.force_login(learner)

    with caplog.at_level(logging.ERROR, logger="citylearn.core.events"):
        response = timed(
            lambda: client.post(f"/my/lessons/{lessons_of(course)[0].pk}/complete/")
        )

    assert response.status_code == 302
    completion = CourseCompletion.objects.get(user=learner, course=course)
    assert not Certificate.objects.exists()
    assert "queue_certificate" in caplog.text

    # Redis is back; the sweep's next run (past its grace period) issues it.
    app.conf.task_always_eager = True
    CourseCompletion.objects.filter(pk=completion.pk).update(
        completed_at=timezone.now() - timedelta(hours=1)
    )
    issue_missing_certificates()
    assert Certificate.objects.filter(completion=completion).count() == 1
