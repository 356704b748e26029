import pytest

from tests.reports import world


@pytest.fixture(autouse=True)
def export_files(settings, tmp_path):
    """Export files written by a test go to its own private directory."""
    settings.STORAGES = {
        **settings.STORAGES,
        "exports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "exports"},
        },
    }
    return tmp_path / "exports"


@pytest.fixture
def tree():
    return world.build()
