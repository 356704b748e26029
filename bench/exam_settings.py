"""Production settings for bench/exam_window.py, minus the static-file manifest.

The benchmark requests no static files, and building the compressed manifest takes
longer than the exam window itself; everything else is production's.
"""

from citylearn.settings.production import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {
    **LOGGING,  # noqa: F405
    "root": {"handlers": ["console"], "level": "WARNING"},
}
