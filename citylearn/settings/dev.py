"""A newcomer's machine: debug on, SQLite and eager tasks unless the environment says otherwise."""

import os

from .base import *

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-citylearn")  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
MIDDLEWARE = [*MIDDLEWARE, "citylearn.core.middleware.SiteNotFoundPageMiddleware"]
