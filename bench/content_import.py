"""Benchmark: import the whole content/ into a fresh database, then re-import it unchanged.

    .venv/bin/python bench/content_import.py            # a fresh SQLite file
    DATABASE_URL=postgres://... .venv/bin/python bench/content_import.py   # an empty PostgreSQL DB

Prints the full-import and no-op re-import times and what each did.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    workdir = tempfile.mkdtemp(prefix="citylearn-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ["MEDIA_ROOT"] = str(Path(workdir) / "media")
    os.environ["DJANGO_SETTINGS_MODULE"] = "citylearn.settings.dev"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Revision

    from citylearn.content_import.services import import_content

    call_command("migrate", verbosity=0)
    print(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")

    started = time.perf_counter()
    report = import_content(settings.CONTENT_DIR)
    full = time.perf_counter() - started
    print(f"full import:     {full:6.2f} s  ({report.summary()})")
    if report.problems:
        sys.exit("the content has errors: run manage.py import_content to see them")

    revisions = Revision.objects.count()
    started = time.perf_counter()
    report = import_content(settings.CONTENT_DIR)
    noop = time.perf_counter() - started
    print(f"no-op re-import: {noop:6.2f} s  ({report.summary()})")
    new_revisions = Revision.objects.count() - revisions
    print(f"revisions created by the re-import: {new_revisions}")
    from bench.figures import record

    setting = {
        "database": connection.vendor,
        "workers": "in-process",
        "concurrency": 1,
        "data": "content/",
    }
    record("content_import", "full import", full, "s", target=60, **setting)
    record("content_import", "no-op re-import", noop, "s", target=5, **setting)
    record(
        "content_import",
        "revisions created by the no-op re-import",
        new_revisions,
        "revisions",
        target=1,
        **setting,
    )


if __name__ == "__main__":
    main()
