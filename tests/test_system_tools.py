import pytest

import tests.conftest
from tests.conftest import require_tool


def test_a_missing_tool_skips_with_the_package_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(tests.conftest, "IN_CI", False)

    with pytest.raises(pytest.skip.Exception, match=r"apt-get install poppler-utils"):
        require_tool("pdftotext")


def test_a_missing_tool_fails_in_ci(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(tests.conftest, "IN_CI", True)

    with pytest.raises(pytest.fail.Exception, match=r"required in CI"):
        require_tool("pdftotext")


def test_a_present_tool_gives_its_path(monkeypatch, tmp_path):
    tool = tmp_path / "pdftotext"
    tool.write_text("#!/bin/sh\n")
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))

    assert require_tool("pdftotext") == str(tool)
