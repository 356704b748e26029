"""403, 404 and 500 answer in the site's layout, with DEBUG off as in production."""

import pytest
from django.db import connection
from django.urls import path

from tests.builders import people

pytestmark = pytest.mark.django_db


def broken(request):
    raise RuntimeError("boom")


urlpatterns = [path("broken/", broken)]


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def test_a_page_a_learner_may_not_open_explains_in_the_sites_layout(client):
    tree = people.district()
    client.force_login(people.staff("L1", tree["community"]).user)

    response = client.get("/hr/people/")

    page = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="zh-CN">' in page
    assert 'class="site-header"' in page
    assert "你无法打开此页面" in page
    assert "人事或培训专员" in page


def test_a_missing_page_offers_home_search_and_sign_in(client):
    response = client.get("/no/such/page/")

    page = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="zh-CN">' in page
    assert 'class="site-header"' in page
    assert "Page not found" not in page
    assert 'href="/"' in page
    assert 'href="/search/"' in page
    assert 'href="/accounts/login/"' in page


def test_the_server_error_page_renders_without_the_database(client, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False

    with connection.execute_wrapper(_no_database):
        response = client.get("/broken/")

    page = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="zh-CN">' in page
    assert 'class="site-header"' in page
    assert "出了点问题" in page


def _no_database(execute, sql, params, many, context):
    raise RuntimeError("the database is down")


def test_the_demo_shows_the_sites_404_even_with_debug_on(client, settings):
    settings.DEBUG = True
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "citylearn.core.middleware.SiteNotFoundPageMiddleware",
    ]

    response = client.get("/en/no/such/page/")

    page = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="en">' in page
    assert "URLconf" not in page
    assert 'class="site-header"' in page


def test_the_demo_settings_use_the_sites_404():
    from citylearn.settings import dev

    assert "citylearn.core.middleware.SiteNotFoundPageMiddleware" in dev.MIDDLEWARE
