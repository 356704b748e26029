"""Letters imported when they named law and article in free text cite provisions after
the migration, in the page and in its revisions, and read as before."""

import json
import re
from pathlib import Path

import pytest
from wagtail.models import Revision

from citylearn.letters.models import LetterPage
from tests.builders import pages
from tests.migrations import migrate, migrate_to_latest

BEFORE = json.loads(
    (Path(__file__).parent / "cited_articles.json").read_text(encoding="utf-8")
)
# The portability letter as imported before, and an article of a law with no provisions.
OLD_PORTABILITY = [
    {"law": law.removeprefix("《"), "article": article, "says": says}
    for law, article, says in (
        re.match(r"(《[^》]+)》(第[^：]+)：(.+)", line).groups()
        for line in BEFORE["portability"]
    )
] + [{"law": "某条例", "article": "第一条", "says": "别的法规。"}]


def printed(page) -> list[str]:
    return [f"《{a.law}》{a.article}：{a.says}" for a in page.cited_articles()]


@pytest.fixture
def site_after_a_flush(transactional_db):
    # Transactional tests before this one may have flushed the site the migrations made.
    pages.home_page()


# SQLite migrates its tables back only outside a transaction.
@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_free_text_articles_into_provisions(
    site_after_a_flush, letters
):
    page = letters["portability"]
    old = migrate([("letters", "0001_letter_pages")])
    old.get_model("letters", "LetterPage").objects.filter(pk=page.pk).update(
        articles=OLD_PORTABILITY
    )
    for revision in Revision.objects.filter(object_id=str(page.pk)):
        revision.content["articles"] = OLD_PORTABILITY
        revision.content.pop("provisions", None)
        revision.save(update_fields=["content"])

    migrate_to_latest()

    page = LetterPage.objects.get(pk=page.pk)
    # The article of a law with no provision on the site is left out, not misnamed.
    assert printed(page) == BEFORE["portability"]
    assert {p.key for p in page.provisions.all()} == {"pipl-45", "pipl-50", "pipl-65"}
    assert printed(page.get_latest_revision().as_object()) == BEFORE["portability"]
