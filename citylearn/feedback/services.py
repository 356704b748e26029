"""Storing a visitor's feedback: anonymous, rate-limited by a keyed hash of the address."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from citylearn.core.counters import count_in_window
from citylearn.core.models import BasePage
from citylearn.core.spreadsheets import without_control_characters
from citylearn.feedback.models import Feedback

NOT_A_PAGE = _("Feedback can only be given on a page of this site.")
# Public pages that are Django views rather than Wagtail pages.
PUBLIC_VIEWS = {"transparency", "search:search"}


def submit_feedback(
    *, request: HttpRequest, path: str, helpful: bool, comment: str
) -> Feedback:
    """Store one answer to "did this help?" for the page at path, in either language."""
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    page_path = _without_language(path, language)
    if not _is_public_page(request, page_path):
        raise ValidationError(NOT_A_PAGE, code="not_a_page")
    # Control characters are invisible to the visitor and would break XLSX exports.
    comment = without_control_characters(comment).strip()
    feedback = Feedback(
        path=page_path, language=language, helpful=helpful, comment=comment
    )
    feedback.full_clean()
    feedback.save()
    return feedback


def allow_feedback_from(address: str) -> bool:
    """Count a submission from this address; False once it is over the limit.

    The cache key is a keyed hash of the address, so neither the database nor the
    cache ever holds the address itself, and the hash cannot be reversed by trying
    every address without the site's secret key.
    """
    limit, window = settings.FEEDBACK_RATE_LIMIT
    digest = salted_hmac("citylearn.feedback.rate-limit", address).hexdigest()
    return count_in_window(f"feedback-rate:{digest}", window=window) <= limit


def _without_language(path: str, language: str) -> str:
    prefix = f"/{language}/"
    if language != settings.LANGUAGE_CODE and path.startswith(prefix):
        return path[len(prefix) - 1 :]
    return path


def _is_public_page(request: HttpRequest, path: str) -> bool:
    if not path.startswith("/") or path.startswith("//"):
        return False
    with translation.override(settings.LANGUAGE_CODE):
        try:
            match = resolve(path)
        except Resolver404:
            return False
    if match.view_name in PUBLIC_VIEWS:
        return True
    if match.url_name != "wagtail_serve":
        return False
    site = Site.find_for_request(request)
    if site is None:
        return False
    components = [part for part in path.split("/") if part]
    try:
        route = site.root_page.specific.route(request, components)
    except Http404:
        return False
    # Feedback names its page in the editors' report: none for pages a visitor
    # cannot read (signed-in only, staff courses), or their titles would leak.
    page = route.page
    return page.is_open_to_everyone() if isinstance(page, BasePage) else page.live
