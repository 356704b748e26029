"""The certificate as a PDF (see core.pdf)."""

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from citylearn.certificates.models import Certificate
from citylearn.core.pdf import render_pdf


def verification_url(certificate: Certificate) -> str:
    """The absolute address of the public page that verifies this certificate."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("certificates:verify", kwargs={"code": certificate.code})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def render_certificate_pdf(certificate: Certificate) -> bytes:
    url = verification_url(certificate)
    qr_code = segno.make(url, error="m").svg_data_uri(scale=4, border=0)
    return render_pdf(
        "certificates/certificate_pdf.html",
        {"certificate": certificate, "verification_url": url, "qr_code": qr_code},
    )
