"""Drill: two beat processes started by mistake send every scheduled job twice."""

import pytest

from citylearn.core import tasks

pytestmark = pytest.mark.django_db

JOB = "citylearn.core.tasks.clear_expired_sessions"
PERIOD = 15 * 60


@pytest.fixture
def runs(monkeypatch):
    calls = []
    monkeypatch.setattr(tasks.management, "call_command", calls.append)
    return calls


def test_a_job_sent_twice_in_one_period_runs_once(runs, monkeypatch):
    monkeypatch.setattr(tasks.time, "time", lambda: 1_800_000_000 + 10)
    first = tasks.run_once_per_period(JOB, PERIOD)
    monkeypatch.setattr(tasks.time, "time", lambda: 1_800_000_000 + 12)
    second = tasks.run_once_per_period(JOB, PERIOD)

    assert (first, second) == (True, False)
    assert runs == ["clearsessions"]


def test_the_next_period_runs_it_again(runs, monkeypatch):
    monkeypatch.setattr(tasks.time, "time", lambda: 1_800_000_000 + 10)
    tasks.run_once_per_period(JOB, PERIOD)
    monkeypatch.setattr(tasks.time, "time", lambda: 1_800_000_000 + 10 + PERIOD)
    tasks.run_once_per_period(JOB, PERIOD)

    assert runs == ["clearsessions", "clearsessions"]


def test_other_jobs_in_the_same_period_are_not_held_back(runs, monkeypatch):
    monkeypatch.setattr(tasks.time, "time", lambda: 1_800_000_000 + 10)
    tasks.run_once_per_period(JOB, PERIOD)

    assert tasks.run_once_per_period(
        "citylearn.certificates.tasks.issue_missing_certificates", PERIOD
    )
