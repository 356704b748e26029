"""The Celery app. Settings come from Django's (CELERY_*); the beat schedule lives here."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citylearn.settings.dev")

app = Celery("citylearn")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    "clear-expired-sessions": {
        "task": "citylearn.core.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=17),
    },
    "refresh-transparency-figures": {
        "task": "citylearn.transparency.tasks.refresh_transparency_figures",
        "schedule": crontab(hour=2, minute=30),
    },
    "purge-expired-audit-entries": {
        "task": "citylearn.audit.tasks.purge_expired_audit_entries",
        "schedule": crontab(hour=3, minute=41),
    },
    "discard-stale-roster-uploads": {
        "task": "citylearn.organisation.tasks.discard_stale_roster_uploads",
        "schedule": crontab(minute=23),
    },
    # Effects of events whose receiver failed (docs/architecture.md, "Events").
    "complete-missed-courses": {
        "task": "citylearn.progress.tasks.complete_missed_courses",
        "schedule": crontab(minute=7),
    },
    "issue-missing-certificates": {
        "task": "citylearn.certificates.tasks.issue_missing_certificates",
        "schedule": crontab(minute="*/15"),
    },
    # The unfiltered dashboard shows the last run's figures; the day's last run is
    # the trend's point for the day.
    "snapshot-department-figures": {
        "task": "citylearn.reports.tasks.snapshot_department_figures",
        "schedule": crontab(minute="*/15"),
    },
    # Heads read it first thing on Monday (CELERY_TIMEZONE is Asia/Shanghai).
    "send-weekly-head-digests": {
        "task": "citylearn.reports.tasks.send_weekly_head_digests",
        "schedule": crontab(day_of_week="mon", hour=8, minute=0),
    },
    "delete-expired-exports": {
        "task": "citylearn.exports.tasks.delete_expired_export_files",
        "schedule": crontab(minute=53),
    },
    # Once a day, before the working day; the sweep retries failed deliveries and
    # finds those a dead worker left behind (citylearn/reminders/delivery.py).
    "send-reminders": {
        "task": "citylearn.reminders.tasks.send_reminders",
        "schedule": crontab(hour=8, minute=3),
    },
    "deliver-reminders": {
        "task": "citylearn.reminders.tasks.deliver_reminders",
        "schedule": crontab(minute="*/5"),
    },
    # A learner who closes the page mid-exam is graded once the time is up.
    "grade-expired-attempts": {
        "task": "citylearn.quizzes.tasks.grade_expired_attempts",
        "schedule": crontab(minute="*/5"),
    },
}
