"""The person's certificates, revoked ones included, for "My data"."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from citylearn.accounts.personal_data import Section, register
from citylearn.certificates.models import Certificate


def _certificates(user) -> list[dict[str, Any]]:
    return [
        {
            "code": certificate.code,
            "holder_name": certificate.holder_name,
            "course": certificate.course_title,
            "credit_hours": certificate.credit_hours,
            "completed_on": certificate.completed_on,
            "issued_at": certificate.issued_at,
            "revoked_at": certificate.revoked_at,
            "revocation_reason": certificate.revocation_reason,
        }
        for certificate in Certificate.objects.filter(user=user).order_by(
            "issued_at", "pk"
        )
    ]


register(
    Section(
        "certificates",
        _("Your certificates"),
        _certificates,
        {
            "code": _("Verification code"),
            "holder_name": _("Name on the certificate"),
            "course": _("Course"),
            "credit_hours": _("Credit hours"),
            "completed_on": _("Completed on"),
            "issued_at": _("Issued at"),
            "revoked_at": _("Revoked at"),
            "revocation_reason": _("Reason for revoking"),
        },
        models=(Certificate,),
    )
)
