import re

import pytest
from wagtail.models import Site

from citylearn.core.models import HomePage

pytestmark = pytest.mark.django_db


def test_the_site_root_is_the_home_page():
    root = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(root, HomePage)


def test_home_page_is_served_in_chinese_by_default(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-CN">' in html
    assert "跳到主要内容" in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert 'href="/en/"' in html


def test_home_page_is_served_in_english_under_en(client):
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    assert 'href="/"' in html


def test_home_page_has_landmarks_and_a_skip_link(client):
    html = client.get("/").content.decode()
    for landmark in ('<header class="site-header">', '<main id="main"', "<footer"):
        assert landmark in html
    assert 'class="skip-link" href="#main"' in html


def test_home_page_links_to_the_areas_it_is_given(client):
    home = HomePage.objects.get()
    home.learning_page = home
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert '<h2><a href="/">' in html


def test_pages_use_only_this_sites_assets(client):
    html = client.get("/").content.decode()
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not url.startswith(("http:", "https:", "//")), url


def test_home_page_leaves_out_an_area_taken_offline(client):
    home = HomePage.objects.get()
    area = home.add_child(instance=HomePage(title="学习", slug="staff-area"))
    home.learning_page = area
    home.save_revision().publish()
    assert 'href="/staff-area/"' in client.get("/").content.decode()
    area.unpublish()
    assert 'href="/staff-area/"' not in client.get("/").content.decode()


def test_a_preview_of_the_home_page_shows_areas_still_in_draft(rf):
    home = HomePage.objects.get()
    area = home.add_child(
        instance=HomePage(title="学习", slug="staff-area", live=False)
    )
    home.learning_page = area
    request = rf.get("/")
    assert home.get_context(request)["learning_page"] is None
    request.is_preview = True
    assert home.get_context(request)["learning_page"].pk == area.pk
