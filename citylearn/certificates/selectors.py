from dataclasses import dataclass

from citylearn.certificates.enums import VerificationStatus
from citylearn.certificates.models import Certificate


@dataclass(frozen=True)
class Verification:
    status: VerificationStatus
    certificate: Certificate | None = None


def verify_certificate(*, code: str) -> Verification:
    """What the public may learn from a verification code: valid, revoked or unknown."""
    certificate = Certificate.objects.filter(code=code).first() if code else None
    if certificate is None:
        return Verification(VerificationStatus.UNKNOWN)
    if certificate.is_revoked:
        return Verification(VerificationStatus.REVOKED, certificate)
    return Verification(VerificationStatus.VALID, certificate)
