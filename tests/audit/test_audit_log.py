from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

from citylearn.audit.checks import audit_retention_check
from citylearn.audit.encoding import encode_control_characters
from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AppendOnlyError, AuditEntry
from citylearn.audit.retention import retention_cutoff, six_calendar_months_before
from citylearn.audit.services import purge_expired_entries, record
from citylearn.audit.tasks import purge_expired_audit_entries
from citylearn.celery import app

pytestmark = pytest.mark.django_db


def entry(**fields):
    return record(action=AuditAction.SIGN_IN, actor_label="tester", **fields)


def test_an_entry_cannot_be_changed():
    logged = entry()
    logged.actor_label = "someone else"
    with pytest.raises(AppendOnlyError):
        logged.save()
    assert AuditEntry.objects.get().actor_label == "tester"


def test_an_entry_cannot_be_deleted():
    logged = entry()
    with pytest.raises(AppendOnlyError):
        logged.delete()
    assert AuditEntry.objects.count() == 1


def test_querysets_refuse_updates_and_deletes():
    entry()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(actor_label="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(actor_label="tester").delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    logged = AuditEntry.objects.get()
    logged.actor_label = "x"
    with pytest.raises(AppendOnlyError), transaction.atomic():
        AuditEntry.objects.bulk_update([logged], ["actor_label"])
    assert AuditEntry.objects.get().actor_label == "tester"


@pytest.mark.parametrize(
    ("raw", "encoded"),
    [
        ("plain 张三", "plain 张三"),
        ("line\nbreak", "line\\x0abreak"),
        ("\r\n2026-01-01 admin signed in", "\\x0d\\x0a2026-01-01 admin signed in"),
        ("bell\x07 esc\x1b[31m", "bell\\x07 esc\\x1b[31m"),
        ("del\x7f c1\x85", "del\\x7f c1\\x85"),
        ("rtl\u202eevil", "rtl\\u202eevil"),
        ("sep\u2028x", "sep\\u2028x"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_control_characters_are_encoded(raw, encoded):
    assert encode_control_characters(raw) == encoded


def test_logged_values_are_encoded_everywhere():
    logged = record(
        action=AuditAction.SIGN_IN_FAILED,
        actor_label="evil\nadmin",
        target_label="x\ty",
        detail={"name\n": ["a\x00b", {"k": "v\r"}], "n": 3},
    )
    logged.refresh_from_db()
    assert logged.actor_label == "evil\\x0aadmin"
    assert logged.target_label == "x\\x09y"
    assert logged.detail == {"name\\x0a": ["a\\x00b", {"k": "v\\x0d"}], "n": 3}


def test_six_calendar_months_before_clamps_to_the_month_end():
    assert six_calendar_months_before(datetime(2026, 8, 31, tzinfo=UTC)) == datetime(
        2026, 2, 28, tzinfo=UTC
    )
    assert six_calendar_months_before(datetime(2026, 3, 15, tzinfo=UTC)) == datetime(
        2025, 9, 15, tzinfo=UTC
    )


def test_the_cutoff_is_never_later_than_six_calendar_months():
    # 1 March back six months is 1 September: 181 days, fewer than 183.
    now = datetime(2027, 3, 1, tzinfo=UTC)
    assert retention_cutoff(now) == now - timedelta(days=183)
    # 1 September back six months is 1 March: 184 days, more than 183.
    now = datetime(2026, 9, 1, tzinfo=UTC)
    assert retention_cutoff(now) == datetime(2026, 3, 1, tzinfo=UTC)


@override_settings(AUDIT_LOG_RETENTION_DAYS=30)
def test_a_retention_below_six_months_is_raised_at_use():
    now = datetime(2026, 9, 1, tzinfo=UTC)
    assert retention_cutoff(now) == datetime(2026, 3, 1, tzinfo=UTC)


@override_settings(AUDIT_LOG_RETENTION_DAYS=400)
def test_a_longer_retention_is_honoured():
    now = datetime(2026, 9, 1, tzinfo=UTC)
    assert retention_cutoff(now) == now - timedelta(days=400)


@pytest.mark.parametrize("value", [30, 182, "183", None])
def test_the_system_check_refuses_a_short_or_malformed_retention(value):
    with override_settings(AUDIT_LOG_RETENTION_DAYS=value):
        errors = audit_retention_check(None)
    assert [error.id for error in errors] == ["audit.E001"]


def test_the_system_check_accepts_the_default():
    assert audit_retention_check(None) == []


@override_settings(AUDIT_LOG_RETENTION_DAYS=10)
def test_manage_py_check_fails_on_a_short_retention():
    with pytest.raises(SystemCheckError):
        call_command("check")


def test_purge_deletes_only_what_has_outlived_the_retention():
    now = timezone.now()
    old = entry()
    kept = entry()
    # Backdating needs a raw write: the model itself refuses updates.
    with connection.cursor() as cursor:
        table = AuditEntry._meta.db_table
        cursor.execute(
            f"UPDATE {table} SET at = %s WHERE id = %s",  # noqa: S608
            [now - timedelta(days=200), old.pk],
        )
    assert purge_expired_entries(now=now) == 1
    assert AuditEntry.objects.filter(pk=kept.pk).exists()
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    purged = AuditEntry.objects.get(action=AuditAction.AUDIT_PURGED)
    assert purged.detail["deleted"] == 1
    # Safe to run twice: nothing more is old enough.
    assert purge_expired_audit_entries() == 0


def test_the_purge_task_is_on_the_beat_schedule():
    tasks = {entry["args"][0] for entry in app.conf.beat_schedule.values()}
    assert "citylearn.audit.tasks.purge_expired_audit_entries" in tasks
