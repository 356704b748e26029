"""content/letters/: one file per right, checked by the importer, reviewed by lawyers."""

import pytest
from django.conf import settings

from citylearn.content_import.services import import_content
from citylearn.content_import.validation import read_tree, validate_tree
from citylearn.explainers.workflow import LEGAL_REVIEW_WORKFLOW
from citylearn.letters.enums import Right
from citylearn.letters.models import LetterIndexPage
from tests.content_tree import write

pytestmark = pytest.mark.django_db


def problems(root) -> list[str]:
    return import_content(root, dry_run=True).messages()


def test_every_right_has_a_letter_and_its_explainer_links_to_it():
    tree = read_tree(settings.CONTENT_DIR)
    validate_tree(tree, existing_slugs={})
    letters = {source.slug: source for source in tree.letters}
    assert set(letters) == set(Right.values)
    explainers = {source.slug: source for source in tree.explainers}
    for right, letter in letters.items():
        explainer = explainers[letter.fields["explainer"]]
        assert f"[写一封信行使这项权利](letter:{right})" in explainer.body, right
        assert letter.fields["references"], right


def test_letters_go_through_the_explainers_legal_review(letters):
    index = LetterIndexPage.objects.get()
    for page in letters.values():
        assert page.get_parent().specific == index
        assert page.get_workflow().name == LEGAL_REVIEW_WORKFLOW


def test_a_letter_for_an_unknown_right_is_an_error(letters_root):
    write(
        letters_root,
        "letters/right-to-fly.md",
        (letters_root / "letters/deletion.md").read_text(encoding="utf-8"),
    )

    [message] = problems(letters_root)

    assert message.startswith(f"{letters_root / 'letters/right-to-fly.md'}:1: ")
    assert "'right-to-fly' is not a right a letter can exercise" in message


def test_a_letter_without_references_is_an_error_on_its_line(letters_root):
    path = letters_root / "letters/deletion.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("references:")] + "---\n正文。\n")

    messages = problems(letters_root)

    assert messages[0] == f"{path}:1: missing required key 'references'"
    # Its explainer links to it, and waits for it rather than breaking.
    assert "wait until it is fixed: explainers/right-to-deletion.md" in messages[1]


def test_a_letter_for_an_unknown_explainer_is_an_error_on_its_line(letters_root):
    path = letters_root / "letters/deletion.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("explainer: right-to-deletion", "explainer: no-such-page")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("explainer: no-such-page") + 1

    assert f"{path}:{line}: no explainer 'no-such-page'" in problems(letters_root)


def test_an_article_without_its_words_is_an_error_on_its_line(letters_root):
    path = letters_root / "letters/deletion.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    says: 处理目的已实现", "    said: 处理目的已实现", 1)
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("articles:") + 2  # the first article's own line

    assert (
        f"{path}:{line}: 'articles' item 1 must be "
        "{provision: ..., says: ...} (and maybe paragraph: 第…款)"
    ) in problems(letters_root)


def test_an_unknown_provision_is_an_error_on_its_line(letters_root):
    path = letters_root / "letters/deletion.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("provision: pipl-50", "provision: pipl-5000"))
    line = text.splitlines().index("  - provision: pipl-50") + 1

    assert f"{path}:{line}: 'articles' names no provision 'pipl-5000'" in problems(
        letters_root
    )


def test_a_paragraph_not_written_as_one_is_an_error_on_its_line(letters_root):
    path = letters_root / "letters/portability.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("paragraph: 第三款", "paragraph: 三款"))
    line = text.splitlines().index("  - provision: pipl-45") + 1

    [message] = [m for m in problems(letters_root) if "'articles'" in m]
    assert message.startswith(f"{path}:{line}: 'articles' item 1")
    assert "第…款" in message


def test_the_letters_cite_their_provisions_in_order(letters):
    deceased = letters["deceased-relative"]

    assert [item["provision"] for item in deceased.articles] == [
        "pipl-49",
        "pipl-45",
        "pipl-46",
        "pipl-47",
        "pipl-50",
        "pipl-65",
    ]
    assert set(deceased.provisions.values_list("key", flat=True)) == {
        "pipl-45",
        "pipl-46",
        "pipl-47",
        "pipl-49",
        "pipl-50",
        "pipl-65",
    }


def test_an_explainer_linking_to_a_missing_letter_is_an_error(letters_root):
    (letters_root / "letters/portability.md").unlink()

    [message] = problems(letters_root)

    assert "broken internal link: no letter 'portability'" in message


def test_importing_twice_changes_nothing(letters, letters_root):
    report = import_content(letters_root)

    assert report.created == report.updated == []
    assert len(report.unchanged) == 16
