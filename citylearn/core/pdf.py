"""Documents as PDF: HTML laid out by WeasyPrint, with Noto Sans CJK embedded.

Templates name the font "Noto Sans CJK SC" (Debian's fonts-noto-cjk); WeasyPrint
embeds the subset it uses, so the PDF reads the same on a machine without it.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher


def _inline_only() -> URLFetcher:
    # A document may embed data: URIs (a QR code) but fetch nothing else: no text
    # that reaches a template may make the server open a file or an address.
    return URLFetcher(allowed_protocols={"data"})


def render_pdf(template_name: str, context: dict) -> bytes:
    """The template rendered in the site's language, as a PDF document."""
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(template_name, context)
    return HTML(string=html, url_fetcher=_inline_only()).write_pdf()
