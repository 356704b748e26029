"""Tests: fast hashing, no static manifest; the database and broker come from the environment."""

import os
import tempfile
from pathlib import Path

from .dev import *

DEBUG = False
# The suite runs tasks in-process; tests marked "worker" send theirs through the broker.
CELERY_TASK_ALWAYS_EAGER = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# A file, not memory: the health check test must be able to break the connection.
# One per process, so that two test runs on one machine never share it.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {
        "NAME": str(
            Path(tempfile.gettempdir()) / f"citylearn-test-{os.getpid()}.sqlite3"
        )
    }
