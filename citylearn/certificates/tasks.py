from citylearn.celery import app
from citylearn.certificates.services import (
    completions_missing_certificates,
    issue_certificate,
)
from citylearn.progress.models import CourseCompletion


@app.task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def issue_certificate_task(completion_id: int) -> None:
    """Issue the completion's certificate; a second run finds it and does nothing."""
    completion = CourseCompletion.objects.select_related("user", "course").get(
        pk=completion_id
    )
    issue_certificate(completion=completion)


@app.task
def issue_missing_certificates() -> int:
    """Queue the certificates that a lost event or a failed render left without a PDF."""
    missing = completions_missing_certificates()
    for completion_id in missing:
        issue_certificate_task.delay(completion_id)
    return len(missing)
