"""Migration progress.0002: Enrollment becomes Enrolment and keeps its rows."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from citylearn.progress.models import Enrolment
from tests.quizzes.factories import make_course, make_user

BEFORE = [("progress", "0001_initial")]
AFTER = [("progress", "0002_enrolment_spelled_one_way")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_enrolments_keep_their_rows_and_their_rule():
    user, course = make_user(), make_course()
    old = migrate(BEFORE).get_model("progress", "Enrollment")
    old.objects.create(user_id=user.pk, course_id=course.pk)

    migrate(AFTER)

    assert list(Enrolment.objects.values_list("user", "course")) == [
        (user.pk, course.pk)
    ]
    assert user.enrolments.get().course_id == course.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(user=user, course=course)
