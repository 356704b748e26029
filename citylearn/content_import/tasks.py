from pathlib import Path

from django.conf import settings

from citylearn.celery import app
from citylearn.content_import.services import import_content


@app.task
def import_content_task(path: str = "", force: bool = False) -> dict:
    """Import a content tree; unchanged files are skipped, so running it twice is harmless."""
    report = import_content(Path(path or settings.CONTENT_DIR), force=force)
    return {"summary": report.summary(), "problems": [str(p) for p in report.problems]}
