"""Settings for bench/public_pages.py: production-like (no debug), on loopback, over HTTP."""

import os

from citylearn.settings.base import *

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "bench-only-not-secret-" + "x" * 40)
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"
