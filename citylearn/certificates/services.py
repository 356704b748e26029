"""Issuing and revoking certificates. Issuing twice leaves one certificate and one PDF."""

from datetime import timedelta

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citylearn.certificates.models import Certificate
from citylearn.certificates.names import holder_name
from citylearn.certificates.pdf import render_certificate_pdf
from citylearn.progress.models import CourseCompletion

REASON_REQUIRED = _("Say why the certificate is revoked.")

# A completion this recent may still have its certificate on the way.
SWEEP_GRACE = timedelta(minutes=10)
SWEEP_BATCH = 500


def issue_certificate(*, completion: CourseCompletion) -> Certificate:
    """The completion's certificate, created and rendered to PDF the first time only."""
    certificate, __ = Certificate.objects.get_or_create(
        completion=completion,
        defaults={
            "user": completion.user,
            "course": completion.course,
            "holder_name": holder_name(completion.user),
            "course_title": completion.course.title,
            "credit_hours": completion.credit_hours,
            "completed_on": completion.completed_on,
        },
    )
    return ensure_certificate_pdf(certificate=certificate)


def completions_missing_certificates() -> list[int]:
    """Completions whose certificate was never issued, or whose PDF was never stored.

    No PDF: the worker died while rendering it, or the private folder was full.
    """
    return list(
        CourseCompletion.objects.filter(
            Q(certificate__isnull=True) | Q(certificate__pdf=""),
            completed_at__lt=timezone.now() - SWEEP_GRACE,
        )
        .order_by("completed_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )


def ensure_certificate_pdf(*, certificate: Certificate) -> Certificate:
    """The certificate with its stored PDF, rendered if (and only if) it has none yet."""
    if certificate.pdf:
        return certificate
    with transaction.atomic():
        # Two workers holding the same task: the second waits here, then finds the PDF.
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if not certificate.pdf:
            certificate.pdf.save(
                f"{certificate.code}.pdf",
                ContentFile(render_certificate_pdf(certificate)),
                save=False,
            )
            certificate.save(update_fields=["pdf"])
    return certificate


def revoke_certificate(
    *, certificate: Certificate, by: AbstractUser, reason: str
) -> Certificate:
    """Mark the certificate revoked; revoking it again keeps the first time and person."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"revocation_reason": REASON_REQUIRED})
    certificate.revocation_reason = reason
    fields = ["revocation_reason"]
    if certificate.revoked_at is None:
        certificate.revoked_at = timezone.now()
        certificate.revoked_by = by
        fields += ["revoked_at", "revoked_by"]
    certificate.save(update_fields=fields)
    return certificate
