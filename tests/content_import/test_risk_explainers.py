"""content/risks.yaml names the explainer of each governance risk; the site holds the
pairs as rows that editors may change in the admin, and the migrations made the rows
that used to be a table in code."""

import pytest
from wagtail.models import Revision

from citylearn.cases.models import RiskExplainer
from citylearn.content_import.services import import_content
from citylearn.explainers.models import ExplainerPage
from citylearn.letters.models import LetterPage
from tests.builders import pages, people
from tests.content_tree import write
from tests.letters.content import EXPLAINERS, write_letters_tree
from tests.migrations import migrate, migrate_to_latest

pytestmark = pytest.mark.django_db

RISKS = """\
    # Which explainer answers which risk.
    purpose-creep: right-to-deletion
    data-breach: right-to-deletion
    """


def pairs() -> dict[str, str | None]:
    return {
        row.risk: row.explainer.slug if row.explainer else None
        for row in RiskExplainer.objects.select_related("explainer")
    }


def test_the_file_sets_the_pairs_once_and_the_case_page_links_them(
    content_root, client
):
    write(content_root, "risks.yaml", RISKS)
    case = content_root / "cases/command-centre.md"
    case.write_text(
        case.read_text().replace("---\n", "---\ngovernance_risks: [data-breach]\n", 1)
    )
    report = import_content(content_root)
    assert report.messages() == []
    assert "risks.yaml" in report.created
    assert pairs() == {
        "purpose-creep": "right-to-deletion",
        "data-breach": "right-to-deletion",
    }
    html = client.get("/en/cases/command-centre/").content.decode()
    assert '<a class="tag" href="/en/rights/right-to-deletion/">Data breach' in html

    ids = set(RiskExplainer.objects.values_list("pk", flat=True))
    again = import_content(content_root)
    assert "risks.yaml" in again.unchanged
    assert again.created == again.updated == again.conflicts == []
    assert set(RiskExplainer.objects.values_list("pk", flat=True)) == ids


def test_an_editor_changes_a_pair_until_the_file_changes(content_root, client):
    write(content_root, "risks.yaml", RISKS)
    assert import_content(content_root).messages() == []
    other = pages.explainer(title="另一篇", slug="another-explainer")
    client.force_login(people.editor())

    row = RiskExplainer.objects.get(risk="purpose-creep")
    edit = f"/admin/snippets/cases/riskexplainer/edit/{row.pk}/"
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"risk": "purpose-creep", "explainer": other.pk})
    assert response.status_code == 302
    assert pairs()["purpose-creep"] == "another-explainer"
    # The same risk twice is refused by the form, not by a 500.
    response = client.post(edit, {"risk": "data-breach", "explainer": other.pk})
    assert response.status_code == 200
    assert pairs()["purpose-creep"] == "another-explainer"

    import_content(content_root)
    assert pairs()["purpose-creep"] == "another-explainer"

    # A changed file is the truth again; a risk it leaves out has no explainer.
    write(content_root, "risks.yaml", "purpose-creep: right-to-deletion\n")
    assert import_content(content_root).messages() == []
    assert pairs() == {"purpose-creep": "right-to-deletion"}


def test_a_deleted_explainer_leaves_its_risk_unlinked(content_root):
    write(content_root, "risks.yaml", RISKS)
    import_content(content_root)
    ExplainerPage.objects.get(slug="right-to-deletion").delete()
    assert pairs() == {"purpose-creep": None, "data-breach": None}


@pytest.mark.parametrize(
    "text, line, message",
    [
        (
            "purpose-creep: right-to-deletion\nbad-risk: right-to-deletion\n",
            2,
            "unknown key 'bad-risk'",
        ),
        (
            "data-breach: right-to-deletion\npurpose-creep: no-such-page\n",
            2,
            "'purpose-creep' names no explainer 'no-such-page'",
        ),
        ("purpose-creep: Not A Slug\n", 1, "'purpose-creep' must be a slug"),
        ("- purpose-creep\n", 1, "the file must be a mapping of keys to values"),
    ],
)
def test_a_wrong_pair_is_an_error_on_its_line_and_writes_nothing(
    content_root, text, line, message
):
    path = write(content_root, "risks.yaml", text)
    report = import_content(content_root)
    assert any(m.startswith(f"{path}:{line}: {message}") for m in report.messages()), (
        report.messages()
    )
    assert not RiskExplainer.objects.exists()


def test_the_file_waits_for_a_broken_explainer(content_root):
    write(content_root, "risks.yaml", RISKS)
    explainer = content_root / "explainers/right-to-deletion.md"
    explainer.write_text(
        explainer.read_text().replace("topic: your-rights", "topic: 9")
    )
    messages = import_content(content_root).messages()
    assert any("wait until it is fixed" in m and "risks.yaml" in m for m in messages), (
        messages
    )
    assert not RiskExplainer.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_migrations_make_the_pairs_and_the_letters_explainers(tmp_path):
    # Another transactional test may have emptied the database, Wagtail's site too.
    pages.home_page()
    root = write_letters_tree(tmp_path / "content")
    assert import_content(root).messages() == []
    letters = {page.right: page for page in LetterPage.objects.all()}
    explainers = dict(ExplainerPage.objects.values_list("slug", "pk"))

    # Back to letters naming their explainer by slug, as imports wrote them.
    old = migrate([("cases", "0008_last_reviewed"), ("letters", "0001_letter_pages")])
    OldLetter = old.get_model("letters", "LetterPage")
    for right, page in letters.items():
        slug = "gone" if right == "deletion" else EXPLAINERS[right]
        OldLetter.objects.filter(pk=page.pk).update(explainer=slug)
        for revision in Revision.objects.filter(object_id=str(page.pk)):
            revision.content["explainer"] = slug
            revision.save(update_fields=["content"])

    migrate(
        [("cases", "0009_risk_explainers"), ("letters", "0004_remove_explainer_slug")]
    )
    migrate_to_latest()

    for right, page in letters.items():
        expected = None if right == "deletion" else explainers[EXPLAINERS[right]]
        assert LetterPage.objects.get(pk=page.pk).explainer_id == expected
        latest = LetterPage.objects.get(pk=page.pk).get_latest_revision()
        assert latest.as_object().explainer_id == expected
    # Of the seven pairs in code, this site has the explainer of one.
    assert pairs() == {"opaque-algorithm": "automated-decisions"}
