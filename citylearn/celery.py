"""The Celery app. Settings come from Django's (CELERY_*); the beat schedule lives here."""

import os
from datetime import timedelta

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citylearn.settings.dev")

app = Celery("citylearn")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def once_per_period(task: str, schedule: crontab, period: timedelta) -> dict:
    """A beat entry that runs task at most once per period, even under two beats."""
    return {
        "task": "citylearn.core.tasks.run_once_per_period",
        "schedule": schedule,
        "args": (task, int(period.total_seconds())),
    }


DAY, HOUR, WEEK = timedelta(days=1), timedelta(hours=1), timedelta(weeks=1)
FIVE_MINUTES = timedelta(minutes=5)

app.conf.beat_schedule = {
    "clear-expired-sessions": once_per_period(
        "citylearn.core.tasks.clear_expired_sessions",
        crontab(hour=3, minute=17),
        DAY,
    ),
    "refresh-transparency-figures": once_per_period(
        "citylearn.transparency.tasks.refresh_transparency_figures",
        crontab(hour=2, minute=30),
        DAY,
    ),
    "purge-expired-audit-entries": once_per_period(
        "citylearn.audit.tasks.purge_expired_audit_entries",
        crontab(hour=3, minute=41),
        DAY,
    ),
    "discard-stale-roster-uploads": once_per_period(
        "citylearn.organisation.tasks.discard_stale_roster_uploads",
        crontab(minute=23),
        HOUR,
    ),
    # Effects of events whose receiver failed (docs/architecture.md, "Events").
    "complete-missed-courses": once_per_period(
        "citylearn.progress.tasks.complete_missed_courses",
        crontab(minute=7),
        HOUR,
    ),
    "flag-missed-law-reviews": once_per_period(
        "citylearn.lawreview.tasks.flag_missed_reviews",
        crontab(minute=37),
        HOUR,
    ),
    "issue-missing-certificates": once_per_period(
        "citylearn.certificates.tasks.issue_missing_certificates",
        crontab(minute="*/15"),
        timedelta(minutes=15),
    ),
    # The unfiltered dashboard shows the last run's figures; the day's last run is
    # the trend's point for the day.
    "snapshot-department-figures": once_per_period(
        "citylearn.reports.tasks.snapshot_department_figures",
        crontab(minute="*/15"),
        timedelta(minutes=15),
    ),
    # Heads read it first thing on Monday (CELERY_TIMEZONE is Asia/Shanghai).
    "send-weekly-head-digests": once_per_period(
        "citylearn.reports.tasks.send_weekly_head_digests",
        crontab(day_of_week="mon", hour=8, minute=0),
        WEEK,
    ),
    "delete-expired-exports": once_per_period(
        "citylearn.exports.tasks.delete_expired_export_files",
        crontab(minute=53),
        HOUR,
    ),
    # Once a day, before the working day; the sweep retries failed deliveries and
    # finds those a dead worker left behind (citylearn/reminders/delivery.py).
    "send-reminders": once_per_period(
        "citylearn.reminders.tasks.send_reminders",
        crontab(hour=8, minute=3),
        DAY,
    ),
    "deliver-reminders": once_per_period(
        "citylearn.reminders.tasks.deliver_reminders",
        crontab(minute="*/5"),
        FIVE_MINUTES,
    ),
    # A learner who closes the page mid-exam is graded once the time is up.
    "grade-expired-attempts": once_per_period(
        "citylearn.quizzes.tasks.grade_expired_attempts",
        crontab(minute="*/5"),
        timedelta(minutes=5),
    ),
}
