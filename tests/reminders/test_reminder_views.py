"""The officer's remind-a-department page, the failed deliveries and the learner's notices."""

import pytest
from django.core import mail

from citylearn.access.enums import Role
from citylearn.reminders.enums import DeliveryState, ReminderKind
from citylearn.reminders.models import Delivery, Reminder
from tests.builders import people
from tests.reminders import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(settings):
    settings.REMINDER_WEBHOOK_URL = ""
    # Every date of the world is in the past of the real today: all of A is overdue.
    return world.build()


@pytest.fixture
def remind(client, django_capture_on_commit_callbacks):
    """POST the reminder; the delivery task queued on commit runs as after a commit."""

    def post(code: str):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"/hr/reminders/departments/{code}/")

    return post


def overdue_of_a() -> int:
    return Reminder.objects.filter(
        kind=ReminderKind.MANUAL, user__staff_profile__department__code="A"
    ).count()


def test_an_officer_confirms_then_reminds_everyone_overdue_in_the_department(
    remind, client, built
):
    client.force_login(built["officer_a"])

    page = client.get("/hr/reminders/departments/A/")
    assert page.status_code == 200
    assert not Reminder.objects.exists()

    done = remind("A")

    assert done.status_code == 302
    assert done["Location"] == "/hr/?department=A"
    reminded = set(Reminder.objects.values_list("user__username", flat=True))
    # Everyone of A whose course is not done is overdue by the real today.
    assert reminded == {f"P-{key}" for key in built["plan"]}
    assert set(Reminder.objects.values_list("sent_by", flat=True)) == {
        built["officer_a"].pk
    }
    assert len(mail.outbox) == len(reminded)
    assert page.context["people"] == len(reminded)


def test_a_second_click_the_same_day_reminds_nobody_again(remind, client, built):
    client.force_login(built["officer_a"])
    remind("A")
    sent = len(mail.outbox)

    remind("A")

    assert len(mail.outbox) == sent
    assert overdue_of_a() == sent


def test_another_departments_officer_is_refused(remind, client, built):
    client.force_login(built["officer_b"])

    assert client.get("/hr/reminders/departments/A/").status_code == 404
    assert remind("A").status_code == 404
    assert client.post("/hr/reminders/departments/NOPE/").status_code == 404
    assert not Reminder.objects.exists()


def test_a_head_or_learner_may_not_remind(remind, client, built):
    head = people.make_user("head")
    people.grant(head, Role.DEPARTMENT_HEAD, built["a"])
    for person in (head, built["people"]["late"]):
        client.force_login(person)
        assert remind("A").status_code == 403
    assert not Reminder.objects.exists()


def test_the_dashboard_offers_the_button_only_inside_the_scope(client, built):
    client.force_login(built["officer_a"])

    own = client.get("/hr/", {"department": "A"})
    assert b"/hr/reminders/departments/A/" in own.content

    client.force_login(built["officer_b"])
    other = client.get("/hr/", {"department": "B"})
    assert b"/hr/reminders/departments/A/" not in other.content
    assert b"/hr/reminders/departments/B/" in other.content


def test_the_learner_sees_the_notice_and_marks_it_read(remind, client, built):
    officer = built["officer_a"]
    client.force_login(officer)
    remind("A")
    learner = built["people"]["late"]
    notice = Reminder.objects.get(user=learner)

    client.force_login(learner)
    page = client.get("/my/learning/")
    assert built["course"].title in page.content.decode()
    assert f"/my/notices/{notice.pk}/read/".encode() in page.content

    # Another person's notice does not exist for them.
    client.force_login(built["people"]["far"])
    assert client.post(f"/my/notices/{notice.pk}/read/").status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None

    client.force_login(learner)
    read = client.post(f"/my/notices/{notice.pk}/read/")
    assert read.status_code == 302
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert (
        f"/my/notices/{notice.pk}/read/".encode()
        not in client.get("/my/learning/").content
    )
    # Marking it twice changes nothing and is no error.
    assert client.post(f"/my/notices/{notice.pk}/read/").status_code == 302


def test_failed_and_unknown_deliveries_are_listed_only_in_scope(remind, client, built):
    client.force_login(built["officer_a"])
    remind("A")
    Delivery.objects.filter(reminder__user=built["people"]["late"]).update(
        state=DeliveryState.FAILED, last_error="SMTPRecipientsRefused('x')"
    )
    Delivery.objects.filter(reminder__user=built["people"]["far"]).update(
        state=DeliveryState.UNKNOWN
    )

    page = client.get("/hr/reminders/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "SMTPRecipientsRefused" in text
    assert page.context["page_obj"].paginator.count == 2

    client.force_login(built["officer_b"])
    assert client.get("/hr/reminders/").context["page_obj"].paginator.count == 0


def test_the_pages_need_a_bounded_number_of_queries(
    remind, client, built, django_assert_max_num_queries
):
    client.force_login(built["officer_a"])
    remind("A")
    Delivery.objects.update(state=DeliveryState.FAILED, last_error="x")
    learner = built["people"]["late"]

    with django_assert_max_num_queries(12):
        client.get("/hr/reminders/")
    with django_assert_max_num_queries(12):
        client.get("/hr/reminders/departments/A/")
    with django_assert_max_num_queries(15):
        remind("A")
    client.force_login(learner)
    with django_assert_max_num_queries(25):
        client.get("/my/learning/")
