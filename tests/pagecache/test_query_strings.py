"""Made-up query strings cannot fill the shared cache; each page has a share of it."""

import re
import secrets

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citylearn.pagecache import services
from tests.builders import pages
from tests.builders.quizzes import make_bank, make_self_check

pytestmark = pytest.mark.django_db

STORED_PAGE = re.compile(r"pagecache:\d+:[0-9a-f]{64}$")


@pytest.fixture(autouse=True)
def countable_cache(settings):
    """A local-memory cache whatever REDIS_URL says, so that its entries can be counted."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "query-string-tests",
        }
    }
    yield
    caches["default"].clear()


def stored_pages() -> int:
    return sum(bool(STORED_PAGE.search(key)) for key in caches["default"]._cache)


def served_from_the_cache(client, url: str) -> bool:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries) == 0


@pytest.fixture
def site():
    pages.explainer(slug="right-to-access")
    pages.case(slug="city-brain", themes=["city-brain"], year=2016)
    make_self_check(make_bank(2))


def test_made_up_query_strings_store_nothing(client, site):
    pages = ["/", "/rights/right-to-access/", "/cases/", "/search/?q=数据"]
    for url in pages:
        client.get(url)
    stored = stored_pages()

    for url in pages:
        for _ in range(10):
            joiner = "&" if "?" in url else "?"
            response = client.get(f"{url}{joiner}{secrets.token_hex(4)}=1")
            assert response.status_code == 200

    assert stored_pages() == stored == len(pages)


def test_the_parameters_a_page_is_built_from_are_cached_in_any_order(client, site):
    client.get("/cases/?theme=city-brain&year=2016")

    assert served_from_the_cache(client, "/cases/?year=2016&theme=city-brain")
    assert served_from_the_cache(client, "/search/?q=数据") is False
    assert served_from_the_cache(client, "/search/?q=数据")
    assert served_from_the_cache(client, "/self-check/?check=1&q-1=2") is False
    assert served_from_the_cache(client, "/self-check/?q-1=2&check=1")


def test_a_page_keeps_no_more_than_its_share_of_variants(client, site, monkeypatch):
    monkeypatch.setattr(services, "VARIANTS_PER_PAGE", 3)

    for _ in range(20):
        response = client.get(f"/cases/?theme={secrets.token_hex(4)}")
        assert response.status_code == 200
    for _ in range(20):
        client.get(f"/search/?q={secrets.token_hex(4)}")

    assert stored_pages() == 6
    # The page itself is always kept, whatever its variants did.
    client.get("/cases/")
    assert served_from_the_cache(client, "/cases/")
    assert stored_pages() == 7
