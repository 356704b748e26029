"""The import task sent through the real broker to the real worker (.ci/run's second pass)."""

import pytest

from citylearn.cases.models import CaseStudyPage
from citylearn.content_import.models import ImportedSource
from citylearn.content_import.tasks import import_content_task
from citylearn.quizzes.models import SelfCheckPage
from tests.builders.pages import home_page
from tests.conftest import wait_until
from tests.content_tree import FILES

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_the_worker_imports_content(through_the_broker, content_root):
    home_page()  # an earlier transactional test may have flushed the site away
    import_content_task.delay(str(content_root))

    # Every source remembered means the task ran to its end.
    assert wait_until(lambda: ImportedSource.objects.count() == len(FILES))
    assert CaseStudyPage.objects.get(live=True).title == "某市运营中心"
    assert SelfCheckPage.objects.get(live=True).bank.questions.count() == 1
