"""The Celery app of .ci/run's worker: the project's own, for a database tests empty.

Transactional tests empty the database after each test and content types come back
with new ids; a worker that lives through many tests must not use the ids it cached
(a page saved with a stale one fails its foreign key).
"""

from celery.signals import task_prerun

from citylearn.celery import app

__all__ = ["app"]


@task_prerun.connect
def forget_cached_content_types(**kwargs):
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
