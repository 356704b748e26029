from django.conf import settings
from django.db import DatabaseError, connection

from citylearn.celery import app as celery_app


def broker_status() -> str:
    """'ok', 'error', or 'not configured' when tasks run eagerly in-process."""
    if not settings.CELERY_BROKER_URL:
        return "not configured"
    try:
        with celery_app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:  # kombu raises transport-specific errors; any of them means down
        return "error"
    return "ok"


def database_status() -> str:
    """'ok' when the default database answers a query, else 'error'."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "error"
    return "ok"
