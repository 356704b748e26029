import pytest

from citylearn.celery import app
from tests.drills.unreachable import DOWN


@pytest.fixture
def broker_down():
    """Tasks are published, to a broker that refuses connections."""
    conf = app.conf
    saved = conf.broker_url, conf.broker_write_url, conf.task_always_eager

    def fresh_connections():
        # The app keeps its connection pools; they must be rebuilt for the new URL.
        app._pool = None
        app.amqp._producer_pool = None

    conf.broker_url, conf.broker_write_url, conf.task_always_eager = DOWN, DOWN, False
    fresh_connections()
    yield
    conf.broker_url, conf.broker_write_url, conf.task_always_eager = saved
    fresh_connections()
