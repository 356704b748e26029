import os

import pytest

# CI must run every test; on a newcomer's machine a missing browser or broker only skips.
IN_CI = os.environ.get("CI") == "true"


def skip_or_fail(reason: str):
    if IN_CI:
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def certificate_files(tmp_path, monkeypatch):
    """Certificate PDFs written by a test go to its own temporary directory."""
    from django.core.files.storage import FileSystemStorage

    from citylearn.certificates.models import Certificate

    storage = FileSystemStorage(location=tmp_path / "certificates")
    monkeypatch.setattr(Certificate._meta.get_field("pdf"), "storage", storage)
    return storage


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language, whatever the last request activated."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()
