"""A site with the project's own letters, imported from content/ as on a real site."""

import pytest

from citylearn.content_import.services import import_content
from citylearn.letters.enums import Right
from citylearn.letters.models import LetterPage
from tests.letters.content import write_letters_tree


def live_letters() -> dict[str, LetterPage]:
    pages = {page.right: page for page in LetterPage.objects.live()}
    assert set(pages) == set(Right.values)
    return pages


@pytest.fixture
def letters_root(tmp_path):
    return write_letters_tree(tmp_path / "content")


@pytest.fixture
def letters(db, letters_root) -> dict[str, LetterPage]:
    report = import_content(letters_root)
    assert report.messages() == []
    return live_letters()


@pytest.fixture(scope="module")
def letters_of_the_module(module_db, django_db_blocker, tmp_path_factory):
    """The letters imported once for a module whose tests only read them (module_db)."""
    with django_db_blocker.unblock():
        report = import_content(write_letters_tree(tmp_path_factory.mktemp("content")))
    assert report.messages() == []
