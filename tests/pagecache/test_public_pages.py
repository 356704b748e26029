"""Every public page type: one cached copy for every anonymous visitor, few queries."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.builders import pages
from tests.builders.learning import make_course
from tests.pagecache.public_site import PAGE_URLS, build_site

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def built_site(module_db, django_db_blocker):
    with django_db_blocker.unblock():
        build_site(3)


@pytest.fixture
def site(built_site, db):
    pass


def test_an_anonymous_visit_sets_no_cookie_and_does_not_vary_on_cookies(client, site):
    for url in PAGE_URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.cookies == {}, url
        assert "Cookie" not in response.get("Vary", ""), url
        assert "Accept-Language" not in response.get("Vary", ""), url
        assert response["Cache-Control"] == "public, max-age=60", url


def test_the_second_anonymous_visit_is_served_from_the_cache(client, site):
    for url in PAGE_URLS:
        first = client.get(url)
        with CaptureQueriesContext(connection) as queries:
            second = client.get(url)
        assert len(queries) == 0, url
        assert second.content == first.content, url
        assert second["Content-Language"] == first["Content-Language"], url


def test_publishing_a_page_empties_the_cache(client, site):
    explainer = pages.explainer(title="旧标题", slug="changing")
    assert "旧标题" in client.get("/rights/").content.decode()
    explainer.title = "新标题"
    explainer.save_revision().publish()
    assert "新标题" in client.get("/rights/").content.decode()
    explainer.unpublish()
    assert "新标题" not in client.get("/rights/").content.decode()


def test_changing_the_glossary_empties_the_cache(client, site):
    assert "新术语" not in client.get("/glossary/").content.decode()
    pages.term("新术语", "new-term")
    assert "新术语" in client.get("/glossary/").content.decode()


def test_a_new_glossary_term_is_linked_from_pages_at_once(
    client, site, django_capture_on_commit_callbacks
):
    pages.explainer(slug="profiling", body="什么是用户画像？")
    assert "glossary-term" not in client.get("/rights/profiling/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        pages.term("用户画像", "profiling")
    page = client.get("/rights/profiling/").content.decode()
    assert 'href="/glossary/#profiling"' in page


def test_a_page_made_private_stops_being_public_at_once(
    client, site, django_capture_on_commit_callbacks
):
    explainer = pages.explainer(slug="soon-private")
    assert client.get("/rights/soon-private/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=explainer, restriction_type=PageViewRestriction.LOGIN
        )
    response = client.get("/rights/soon-private/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page=explainer).delete()
    assert client.get("/rights/soon-private/").status_code == 200


def test_a_signed_in_visit_is_neither_served_from_nor_stored_in_the_cache(client, site):
    anonymous = client.get("/rights/").content.decode()
    user = get_user_model().objects.create_user("editor", password="x" * 12)
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        signed_in = client.get("/rights/")
    assert len(queries) > 0
    assert "private" in signed_in["Cache-Control"]
    assert "public" not in signed_in["Cache-Control"]
    assert '<li class="user-name">editor</li>' in signed_in.content.decode()
    client.logout()
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/rights/").content.decode()
    assert len(queries) == 0  # still the anonymous copy, stored before
    assert again == anonymous
    assert "editor" not in again


def test_a_page_that_set_a_cookie_is_not_stored(client, site, settings):
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "tests.pagecache.cookie_middleware.SetsACookie",
    ]
    response = client.get("/glossary/")
    assert "private" in response["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        client.get("/glossary/")
    assert len(queries) > 0


def test_staff_only_pages_are_not_cached_for_anonymous_visitors(client, site):
    course = make_course(lessons=0, slug="staff-only")
    response = client.get(f"/learn/{course.slug}/")
    assert response.status_code == 302
    assert "public" not in response.get("Cache-Control", "")
