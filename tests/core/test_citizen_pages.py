"""The pages about the site (content/about/), the footer that links them, and the home
page's ways to everything a citizen may want."""

import pytest

from citylearn.content_import.services import import_content
from citylearn.core.models import InformationPage
from tests.content_tree import write

pytestmark = pytest.mark.django_db

PRIVACY = """\
    ---
    title: 隐私说明
    summary: 本站收集什么。
    last_reviewed: 2026-12-06
    facts: [contact, retention]
    ---
    ## 你的权利

    可以申请查阅。
    """


@pytest.fixture(scope="module")
def imported_site(module_db, django_db_blocker, module_content_root):
    write(module_content_root, "about/privacy.md", PRIVACY)
    with django_db_blocker.unblock():
        report = import_content(module_content_root)
    assert report.problems == []


@pytest.fixture
def site(imported_site, db):
    pass


def test_an_about_page_is_imported_at_the_top_of_the_site(client, site):
    page = InformationPage.objects.get(slug="privacy")

    response = client.get("/privacy/")

    assert page.live
    assert response.status_code == 200
    assert "可以申请查阅。" in response.content.decode()


def test_the_privacy_page_shows_the_retention_and_contact_the_operator_set(
    client, site, settings
):
    settings.AUDIT_LOG_RETENTION_DAYS = 200
    settings.CONTACT_EMAIL = "privacy@district.example"

    page = client.get("/privacy/").content.decode()

    assert "保存 200 天" in page
    assert 'href="mailto:privacy@district.example"' in page


def test_without_a_configured_contact_the_page_says_how_to_reach_us_anyway(
    client, site, settings
):
    settings.CONTACT_EMAIL = settings.CONTACT_PHONE = ""

    page = client.get("/privacy/").content.decode()

    assert "mailto:" not in page
    assert "12345" in page


def test_an_about_page_may_not_take_an_areas_address(content_root):
    write(content_root, "about/rights.md", PRIVACY)

    report = import_content(content_root)

    assert any("already the address" in str(problem) for problem in report.problems)
    assert not InformationPage.objects.filter(slug="rights").exists()


def test_an_unknown_fact_is_refused(content_root):
    write(content_root, "about/privacy.md", PRIVACY.replace("retention", "secrets"))

    report = import_content(content_root)

    assert any("facts" in str(problem) for problem in report.problems)


@pytest.mark.parametrize("url", ["/", "/rights/", "/search/"])
def test_every_page_links_the_about_pages_in_its_footer(client, site, url):
    page = client.get(url).content.decode()
    footer = page.split('class="site-footer"')[1]

    for link in ("/about/", "/privacy/", "/accessibility/", "/contact/"):
        assert f'href="{link}"' in footer


def test_the_english_footer_links_the_english_pages(client, site):
    footer = client.get("/en/").content.decode().split('class="site-footer"')[1]

    assert 'href="/en/privacy/"' in footer


def test_the_home_page_offers_search_and_the_ways_a_citizen_needs(client, site):
    page = client.get("/").content.decode()

    assert 'action="/search/"' in page
    assert 'type="search" name="q"' in page
    for link in ("/rights-check/", "/register/", "/glossary/", "/transparency/"):
        assert f'href="{link}"' in page


def test_the_explainers_index_links_the_self_check(client, site):
    page = client.get("/rights/").content.decode()

    assert 'href="/rights-check/"' in page
