"""An uncached public page needs few queries, however much the site holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citylearn.pagecache.services import invalidate_public_pages
from tests.pagecache.public_site import PAGE_URLS, build_site

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [1, 6])
def test_an_uncached_page_needs_at_most_eleven_queries(client, size):
    # The richest page is a case study: routing, glossary, then one query for each
    # relation it shows (explainers in order, risks' explainers, courses, provisions).
    build_site(size)
    for url in PAGE_URLS:
        client.get(url)  # warms Wagtail's site and content-type caches
        invalidate_public_pages()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        assert len(queries) <= 11, (url, [q["sql"][:100] for q in queries])
