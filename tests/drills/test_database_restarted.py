"""Drill: the database drops the site's connection (as on a restart); the next request recovers."""

import pytest
from django.db import close_old_connections, connection, connections

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_next_request_after_a_dropped_connection_is_served(client):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no server that could drop the connection")
    assert client.get("/healthz").status_code == 200
    dropped = connection.connection.info.backend_pid
    other = connections.create_connection("default")
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [dropped])
    other.close()

    # What every request does first; Django's test client leaves it out.
    close_old_connections()
    response = client.get("/healthz")

    assert response.status_code == 200
    assert connection.connection.info.backend_pid != dropped


def test_the_database_settings_bound_every_wait():
    if connection.vendor != "postgresql":
        pytest.skip("connect_timeout and statement_timeout are PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] != "0"
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert connection.settings_dict["OPTIONS"]["connect_timeout"] > 0
