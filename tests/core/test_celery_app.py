from citylearn.celery import app


def test_tasks_survive_a_killed_worker():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1


def test_visibility_timeout_outlasts_every_delay_and_time_limit():
    visibility = app.conf.broker_transport_options["visibility_timeout"]
    assert visibility > app.conf.task_time_limit
    assert visibility > app.conf.task_default_retry_delay
    assert visibility == app.conf.result_backend_transport_options["visibility_timeout"]


def test_every_scheduled_task_is_registered():
    app.loader.import_default_modules()
    for entry in app.conf.beat_schedule.values():
        assert entry["task"] == "citylearn.core.tasks.run_once_per_period"
        task, __ = entry["args"]
        assert task in app.tasks, task
