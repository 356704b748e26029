from citylearn.celery import app
from citylearn.certificates.services import issue_certificate
from citylearn.progress.models import CourseCompletion


@app.task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def issue_certificate_task(completion_id: int) -> None:
    """Issue the completion's certificate; a second run finds it and does nothing."""
    completion = CourseCompletion.objects.select_related("user", "course").get(
        pk=completion_id
    )
    issue_certificate(completion=completion)
