"""One map of the site: the areas' index slugs hold, and everything reads them there."""

import pytest
from django.contrib.auth.models import Group, User
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from citylearn.core import site_structure
from citylearn.core.markup import render_markdown
from citylearn.core.models import INDEX_SLUG_FIXED
from tests.builders import pages
from tests.builders.learning import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    editor = User.objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


@pytest.fixture
def superuser_client(client):
    client.force_login(User.objects.create_superuser("root", password="x"))
    return client


def edit(client, page, **values):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": getattr(page, "intro", ""),
            "comments": inline_formset([]),
            **values,
        }
    )
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def test_every_area_has_its_index_where_the_registry_says(client):
    for area in site_structure.AREAS:
        index = pages.index(area.kind)
        assert index.url == f"/{area.slug}/"
        assert area.index_url() == f"/{area.slug}/"
    assert site_structure.content_link_path("explainer", "x") == "/rights/x/"
    assert site_structure.content_link_path("lesson", "c/l") == "/learn/c/l/"
    assert site_structure.content_link_path("glossary", "t") == "/glossary/#t"
    assert 'href="/letters/access/"' in render_markdown("[信](letter:access)")


def test_renaming_an_index_slug_in_the_admin_is_refused(editor_client):
    index = pages.index("explainer")
    response = edit(editor_client, index, slug="my-rights")
    assert response.status_code == 200
    assert response.context["form"].errors["slug"] == [
        INDEX_SLUG_FIXED % {"slug": "rights"}
    ]
    assert "站内链接和导航都依据它生成" in response.content.decode()
    index.refresh_from_db()
    assert index.slug == "rights"
    assert index.get_latest_revision().as_object().slug == "rights"


def test_renaming_an_index_title_is_allowed_and_the_navigation_follows(
    editor_client, client
):
    index = pages.index("case")
    response = edit(editor_client, index, title="城市案例")
    assert response.status_code == 302
    index.refresh_from_db()
    revision = index.get_latest_revision()
    assert (revision.as_object().title, revision.as_object().slug) == (
        "城市案例",
        "cases",
    )
    revision.publish()
    client.logout()
    home = client.get("/").content.decode()
    assert 'href="/cases/"' in home
    assert "城市案例" in client.get("/cases/").content.decode()


@pytest.mark.parametrize("kind", ["explainer", "course"])
def test_an_index_page_cannot_be_deleted_or_moved(superuser_client, kind):
    index = pages.index(kind)
    home = index.get_parent()
    response = superuser_client.post(f"/admin/pages/{index.pk}/delete/")
    assert response.status_code == 302
    assert Page.objects.filter(pk=index.pk).exists()
    other = pages.index("glossary")
    response = superuser_client.post(
        f"/admin/pages/{index.pk}/move/{other.pk}/confirm/"
    )
    assert response.status_code == 302
    index.refresh_from_db()
    assert index.get_parent().pk == home.pk
    # Nor with the home page above it.
    superuser_client.post(f"/admin/pages/{home.pk}/delete/")
    assert Page.objects.filter(pk=home.pk).exists()


def test_other_pages_may_still_be_deleted(superuser_client):
    page = pages.explainer()
    response = superuser_client.post(f"/admin/pages/{page.pk}/delete/")
    assert response.status_code == 302
    assert not Page.objects.filter(pk=page.pk).exists()


def test_the_navigation_and_footer_link_the_pages_of_the_language_read(client):
    pages.index("explainer")
    make_course(lessons=0)
    chinese = client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    for area in site_structure.AREAS:
        if area.nav_label:
            assert f'href="/{area.slug}/"' in chinese
            assert f'href="/en/{area.slug}/"' in english
    for about in site_structure.ABOUT_PAGES:
        assert f'href="/{about.slug}/"' in chinese
        assert f'href="/en/{about.slug}/"' in english
