"""Migration progress.0002: Enrollment becomes Enrolment and keeps its rows."""

import pytest
from django.db import IntegrityError, transaction

from citylearn.progress.models import Enrolment
from tests.builders.learning import make_course
from tests.builders.people import make_user
from tests.migrations import migrate

BEFORE = [("progress", "0001_initial")]
AFTER = [("progress", "0002_enrolment_spelled_one_way")]


@pytest.mark.django_db(transaction=True)
def test_enrolments_keep_their_rows_and_their_rule():
    user, course = make_user(), make_course(lessons=0)
    old = migrate(BEFORE).get_model("progress", "Enrollment")
    old.objects.create(user_id=user.pk, course_id=course.pk)

    migrate(AFTER)

    assert list(Enrolment.objects.values_list("user", "course")) == [
        (user.pk, course.pk)
    ]
    assert user.enrolments.get().course_id == course.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(user=user, course=course)
