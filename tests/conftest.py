import os

import pytest

pytest_plugins = ["tests.content_tree"]

# CI must run every test; on a newcomer's machine a missing browser or broker only skips.
IN_CI = os.environ.get("CI") == "true"


def skip_or_fail(reason: str):
    if IN_CI:
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)
