"""One daily set sent from two tabs at once counts once (PostgreSQL)."""

import datetime

import pytest
from django.db import connection

from citylearn.practice.models import Card, DailySet, PracticeAnswer
from citylearn.practice.services import submit_daily_set, todays_set
from tests.builders.people import make_user
from tests.practice.builders import answers, assign, course_with_bank
from tests.progress.test_concurrent_completion import at_once

pytestmark = pytest.mark.django_db(transaction=True)

DAY = datetime.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")


def test_the_set_opened_and_sent_twice_at_once_counts_once():
    learner = make_user()
    course, __ = course_with_bank(8)
    assign(learner, course)

    at_once(*[lambda: todays_set(user=learner, day=DAY)] * 2)
    daily = DailySet.objects.get(user=learner, day=DAY)
    picked = answers(daily)
    at_once(
        *[lambda: submit_daily_set(user=learner, daily_set=daily, picked=picked)] * 2
    )

    assert DailySet.objects.filter(user=learner).count() == 1
    assert daily.items.count() == 5
    assert PracticeAnswer.objects.filter(user=learner).count() == 5
    assert set(Card.objects.filter(user=learner).values_list("box", flat=True)) == {2}
