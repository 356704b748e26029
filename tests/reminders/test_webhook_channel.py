"""The group-robot channel against a local HTTP server: exact JSON, sign, retries."""

import base64
import datetime
import hashlib
import hmac
import urllib.parse

import pytest
from django.utils import timezone

from citylearn.reminders import delivery
from citylearn.reminders.channels import WebhookChannel
from citylearn.reminders.delivery import deliver_pending
from citylearn.reminders.enums import DeliveryState
from citylearn.reminders.models import Delivery
from citylearn.reminders.services import claim_due_reminders
from tests.reminders import world
from tests.reminders.robot import Robot

pytestmark = pytest.mark.django_db


@pytest.fixture
def robot(settings):
    settings.REMINDER_DAYS_BEFORE = [7, 1]
    with Robot() as server:
        settings.REMINDER_WEBHOOK_URL = server.url
        settings.REMINDER_WEBHOOK_KIND = "wecom"
        settings.REMINDER_WEBHOOK_SECRET = ""
        yield server


def one_overdue_person():
    a = world.builders.department("A", "甲局")
    person = world.builders.staff("P1", a, name="王伟").user
    course = world.make_course(lessons=0, title="数据安全法入门")
    world.assign(course, person, world.day(-1))
    claim_due_reminders(today=world.TODAY)


def test_a_wecom_robot_gets_one_text_message_per_reminder(robot):
    one_overdue_person()

    assert deliver_pending() == {"sent": 2, "failed": 0}  # email and robot

    (request,) = robot.requests
    assert request["path"] == "/robot/send?key=k1"
    assert request["content_type"] == "application/json; charset=utf-8"
    assert set(request["body"]) == {"msgtype", "text"}
    assert request["body"]["msgtype"] == "text"
    assert set(request["body"]["text"]) == {"content"}
    content = request["body"]["text"]["content"]
    assert "数据安全法入门" in content and "王伟" in content and "2026-06-30" in content


def test_a_dingtalk_robot_with_a_secret_gets_timestamp_and_sign(robot, settings):
    settings.REMINDER_WEBHOOK_KIND = "dingtalk"
    settings.REMINDER_WEBHOOK_SECRET = "SEC-秘密"
    one_overdue_person()

    deliver_pending()

    (request,) = robot.requests
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(request["path"]).query)
    assert query["key"] == ["k1"]
    timestamp = query["timestamp"][0]
    moment = datetime.datetime.fromtimestamp(int(timestamp) / 1000, tz=datetime.UTC)
    assert abs(timezone.now() - moment) < datetime.timedelta(minutes=1)
    secret = "SEC-秘密".encode()
    expected = base64.b64encode(
        hmac.new(secret, f"{timestamp}\n".encode() + secret, hashlib.sha256).digest()
    ).decode()
    assert query["sign"] == [expected]
    assert request["body"]["msgtype"] == "text"


def test_a_wecom_url_is_never_signed():
    channel = WebhookChannel("http://robot/send?key=1", "wecom", "secret")
    assert channel.signed_url(1700000000000) == "http://robot/send?key=1"


@pytest.mark.parametrize(
    "status, answer",
    [(500, {"errcode": 0}), (200, {"errcode": 93000, "errmsg": "invalid key"})],
)
def test_a_refused_message_is_retried_later_then_given_up(robot, status, answer):
    robot.status, robot.answer = status, answer
    one_overdue_person()

    assert deliver_pending() == {"sent": 1, "failed": 1}
    failed = Delivery.objects.get(channel="webhook")
    assert failed.state == DeliveryState.PENDING
    assert failed.attempts == 1
    assert failed.last_error
    assert failed.next_attempt_at >= timezone.now() + delivery.RETRY_AFTER / 2
    # Not due yet: the next sweep leaves it alone.
    assert deliver_pending() == {"sent": 0, "failed": 0}
    assert len(robot.requests) == 1

    # The robot is back: once its time comes, the retry goes through.
    robot.status, robot.answer = 200, {"errcode": 0, "errmsg": "ok"}
    Delivery.objects.filter(pk=failed.pk).update(next_attempt_at=timezone.now())
    assert deliver_pending() == {"sent": 1, "failed": 0}
    failed.refresh_from_db()
    assert failed.state == DeliveryState.SENT
    assert failed.attempts == 2


def test_back_off_doubles_and_the_last_attempt_fails_for_good(robot):
    robot.status = 500
    one_overdue_person()
    waits = []
    for __ in range(delivery.MAX_ATTEMPTS):
        Delivery.objects.filter(channel="webhook").update(
            next_attempt_at=timezone.now()
        )
        before = timezone.now()
        deliver_pending()
        row = Delivery.objects.get(channel="webhook")
        waits.append(row.next_attempt_at - before)

    assert row.state == DeliveryState.FAILED
    assert row.attempts == delivery.MAX_ATTEMPTS
    assert waits[1] > waits[0] * 1.9 and waits[2] > waits[1] * 1.9
    assert len(robot.requests) == delivery.MAX_ATTEMPTS


def test_an_unreachable_robot_fails_fast(settings):
    settings.REMINDER_WEBHOOK_URL = "http://127.0.0.1:9/nothing"
    one_overdue_person()

    assert deliver_pending() == {"sent": 1, "failed": 1}
    assert "Connection refused" in Delivery.objects.get(channel="webhook").last_error
