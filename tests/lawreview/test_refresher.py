"""A refresher reaches exactly who completed the course before the amendment."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from citylearn.assignments.enums import AssignmentStatus
from citylearn.assignments.selectors import assignments_of
from citylearn.lawreview.models import Refresher, ReviewItem
from citylearn.laws.services import amend_provision
from citylearn.progress.models import CourseCompletion
from citylearn.progress.services import complete_lesson
from tests.builders.laws import make_provision
from tests.builders.learning import lessons_of, make_course
from tests.builders.people import department, editor, make_user, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def amended(django_capture_on_commit_callbacks):
    """A course whose first lesson cites an amended article; who completed when."""
    provision = make_provision()
    course = make_course(lessons=2)
    lesson = lessons_of(course)[0]
    lesson.provisions.add(provision)
    lesson.save_revision().publish()
    dept = department("D")
    people = {
        name: staff(name, dept).user for name in ("before", "after", "never", "left")
    }
    for name in ("before", "after", "left"):
        for each in lessons_of(course):
            complete_lesson(user=people[name], lesson=each)
    people["left"].staff_profile.is_active = False
    people["left"].staff_profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        change = amend_provision(
            provision=provision,
            text="个人有权查阅、复制其个人信息；法律另有规定的除外。",
            version="2026年修正",
            effective_from=date(2026, 1, 1),
            source_url=provision.source_url,
            checked_on=date(2026, 12, 5),
            changed_by=None,
        )
    earlier = change.changed_at - timedelta(days=30)
    CourseCompletion.objects.filter(user__in=[people["before"], people["left"]]).update(
        completed_at=earlier
    )
    CourseCompletion.objects.filter(user=people["after"]).update(
        completed_at=change.changed_at + timedelta(minutes=1)
    )
    return {"change": change, "course": course, "lesson": lesson, "people": people}


def publish_reviewed(lesson):
    chief = make_user("chief", is_superuser=True)
    lesson.save_revision(user=chief).publish(user=chief)


def assign(client, amended, due_on=None):
    client.force_login(
        get_user_model().objects.filter(username="editor").first() or editor()
    )
    url = reverse(
        "lawreview_refresher", args=[amended["change"].pk, amended["course"].pk]
    )
    due_on = due_on or timezone.localdate() + timedelta(days=14)
    return client.post(url, {"due_on": due_on.isoformat()})


def test_the_refresher_reaches_exactly_who_completed_before_the_change(client, amended):
    publish_reviewed(amended["lesson"])
    response = assign(client, amended)
    assert response.status_code == 302
    refresher = Refresher.objects.get()
    people = amended["people"]
    assert set(refresher.assignment.assigned_people.values_list("user", flat=True)) == {
        people["before"].pk
    }
    # A normal assignment of a course of its own: My learning and HR see it as due.
    [row] = assignments_of(user=people["before"], today=timezone.localdate())
    assert row.assignment.course.title.startswith("复训：")
    assert row.status == AssignmentStatus.NOT_STARTED
    for name in ("after", "never"):
        assert not assignments_of(user=people[name], today=timezone.localdate())

    # Completing it is re-reading the changed lesson through the refresher's lesson.
    refresher_course = row.assignment.course
    # Its hours are its reading time: one 10-minute lesson changed.
    assert refresher_course.estimated_minutes == 10
    assert str(refresher_course.credit_hours) == "0.2"
    for each in lessons_of(refresher_course):
        assert f"/learn/{amended['course'].slug}/{amended['lesson'].slug}/" in (
            each.body_html
        )
        complete_lesson(user=people["before"], lesson=each)
    [row] = assignments_of(user=people["before"], today=timezone.localdate())
    assert row.status == AssignmentStatus.COMPLETED_ON_TIME


def test_my_learning_shows_the_refresher(client, amended):
    publish_reviewed(amended["lesson"])
    assign(client, amended)
    client.force_login(amended["people"]["before"])
    html = client.get(reverse("progress:my_learning")).content.decode()
    assert "复训：" in html


def test_submitting_twice_assigns_one_refresher(client, amended):
    publish_reviewed(amended["lesson"])
    assign(client, amended)
    assign(client, amended)
    assert Refresher.objects.count() == 1
    assert amended["people"]["before"].assigned_courses.count() == 1


def test_no_refresher_before_the_changed_lessons_are_reviewed(client, amended):
    response = assign(client, amended)
    assert response.status_code == 200
    assert not Refresher.objects.exists()
    assert ReviewItem.objects.filter(reviewed_at__isnull=True).exists()


def test_a_past_due_date_is_refused(client, amended):
    publish_reviewed(amended["lesson"])
    response = assign(client, amended, due_on=timezone.localdate())
    assert response.status_code == 200
    assert not Refresher.objects.exists()


def test_a_learner_may_not_assign_a_refresher(client, amended):
    publish_reviewed(amended["lesson"])
    client.force_login(amended["people"]["before"])
    url = reverse(
        "lawreview_refresher", args=[amended["change"].pk, amended["course"].pk]
    )
    due = (timezone.localdate() + timedelta(days=9)).isoformat()
    assert client.post(url, {"due_on": due}).status_code in (302, 403)
    assert not Refresher.objects.exists()
