"""Two officers (or one double click) assigning at once, on PostgreSQL."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.utils import timezone

from citylearn.access.enums import Role
from citylearn.assignments import services
from citylearn.assignments.models import Assignment
from tests.builders import people
from tests.builders.learning import make_course

pytestmark = pytest.mark.django_db(transaction=True)

DUE = timezone.localdate() + datetime.timedelta(days=30)


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")


@pytest.fixture
def world():
    tree = people.district()
    officer = people.make_user("officer")
    people.grant(officer, Role.HR_OFFICER, tree["street"])
    person = people.staff("A1", tree["street"])
    return {"tree": tree, "officer": officer, "person": person.user}


def second_while_first_is_open(first, second) -> list:
    """Run `second` in another thread while `first`'s transaction is still open."""
    outcome = []

    def run():
        try:
            outcome.append(second())
        except ValidationError as error:
            outcome.append(error.code)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    with transaction.atomic():
        first()
        thread.start()
        # Without a lock the second call does not wait and finishes meanwhile.
        thread.join(timeout=2)
    thread.join()
    return outcome


@pytest.mark.parametrize("target", ["department", "people"])
def test_the_same_course_assigned_twice_at_once_is_assigned_once(world, target):
    course = make_course(lessons=1)

    def assign():
        if target == "department":
            return services.assign_to_department(
                course=course,
                department=world["tree"]["street"],
                due_on=DUE,
                by=world["officer"],
            )
        return services.assign_to_people(
            course=course, people=[world["person"]], due_on=DUE, by=world["officer"]
        )

    outcome = second_while_first_is_open(assign, assign)

    assert outcome == [services.ALREADY_ASSIGNED]
    assert Assignment.objects.count() == 1
