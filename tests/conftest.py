import os

import pytest

# CI must run every test; on a newcomer's machine a missing browser or broker only skips.
IN_CI = os.environ.get("CI") == "true"


def skip_or_fail(reason: str):
    if IN_CI:
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: pages and rate limits must not leak."""
    from django.core.cache import cache

    cache.clear()
