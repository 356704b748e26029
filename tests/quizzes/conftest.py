import pytest


@pytest.fixture(autouse=True)
def english_pages(settings):
    """These tests read the English wording of the quiz pages; the site default is Chinese."""
    settings.LANGUAGE_CODE = "en"
