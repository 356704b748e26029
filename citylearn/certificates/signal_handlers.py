from citylearn.certificates.tasks import issue_certificate_task
from citylearn.progress.models import CourseCompletion
from citylearn.progress.signals import course_completed


def queue_certificate(sender, *, completion: CourseCompletion, **kwargs) -> None:
    issue_certificate_task.delay(completion.pk)


def connect() -> None:
    course_completed.connect(
        queue_certificate,
        sender=CourseCompletion,
        dispatch_uid="certificates-queue-certificate",
    )
