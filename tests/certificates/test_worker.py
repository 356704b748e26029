"""The certificate task through a real broker and worker (started by .ci/run)."""

import pytest

from citylearn.certificates.models import Certificate
from citylearn.certificates.tasks import issue_certificate_task
from tests.builders.learning import make_completion
from tests.conftest import wait_until

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
]


def test_the_worker_issues_one_certificate_with_its_pdf(through_the_broker):
    completion = make_completion()

    issue_certificate_task.delay(completion.pk)
    issue_certificate_task.delay(completion.pk)

    assert wait_until(
        lambda: (
            Certificate.objects.filter(completion=completion).exclude(pdf="").exists()
        )
    )
    assert Certificate.objects.filter(completion=completion).count() == 1
