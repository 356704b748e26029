import logging

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from citylearn.certificates.enums import VerificationStatus
from citylearn.certificates.models import Certificate
from citylearn.certificates.selectors import verify_certificate
from citylearn.certificates.services import ensure_certificate_pdf

CODE_MAX_LENGTH = 64

logger = logging.getLogger(__name__)


# Public and anonymous: touches neither the session nor the user, so sets no cookie.
@require_GET
@cache_control(public=True, max_age=60)
def verify(request, code: str = ""):
    """Whether a verification code belongs to a valid, revoked or unknown certificate."""
    code = (code or request.GET.get("code", "")).strip()[:CODE_MAX_LENGTH]
    verification = verify_certificate(code=code) if code else None
    status = 200
    if verification and verification.status == VerificationStatus.UNKNOWN:
        status = 404
    return render(
        request,
        "certificates/verify.html",
        {"code": code, "verification": verification, "statuses": VerificationStatus},
        status=status,
    )


@require_GET
@login_required
def download(request, code: str):
    """The holder's own certificate as a PDF; revoked certificates are not served."""
    certificate = (
        Certificate.objects.filter(
            code=code, user=request.user, revoked_at__isnull=True
        )
        .select_related("course")
        .first()
    )
    if certificate is None:
        raise Http404
    try:
        certificate = ensure_certificate_pdf(certificate=certificate)
    except OSError:
        # A full or unwritable private folder: nothing was stored, and the next
        # download (or the task's retry) renders it again.
        logger.exception("Certificate %s could not be stored", certificate.code)
        response = render(request, "certificates/being_prepared.html", status=503)
        response["Retry-After"] = "60"
        return response
    response = FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"certificate-{certificate.course.slug}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response
