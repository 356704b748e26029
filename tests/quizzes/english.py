from django.core.cache import cache
from django.urls import clear_url_caches


def english_as_default(settings):
    """Serve unprefixed URLs in English for tests that read the English wording.

    URL prefixes and Wagtail's site paths are cached per language: they are rebuilt on
    the way in and out so that no other test sees English as the default.
    """
    settings.LANGUAGE_CODE = "en"
    clear_url_caches()
    cache.clear()
    yield
    settings.LANGUAGE_CODE = "zh-hans"
    clear_url_caches()
    cache.clear()
