"""Page views find their site, its root page and privacy from the cache, and see changes."""

import pytest
from django.apps import apps
from django.db import connection
from django.db.models.signals import post_migrate
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from citylearn.pagecache.services import generation
from tests.builders import pages

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_TIMEOUT = 0  # every view renders the page afresh


def tables_read(client, url: str) -> list[str]:
    client.get(url)  # fills the lookups
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"].split(" FROM ", 1)[1].split()[0] for query in queries]


def test_a_page_view_reads_no_site_root_page_restriction_or_glossary(client):
    pages.glossary_page()
    pages.term("个人信息", "personal-information")
    pages.explainer(slug="access", body="个人信息的查阅。")
    read = tables_read(client, "/rights/access/")
    for table in (
        '"wagtailcore_site"',
        '"core_homepage"',
        '"wagtailcore_pageviewrestriction"',
        '"explainers_glossaryterm"',
    ):
        assert table not in read
    assert tables_read(client, "/") == []  # a home page linking no areas


def test_moving_the_site_root_takes_effect_at_once(client):
    index = pages.index("explainer")
    assert (
        '<h1 lang="zh-Hans">数据权利指南</h1>' not in client.get("/").content.decode()
    )
    site = Site.objects.get(is_default_site=True)
    site.root_page = index
    site.save()
    assert '<h1 lang="zh-Hans">数据权利指南</h1>' in client.get("/").content.decode()


def test_a_new_host_name_is_served_its_own_site(client, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "rights.example"]
    index = pages.index("explainer")
    assert client.get("/", HTTP_HOST="rights.example").status_code == 200
    Site.objects.create(hostname="rights.example", port=80, root_page=index)
    page = client.get("/", HTTP_HOST="rights.example").content.decode()
    assert '<h1 lang="zh-Hans">数据权利指南</h1>' in page


def test_editing_the_home_page_shows_at_once(client):
    home = pages.home_page()
    client.get("/")
    home.intro = "新的介绍"
    home.save_revision().publish()
    assert "新的介绍" in client.get("/").content.decode()


def test_a_private_ancestor_still_protects_its_pages(
    client, django_capture_on_commit_callbacks
):
    pages.explainer(slug="access")
    index = pages.index("explainer")
    assert client.get("/rights/access/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=index, restriction_type=PageViewRestriction.LOGIN
        )
    assert client.get("/rights/access/").status_code == 302


def test_migrating_starts_a_new_generation_of_cached_lookups():
    # A deploy migrates; the cache may hold objects pickled by the previous code.
    before = generation()
    pagecache = apps.get_app_config("pagecache")
    post_migrate.send(
        sender=pagecache,
        app_config=pagecache,
        verbosity=0,
        interactive=False,
        using="default",
        apps=apps,
        plan=[],
    )
    assert generation() > before
