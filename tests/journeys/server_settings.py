"""The journeys' gunicorn: the newcomer's settings with debug off, serving its own static files."""

from citylearn.settings.dev import *  # noqa: F403

DEBUG = False
# Without nginx in front, gunicorn serves the static files straight from the app folders.
MIDDLEWARE = [
    MIDDLEWARE[0],  # noqa: F405
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],  # noqa: F405
]
WHITENOISE_USE_FINDERS = True
