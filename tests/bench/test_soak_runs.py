"""The soak still runs against the product as it is: a short one, in CI's PostgreSQL pass.

The benchmarks drive the site over HTTP like a browser, so a changed form or page can
break them without any other test noticing (the quiz's confirmation step once did).
"""

import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the soak needs PostgreSQL and Redis on 127.0.0.1 (CI's second pass)",
)
def test_a_short_soak_loses_nothing_and_answers_every_request():
    result = subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [
            sys.executable,
            "bench/soak.py",
            "--minutes",
            "0.25",
            "--learners",
            "40",
            "--workers",
            "2",
            "--database",
            "citylearn_ci_soak",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = result.stdout[-3000:] + result.stderr[-3000:]
    assert result.returncode == 0, report
    for kind in ("read", "search", "lesson", "quiz", "dashboard", "export"):
        assert f"\n{kind} " in result.stdout, (kind, report)
