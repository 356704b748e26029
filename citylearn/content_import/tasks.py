from pathlib import Path

from django.conf import settings

from citylearn.celery import app
from citylearn.content_import.services import ImportFailed, import_content


@app.task
def import_content_task(path: str = "", force: bool = False) -> dict:
    """Import a content tree; unchanged files are skipped, so running it twice is harmless.

    Errors and skipped conflicts end the task in the failed state, which the worker logs.
    """
    report = import_content(Path(path or settings.CONTENT_DIR), force=force)
    if report.failed:
        raise ImportFailed("\n".join([report.summary(), *report.messages()]))
    return {"summary": report.summary()}
