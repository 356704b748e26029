import pytest

from tests.quizzes.english import english_as_default


@pytest.fixture(autouse=True)
def english_pages(settings):
    """These tests read the English wording of the quiz pages; the site default is Chinese."""
    yield from english_as_default(settings)
