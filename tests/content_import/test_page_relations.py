"""Pages name related pages by slug in content/; the site holds real page relations.

The importer resolves the slugs (also to pages it creates later in the same run), and
the migrations turn the slug lists of pages imported before into relations, in the
pages and in their revisions.
"""

import pytest
from wagtail.models import Revision

from citylearn.cases.models import CaseStudyPage
from citylearn.content_import.services import import_content
from citylearn.courses.models import CoursePage
from citylearn.explainers.models import ExplainerPage
from citylearn.register.models import RegisterEntryPage
from tests.builders import pages
from tests.content_tree import FILES, write
from tests.migrations import migrate, migrate_to_latest

pytestmark = pytest.mark.django_db

# Names the deletion explainer, which the importer reads after it.
ACCESS = FILES["explainers/right-to-deletion.md"].replace(
    "title: 删除权", "title: 查阅权\n        related: [right-to-deletion]"
)
BEFORE = [
    ("cases", "0003_themes_and_risks_ticked"),
    ("explainers", "0004_glossary_reading"),
    ("register", "0002_lists_edited_as_lines"),
]
AFTER = [
    ("cases", "0006_remove_slug_lists"),
    ("explainers", "0007_remove_related_slugs"),
    ("register", "0005_remove_explainer_slug"),
]


def related(page) -> list[str]:
    return [link.explainer.slug for link in page.related.all()]


def import_with_relations(content_root):
    write(content_root, "explainers/a-right-to-access.md", ACCESS)
    case = content_root / "cases/command-centre.md"
    case.write_text(
        case.read_text().replace(
            "related_explainers: [right-to-deletion]",
            "related_explainers: [right-to-deletion, a-right-to-access]\n"
            "related_courses: [data-basics]",
        )
    )
    report = import_content(content_root)
    assert report.problems == []
    return report


def test_slugs_become_relations_also_to_pages_imported_later(content_root):
    import_with_relations(content_root)

    access = ExplainerPage.objects.get(slug="a-right-to-access")
    deletion = ExplainerPage.objects.get(slug="right-to-deletion")
    assert related(access) == ["right-to-deletion"]
    # The live revision holds the relation too: the admin opens it.
    assert related(access.get_latest_revision().as_object()) == ["right-to-deletion"]
    case = CaseStudyPage.objects.get()
    assert [link.explainer for link in case.related_explainers.all()] == [
        deletion,
        access,
    ]
    assert list(case.related_courses.all()) == [CoursePage.objects.get()]
    assert RegisterEntryPage.objects.get().explainer == deletion

    again = import_content(content_root)
    assert again.created == again.updated == again.conflicts == []


def test_the_case_page_links_its_related_pages_in_order(content_root, client):
    import_with_relations(content_root)
    html = client.get("/cases/command-centre/").content.decode()
    assert html.index('href="/rights/right-to-deletion/"') < html.index(
        'href="/rights/a-right-to-access/"'
    )
    assert 'href="/learn/data-basics/"' in html


@pytest.mark.django_db(transaction=True)
def test_the_migrations_turn_imported_slug_lists_into_relations(content_root):
    # Another transactional test may have emptied the database, Wagtail's site too.
    pages.home_page()
    import_with_relations(content_root)
    case = CaseStudyPage.objects.get()
    access = ExplainerPage.objects.get(slug="a-right-to-access")
    entry = RegisterEntryPage.objects.get()
    deletion = ExplainerPage.objects.get(slug="right-to-deletion")
    course = CoursePage.objects.get()

    # Back to the slug lists, holding what the files named, as imports wrote them.
    old = migrate(BEFORE)
    slugs = {
        ("cases", "CaseStudyPage", case.pk): {
            "related_explainers": ["a-right-to-access", "gone", "right-to-deletion"],
            "related_courses": ["data-basics"],
        },
        ("explainers", "ExplainerPage", access.pk): {"related": ["right-to-deletion"]},
        ("register", "RegisterEntryPage", entry.pk): {"explainer": "right-to-deletion"},
    }
    for (app, model, pk), values in slugs.items():
        old.get_model(app, model).objects.filter(pk=pk).update(**values)
        for revision in Revision.objects.filter(object_id=str(pk)):
            revision.content.update(values)
            revision.save(update_fields=["content"])

    migrate(AFTER)
    migrate_to_latest()

    case = CaseStudyPage.objects.get()
    assert [link.explainer for link in case.related_explainers.all()] == [
        access,
        deletion,
    ]
    assert list(case.related_courses.all()) == [course]
    assert related(ExplainerPage.objects.get(pk=access.pk)) == ["right-to-deletion"]
    assert RegisterEntryPage.objects.get().explainer == deletion
    # Every revision opens with the same relations, as the admin and a revert need.
    for page in (case, access, entry):
        for revision in Revision.objects.filter(object_id=str(page.pk)):
            revision.as_object()
    latest = case.get_latest_revision().as_object()
    assert [link.explainer for link in latest.related_explainers.all()] == [
        access,
        deletion,
    ]
    assert list(latest.related_courses.all()) == [course]
    assert entry.get_latest_revision().as_object().explainer == deletion
