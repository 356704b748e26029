import pytest

from tests.reports import world


@pytest.fixture
def tree():
    return world.build()
