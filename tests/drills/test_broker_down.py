"""Drill: the broker unreachable while a request queues work. No 500, no hang, nothing lost.

Small work that cannot be asked for again (a password link someone is waiting for,
the notice to an address a roster replaced) is done in the request instead; work too
large for a request is refused with a message and may be asked for again (a large
export) or waits for its sweep (reminders) or for the person to ask (activation links
for a whole roster).
"""

import logging

import pytest
from django.core import mail

from citylearn.access.enums import Role
from citylearn.access.permissions import write_scope
from citylearn.accounts.views import LINK_NOT_SENT
from citylearn.exports.models import Export
from citylearn.organisation.imports.applying import apply_rows
from citylearn.organisation.imports.reading import read_roster
from citylearn.organisation.models import StaffProfile
from citylearn.reminders.delivery import deliver_pending
from citylearn.reminders.enums import DeliveryState
from citylearn.reminders.models import Delivery
from tests.builders import people
from tests.drills.unreachable import timed
from tests.organisation import roster_files
from tests.reminders import world as reminder_world
from tests.reports import world

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def officer():
    tree = people.district()
    account = people.make_user("hr")
    people.grant(account, Role.HR_OFFICER, tree["street"])
    people.staff("L1", tree["community"], name="王芳")
    return account


def ask_for_a_link(client):
    return timed(
        lambda: client.post("/en/accounts/password/link/", {"identifier": "L1"})
    )


def apply(officer, rows, *, invite=False):
    return timed(
        lambda: apply_rows(
            rows=read_roster(roster_files.utf8_csv(rows), "r.csv"),
            filename="r.csv",
            scope=write_scope(officer),
            deactivate_missing=False,
            actor=officer,
            invite=invite,
        )
    )


def test_a_password_link_asked_for_is_sent_from_the_request(
    client, officer, broker_down
):
    response = ask_for_a_link(client)

    assert response.status_code == 302
    assert response["Location"].endswith("/accounts/password/link/sent/")
    [email] = mail.outbox
    assert email.to == ["L1@example.org"]
    assert "/accounts/" in email.body


def test_when_no_email_can_leave_either_the_person_is_told_to_try_again(
    client, officer, broker_down, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = (
        "127.0.0.1",
        1,
        1,
    )

    response = ask_for_a_link(client)

    assert response.status_code == 503
    assert str(LINK_NOT_SENT) in response.content.decode()
    # Once mail works again, asking again at once is not held back by the interval.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert ask_for_a_link(client).status_code == 302
    assert len(mail.outbox) == 1


def test_the_old_address_is_told_of_a_roster_email_change_from_the_request(
    officer, broker_down
):
    apply(officer, [["L1", "王芳", "S1-C1", "", "new.address@example.org", ""]])

    assert StaffProfile.objects.get(employee_id="L1").user.email == (
        "new.address@example.org"
    )
    [notice] = mail.outbox
    assert notice.to == ["L1@example.org"]
    assert "new.address@example.org" in notice.body


def test_invited_new_staff_are_saved_and_the_links_not_queued_are_logged(
    officer, broker_down, caplog
):
    rows = [[f"N{n}", "新人", "S1-C1", "", f"n{n}@example.org", ""] for n in range(5)]

    with caplog.at_level(logging.ERROR):
        result = apply(officer, rows, invite=True)

    assert result.counts["create"] == 5
    assert StaffProfile.objects.filter(employee_id__startswith="N").count() == 5
    # They ask for a link on the sign-in page; one wait for the broker, not five.
    assert "5 password links not queued" in caplog.text
    assert mail.outbox == []


def test_a_large_export_is_refused_with_a_message_and_nothing_kept(
    client, broker_down, settings
):
    settings.EXPORT_ROWS_AT_ONCE = 2
    tree = world.build()
    client.force_login(tree["officer"])

    response = timed(
        lambda: client.post("/en/hr/exports/dashboard/new/", {"format": "xlsx"})
    )

    assert response.status_code == 503
    assert "Please try again in a few minutes" in response.content.decode()
    assert not Export.objects.exists()


def test_reminders_an_officer_sends_wait_for_the_sweep(client, broker_down, settings):
    settings.REMINDER_WEBHOOK_URL = ""
    built = reminder_world.build()
    client.force_login(built["officer_a"])

    response = timed(lambda: client.post("/hr/reminders/departments/A/"))

    assert response.status_code == 302
    pending = Delivery.objects.filter(state=DeliveryState.PENDING)
    assert pending.count() == len(built["plan"]) > 0
    assert mail.outbox == []
    # The broker is back: the sweep, every few minutes, sends them.
    deliver_pending()
    assert len(mail.outbox) == len(built["plan"])
